package org.prismjava.train;

import org.prismjava.sampling.Sample;

/**
 * Callbacks around a progressive run (DJL-style). Every method has an empty default; a listener
 * may stop the run through {@link TrainingContext#requestStop(String)} or by throwing.
 * Callbacks run on the training thread.
 */
public interface TrainingListener {
    /** Before initialization (or before the first resumed sample). */
    default void onRunStart(TrainingContext context) {
    }

    /** After the initialization phase (not called when it is skipped or the run resumes). */
    default void onInitializationEnd(TrainingContext context, InitializationRecord record) {
    }

    /** Before a sample's target is measured. */
    default void onSampleStart(TrainingContext context, int index, Sample sample) {
    }

    /** After each evaluated step of a sample (losses before that step's update). */
    default void onStepEnd(TrainingContext context, int sample, int step, double lossOld, double lossNew) {
    }

    /** After a sample, its mask update and metrics. */
    default void onSampleEnd(TrainingContext context, SampleRecord record) {
    }

    /** After the final joint refinement ({@link Algorithm#REPLAY}), when one ran. */
    default void onRefinementEnd(TrainingContext context, RefinementRecord record) {
    }

    /** After the run. */
    default void onRunEnd(TrainingContext context, TrainingResult result) {
    }
}
