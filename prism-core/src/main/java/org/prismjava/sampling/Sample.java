package org.prismjava.sampling;

import org.prismjava.optics.Center;
import org.prismjava.util.Checks;

/**
 * One progressive sample: a sub-aperture position ({@code start == end}) or a line segment
 * swept by the aperture (motion-blur / line acquisition). Coordinates in pixels relative to DC,
 * y first.
 *
 * @param start position, or first end of the segment
 * @param end same as start for a point, else the other end of the segment
 */
public record Sample(Center start, Center end) {
    /** Validates non-null ends. */
    public Sample {
        Checks.check(start != null, "start", null, "must be set");
        Checks.check(end != null, "end", null, "must be set");
    }

    /** A point sample. */
    public static Sample point(double y, double x) {
        Center c = new Center(y, x);
        return new Sample(c, c);
    }

    /** A point sample. */
    public static Sample point(Center c) {
        return new Sample(c, c);
    }

    /** A line sample. */
    public static Sample line(Center start, Center end) {
        return new Sample(start, end);
    }

    /** Whether this is a point (zero-length segment). */
    public boolean isPoint() {
        return start.equals(end);
    }

    /** Segment length in pixels (0 for a point). */
    public double length() {
        return Math.hypot(end.y() - start.y(), end.x() - start.x());
    }

    /** The segment midpoint (the point itself for a point sample). */
    public Center midpoint() {
        return new Center((start.y() + end.y()) / 2, (start.x() + end.x()) / 2);
    }
}
