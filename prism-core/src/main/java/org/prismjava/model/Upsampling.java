package org.prismjava.model;

import java.util.Locale;
import org.prismjava.util.Checks;

/** How the decoder's upsampling stages double the spatial size. */
public enum Upsampling {
    /** Transposed convolution, kernel 4, stride 2, padding 1 (the reference; can leave a checkerboard). */
    TRANSPOSED,
    /** Bilinear upsampling by two followed by a 3x3 convolution (no checkerboard). */
    BILINEAR;

    /** Lower-case name ({@code transposed}, {@code bilinear}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an {@link #id()} ({@code transposed}, {@code bilinear}). */
    public static Upsampling byName(String name) {
        for (Upsampling u : values()) {
            if (u.id().equals(name == null ? "" : name.toLowerCase(Locale.ROOT))) {
                return u;
            }
        }
        throw Checks.invalid("upsampling", name, "must be one of transposed, bilinear");
    }
}
