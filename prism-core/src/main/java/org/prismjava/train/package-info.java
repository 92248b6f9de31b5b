/**
 * Progressive training: {@link org.prismjava.train.ProgressiveTrainer} (built from a telescope,
 * an object, a pattern and an immutable {@link org.prismjava.train.TrainerConfig}, fixed as a
 * {@link org.prismjava.train.RunSpecification}) runs one of two
 * {@link org.prismjava.train.Algorithm}s, replay (the default) or the reference, on the
 * {@link org.prismjava.step.TrainingStep} its backend creates, and returns a
 * {@link org.prismjava.train.TrainingResult}; listeners observe it, checkpoints
 * ({@link org.prismjava.train.CheckpointIO}) let it resume exactly, and its provenance says how it
 * was made.
 */
package org.prismjava.train;
