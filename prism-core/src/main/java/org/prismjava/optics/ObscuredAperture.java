package org.prismjava.optics;

import java.util.Map;
import org.prismjava.util.Checks;
import org.slf4j.LoggerFactory;

/**
 * An annulus with a central obscuration and optional spider vanes (spec 2.2): transmits where
 * {@code inner^2 <= r^2 <= outer^2}, minus {@code spiders} full-width lines through the centre
 * at angles {@code i pi / spiders}, each {@code spiderWidth} pixels wide. With 4 spiders the
 * vanes block 8 half-lines at 0, 45, 90 and 135 degrees.
 *
 * @param outerRadius outer radius in pixels, {@code > 0}
 * @param innerRadius obscuration radius in pixels, {@code 0 <= inner < outer}
 * @param spiderWidth vane width in pixels, {@code >= 0}
 * @param spiders number of vanes (lines through the centre), {@code >= 0}
 */
public record ObscuredAperture(double outerRadius, double innerRadius, double spiderWidth, int spiders)
        implements Aperture {
    /** Default obscuration as a fraction of the outer radius (spec 14 #15). */
    public static final double DEFAULT_OBSCURATION = 0.1;

    /** Validates the geometry; warns when the obscuration exceeds half the outer radius. */
    public ObscuredAperture {
        Checks.positive("outerRadius", outerRadius);
        Checks.nonNegative("innerRadius", innerRadius);
        Checks.check(innerRadius < outerRadius, "innerRadius", innerRadius, "must be < outerRadius = " + outerRadius);
        Checks.nonNegative("spiderWidth", spiderWidth);
        Checks.check(spiders >= 0, "spiders", spiders, "must be >= 0");
        if (innerRadius / outerRadius > 0.5) {
            LoggerFactory.getLogger(ObscuredAperture.class).warn(
                    "Obscuration ratio {} is above 0.5: most of the aperture is blocked", innerRadius / outerRadius);
        }
    }

    /** Outer radius with the default obscuration ({@value #DEFAULT_OBSCURATION} of it) and no spiders. */
    public static ObscuredAperture of(double outerRadius) {
        return new ObscuredAperture(outerRadius, DEFAULT_OBSCURATION * outerRadius, 0, 0);
    }

    @Override
    public double boundingRadius() {
        return outerRadius;
    }

    @Override
    public double amplitude(double dy, double dx) {
        double r2 = dx * dx + dy * dy;
        if (r2 > outerRadius * outerRadius || r2 < innerRadius * innerRadius) {
            return 0;
        }
        for (int i = 0; i < spiders; i++) {
            double t = i * Math.PI / spiders;
            if (Math.abs(dx * Math.sin(t) - dy * Math.cos(t)) <= spiderWidth / 2) {
                return 0;
            }
        }
        return 1;
    }

    @Override
    public Map<String, Object> toMap() {
        return Map.of("type", "obscured", "outerRadius", outerRadius, "innerRadius", innerRadius,
                "spiderWidth", spiderWidth, "spiders", spiders);
    }
}
