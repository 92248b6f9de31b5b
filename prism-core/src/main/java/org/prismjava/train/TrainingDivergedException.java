package org.prismjava.train;

/** A non-finite or diverging loss stopped the run; names the sample and step. Checkpoints already written stay intact. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int sample;
    private final int step;

    /**
     * @param sample sample index (-1 during initialization)
     * @param step step within the sample (1-based)
     * @param lossOld consistency loss
     * @param lossNew new-aperture loss
     */
    public TrainingDivergedException(int sample, int step, double lossOld, double lossNew) {
        super(String.format(java.util.Locale.ROOT,
                "non-finite loss at %s, step %d (loss old = %s, loss new = %s); the run was stopped and the last"
                        + " checkpoint, if any, is intact",
                sample < 0 ? "initialization" : "sample " + sample, step, lossOld, lossNew));
        this.sample = sample;
        this.step = step;
    }

    /** A divergence detected by a guard, described by {@code reason}. */
    public TrainingDivergedException(String reason, int sample, int step) {
        super(String.format(java.util.Locale.ROOT, "%s at %s, step %d; the run was stopped and the last checkpoint,"
                + " if any, is intact", reason, sample < 0 ? "initialization" : "sample " + sample, step));
        this.sample = sample;
        this.step = step;
    }

    /** Sample index, or -1 during initialization. */
    public int sample() {
        return sample;
    }

    /** Step within the sample. */
    public int step() {
        return step;
    }
}
