package org.prismjava.optics;

import java.util.Map;
import org.prismjava.util.Checks;

/**
 * A regular hexagon with flat sides at {@code x = +-apothem}: transmits where
 * {@code max(|dx|, |dx|/2 + (sqrt 3 / 2)|dy|) <= apothem}. Its side is {@code 2 apothem / sqrt 3}
 * and its area {@code 2 sqrt(3) apothem^2} (the reference called this parameter "side_length";
 * spec 2.2 and 14 #14). Apothem 20 on a 256 grid gives 1411 px.
 *
 * @param apothem centre-to-flat-side distance in pixels, {@code > 0}
 */
public record HexagonalAperture(double apothem) implements Aperture {
    private static final double HALF_SQRT3 = Math.sqrt(3) / 2;

    /** Validates the apothem. */
    public HexagonalAperture {
        Checks.positive("apothem", apothem);
    }

    @Override
    public double boundingRadius() {
        return apothem * 2 / Math.sqrt(3);
    }

    @Override
    public double amplitude(double dy, double dx) {
        double ax = Math.abs(dx);
        return Math.max(ax, ax / 2 + HALF_SQRT3 * Math.abs(dy)) <= apothem ? 1 : 0;
    }

    @Override
    public Map<String, Object> toMap() {
        return Map.of("type", "hexagonal", "apothem", apothem);
    }
}
