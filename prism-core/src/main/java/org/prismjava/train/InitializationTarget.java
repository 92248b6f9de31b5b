package org.prismjava.train;

import org.prismjava.util.Checks;

/** What the generator is fitted to before the progressive phase (spec 8.2, fixed per 14 #4). */
public enum InitializationTarget {
    /** A filled disk of diameter n_obj on the object square, in image space (the default). */
    CIRCLE,
    /** The first sample's measurement, compared in measurement space (physics-consistent). */
    MEASUREMENT,
    /** The object seen through the union of every sample's aperture (coherent k-space preview), in image space. */
    SYNTHETIC_APERTURE,
    /** No initialization phase. */
    NONE;

    /**
     * The target named {@code circle}, {@code measurement}, {@code synthetic-aperture} or
     * {@code none} (any case, '-' or '_').
     */
    public static InitializationTarget byName(String name) {
        for (InitializationTarget t : values()) {
            if (t.name().equalsIgnoreCase(String.valueOf(name).replace('-', '_'))) {
                return t;
            }
        }
        throw Checks.invalid("initializationTarget", name,
                "must be one of circle, measurement, synthetic-aperture, none");
    }
}
