package org.prismjava.cli;

import java.util.Locale;

/**
 * Display stretch for the PNGs a run writes (the data are never changed): pixel values are
 * divided by the image's maximum, then mapped to [0, 1] linearly, by {@code asinh(10 x) /
 * asinh(10)} (faint structure next to a bright core, the usual choice for galaxies) or by
 * {@code log(1 + 1000 x) / log(1001)}.
 */
enum Stretch {
    /** Proportional to the value. */
    LINEAR,
    /** asinh(10 x) / asinh(10). */
    ASINH,
    /** log(1 + 1000 x) / log(1001). */
    LOG;

    /** A stretched copy of {@code pixels} in [0, 1] (negative values count as 0). */
    float[] apply(float[] pixels) {
        float max = 0;
        for (float v : pixels) {
            max = Math.max(max, v);
        }
        float[] out = new float[pixels.length];
        for (int i = 0; i < out.length; i++) {
            double x = max > 0 ? Math.max(0, pixels[i]) / max : 0;
            out[i] = (float) switch (this) {
                case LINEAR -> x;
                case ASINH -> asinh(10 * x) / asinh(10);
                case LOG -> Math.log1p(1000 * x) / Math.log1p(1000);
            };
        }
        return out;
    }

    private static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }

    /** {@code linear}, {@code asinh} or {@code log} (any case). */
    static Stretch byName(String name) {
        for (Stretch s : values()) {
            if (s.name().equalsIgnoreCase(String.valueOf(name))) {
                return s;
            }
        }
        throw new PrismCommand.UsageException("--stretch " + name + " is invalid: use linear, asinh or log");
    }

    /** Lower-case name. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
