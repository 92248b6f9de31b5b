package org.prismjava.train;

/** What listeners can see and do during a run. */
public interface TrainingContext {
    /** Number of samples in the pattern. */
    int totalSamples();

    /**
     * Index of the next sample to train: 0 when a fresh run starts, the checkpoint's position when
     * a resumed one starts; it advances when a sample completes, before {@code onSampleEnd}.
     */
    int nextSample();

    /** The trainer's configuration. */
    TrainerConfig config();

    /** The complete state after the last completed sample, ready to be written by {@link CheckpointIO}. */
    Checkpoint snapshot();

    /** Ends the run after the current sample (the current sample completes and is recorded). */
    void requestStop(String reason);
}
