package org.prismjava.measure;

/**
 * What the values of a recorded frame are: the detector's intensity (counts, what detectors
 * record; fitted with their Poisson likelihood and self-calibrated) or its amplitude
 * {@code sqrt(intensity)} (the library's own simulated data; taken as calibrated).
 */
public enum FrameUnit {
    /** Counts: {@code I}, non-negative up to read noise. */
    INTENSITY("intensity"),
    /** {@code sqrt(I)}, non-negative. */
    AMPLITUDE("amplitude");

    private final String id;

    FrameUnit(String id) {
        this.id = id;
    }

    /** The name used in files and on the command line. */
    public String id() {
        return id;
    }

    /** The unit of a name ({@code intensity} or {@code amplitude}, any case). */
    public static FrameUnit byName(String name) {
        for (FrameUnit u : values()) {
            if (u.id.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return u;
            }
        }
        throw org.prismjava.util.Checks.invalid("unit", name, "must be intensity or amplitude");
    }
}
