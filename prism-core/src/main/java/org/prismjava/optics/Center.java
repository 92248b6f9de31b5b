package org.prismjava.optics;

import org.prismjava.util.Checks;

/**
 * A position on the N x N grid in pixels relative to the centre pixel {@code [N/2, N/2]}
 * (DC in k-space), y first as everywhere in PRISM. Sub-pixel positions are allowed.
 *
 * @param y row offset in pixels
 * @param x column offset in pixels
 */
public record Center(double y, double x) {
    /** The centre pixel (DC). */
    public static final Center ORIGIN = new Center(0, 0);

    /** Validates finite coordinates. */
    public Center {
        Checks.finite("center.y", y);
        Checks.finite("center.x", x);
    }

    /** Distance from the origin in pixels. */
    public double radius() {
        return Math.hypot(y, x);
    }

    /** Requires this centre to lie on an N x N grid: {@code -N/2 <= y, x < N/2}. */
    public Center requireOnGrid(int n) {
        double lo = -n / 2.0;
        double hi = n / 2.0;
        Checks.check(y >= lo && y < hi, "center.y", y, "must be in [" + lo + ", " + hi + ") for grid size " + n);
        Checks.check(x >= lo && x < hi, "center.x", x, "must be in [" + lo + ", " + hi + ") for grid size " + n);
        return this;
    }
}
