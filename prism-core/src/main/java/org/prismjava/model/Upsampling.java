package org.prismjava.model;

/** How the decoder's upsampling stages double the spatial size. */
public enum Upsampling {
    /** Transposed convolution, kernel 4, stride 2, padding 1 (the reference; can leave a checkerboard). */
    TRANSPOSED,
    /** Bilinear upsampling by two followed by a 3x3 convolution (no checkerboard). */
    BILINEAR;

    /** Lower-case name ({@code transposed}, {@code bilinear}). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
