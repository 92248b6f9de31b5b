package org.prismjava.train;

import java.util.Locale;
import org.prismjava.model.DecoderConfig;
import org.prismjava.util.Checks;

/** How {@link ProgressiveTrainer} uses the samples it has measured. */
public enum Algorithm {
    /**
     * This library's default: at sample k the generator is trained against the measurements of
     * every sample so far (replay, each weighted {@code 1/(k+1)}), one new sub-aperture at a time;
     * after the last sample the reconstruction is refined jointly on the pixels against all
     * measurements ({@link org.prismjava.baseline.JointPhaseRetrieval#refine}), with early
     * stopping on held-out detector pixels when the measurements are noisy.
     */
    REPLAY,
    /**
     * The reference (spec 8.3): at sample k the generator fits the new measurement and the
     * previous reconstruction seen through the cumulative mask (a self-consistency target), with
     * a fresh Adam per sample; no refinement. Kept so benchmarks compare like with like.
     */
    REFERENCE;

    /** Lower-case name ({@code replay}, {@code reference}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The generator a trainer builds for this algorithm when none is given: this library's
     * architecture ({@link DecoderConfig#builder}) for replay, spec 6 ({@link DecoderConfig#reference})
     * for the reference.
     *
     * @param gridSize grid size N
     * @param objectSize side of the object's square, pixels
     */
    public DecoderConfig defaultDecoder(int gridSize, int objectSize) {
        return (this == REPLAY ? DecoderConfig.builder(gridSize, objectSize)
                : DecoderConfig.reference(gridSize, objectSize)).build();
    }

    /** Parses {@code replay} or {@code reference} (any case). */
    public static Algorithm byName(String name) {
        for (Algorithm a : values()) {
            if (a.id().equalsIgnoreCase(String.valueOf(name))) {
                return a;
            }
        }
        throw Checks.invalid("algorithm", name, "must be one of replay, reference");
    }
}
