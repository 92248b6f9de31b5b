package org.prismjava.loss;

import org.prismjava.optics.Region;
import org.prismjava.util.Checks;

/**
 * Smoothed anisotropic total variation of the part of a row-major N x N image inside a region:
 * the mean over neighbouring pixel pairs (right and down, both inside the region) of
 * {@code sqrt(d^2 + eps^2) - eps}. It favours piecewise-smooth images; the smoothing {@code eps}
 * keeps the gradient defined at {@code d = 0}. Immutable.
 *
 * @param epsilon smoothing, finite and {@code > 0} (amplitude units)
 */
public record TotalVariation(double epsilon) {
    /** The smoothing used by default (1e-3 of the amplitude range). */
    public static final TotalVariation STANDARD = new TotalVariation(1e-3);

    /** Validates the smoothing. */
    public TotalVariation {
        Checks.positive("epsilon", epsilon);
    }

    /**
     * {@code weight * TV(image on region)}; when {@code grad} is not null the gradient of that is
     * <em>added</em> to it.
     */
    public double addTo(float[] image, int n, Region region, double weight, float[] grad) {
        Checks.check(image != null && image.length == n * n, "image.length", image == null ? "null" : image.length,
                "must be n*n = " + n * n);
        Checks.check(region != null && region.fitsIn(n), "region", region, "must lie within the " + n + "x" + n + " grid");
        Checks.nonNegative("weight", weight);
        int pairs = region.height() * (region.width() - 1) + region.width() * (region.height() - 1);
        if (pairs <= 0 || weight == 0) {
            return 0;
        }
        double scale = weight / pairs;
        double e2 = epsilon * epsilon;
        double sum = 0;
        for (int r = region.rowFrom(); r < region.rowTo(); r++) {
            for (int c = region.colFrom(); c < region.colTo(); c++) {
                int k = r * n + c;
                if (c + 1 < region.colTo()) {
                    sum += pair(image, k, k + 1, e2, scale, grad);
                }
                if (r + 1 < region.rowTo()) {
                    sum += pair(image, k, k + n, e2, scale, grad);
                }
            }
        }
        return scale * sum;
    }

    private double pair(float[] image, int a, int b, double e2, double scale, float[] grad) {
        double d = (double) image[b] - image[a];
        double s = Math.sqrt(d * d + e2);
        if (grad != null) {
            float g = (float) (scale * d / s);
            grad[b] += g;
            grad[a] -= g;
        }
        return s - epsilon;
    }
}
