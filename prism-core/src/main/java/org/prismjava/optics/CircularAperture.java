package org.prismjava.optics;

import java.util.Map;
import org.prismjava.util.Checks;

/**
 * A filled disk: transmits where {@code dx^2 + dy^2 <= radius^2} (inclusive, spec 2.2).
 * Pixel counts at integer centres: radius 8.5 gives 225 px, 10 gives 317, 25 gives 1961.
 *
 * @param radius radius in pixels, {@code > 0}
 */
public record CircularAperture(double radius) implements Aperture {
    /** Validates the radius. */
    public CircularAperture {
        Checks.positive("radius", radius);
    }

    @Override
    public double boundingRadius() {
        return radius;
    }

    @Override
    public double amplitude(double dy, double dx) {
        return dx * dx + dy * dy <= radius * radius ? 1 : 0;
    }

    @Override
    public Map<String, Object> toMap() {
        return Map.of("type", "circular", "radius", radius);
    }
}
