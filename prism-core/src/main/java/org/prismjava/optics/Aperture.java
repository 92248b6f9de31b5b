package org.prismjava.optics;

import java.util.List;
import java.util.Map;
import org.prismjava.util.Checks;
import org.prismjava.util.StoredFields;

/**
 * The shape of one sub-aperture: a complex transmission as a function of the offset
 * {@code (dy, dx)} in pixels from the aperture centre. This is the extension point for custom
 * optics: implement it (or use {@link SampledAperture}) for segmented, obscured or aberrated
 * pupils. Built-in shapes are records, so equal shapes are equal keys for caching.
 *
 * <p>Apertures are not periodic: a placement overlapping the grid edge is truncated.
 */
public interface Aperture {
    /** Radius in pixels of a disk around the centre that contains every transmitting pixel. */
    double boundingRadius();

    /** Modulus of the transmission at offset (dy, dx); 0 outside the aperture. */
    double amplitude(double dy, double dx);

    /** Phase of the transmission in radians at offset (dy, dx); 0 (no aberration) by default. */
    default double phase(double dy, double dx) {
        return 0;
    }

    /**
     * Rasterises this aperture centred at {@code center} on an N x N grid: pixel (i, j) gets the
     * transmission at offset {@code (i - N/2 - center.y, j - N/2 - center.x)}.
     *
     * @throws IllegalArgumentException if the centre is off the grid or no pixel transmits
     */
    default Pupil pupil(int n, Center center) {
        Checks.powerOfTwo("n", n, 2);
        center.requireOnGrid(n);
        double r = boundingRadius();
        double cy = n / 2 + center.y();
        double cx = n / 2 + center.x();
        int r0 = Math.max(0, (int) Math.floor(cy - r));
        int r1 = Math.min(n, (int) Math.ceil(cy + r) + 1);
        int c0 = Math.max(0, (int) Math.floor(cx - r));
        int c1 = Math.min(n, (int) Math.ceil(cx + r) + 1);
        Region box = new Region(r0, r1, c0, c1);
        float[] re = new float[box.height() * box.width()];
        float[] im = new float[re.length];
        for (int i = r0; i < r1; i++) {
            for (int j = c0; j < c1; j++) {
                double a = amplitude(i - cy, j - cx);
                if (a != 0) {
                    double p = phase(i - cy, j - cx);
                    int k = (i - r0) * box.width() + (j - c0);
                    re[k] = (float) (a * Math.cos(p));
                    im[k] = (float) (a * Math.sin(p));
                }
            }
        }
        Pupil pupil = Pupil.of(n, box, re, im);
        Checks.check(!pupil.isEmpty(), "aperture", this, "transmits no pixel at " + center + " on a "
                + n + "x" + n + " grid");
        return pupil;
    }

    /**
     * This shape as a plain map ({@code type} plus its parameters), for provenance, checkpoints and
     * configuration files; {@link #fromMap} reads the built-in types back. A custom aperture is
     * recorded by class name and {@code toString()}; override this (and build it in code) to
     * record more.
     */
    default Map<String, Object> toMap() {
        return Map.of("type", getClass().getName(), "description", toString());
    }

    /**
     * The built-in aperture a {@link #toMap()} map describes: {@code circular}, {@code hexagonal},
     * {@code obscured} or {@code sampled}. Other types cannot be rebuilt from a map and are
     * refused naming the type.
     */
    static Aperture fromMap(Map<String, ?> map) {
        StoredFields f = StoredFields.of(map, "aperture");
        String type = f.string("type");
        return switch (type) {
            case "circular" -> new CircularAperture(f.requireOnly(List.of("type", "radius")).number("radius"));
            case "hexagonal" -> new HexagonalAperture(f.requireOnly(List.of("type", "apothem")).number("apothem"));
            case "obscured" -> new ObscuredAperture(
                    f.requireOnly(List.of("type", "outerRadius", "innerRadius", "spiderWidth", "spiders"))
                            .number("outerRadius"), f.number("innerRadius"), f.number("spiderWidth"),
                    f.integer("spiders"));
            case "sampled" -> SampledAperture.of(f.requireOnly(List.of("type", "height", "width", "re", "im"))
                    .integer("height"), f.integer("width"), floats(f, "re"), floats(f, "im"));
            default -> throw f.invalid("type " + type + " cannot be rebuilt from a map (built-in types: circular,"
                    + " hexagonal, obscured, sampled); build a telescope with a custom aperture in code");
        };
    }

    private static float[] floats(StoredFields f, String key) {
        List<?> values = f.list(key);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(values.get(i) instanceof Number v)) {
                throw f.invalid("key " + key + " must hold numbers, found " + values.get(i) + " at " + i);
            }
            out[i] = v.floatValue();
        }
        return out;
    }
}
