/**
 * The training-step SPI: what a compute backend supplies so that the trainer can train on it.
 * A {@link org.prismjava.step.TrainingStep} owns the generator, the physics, the losses, the
 * optimiser and the loss scaler for one run, wherever they live (heap, device); it is created by
 * {@link org.prismjava.backend.ComputeBackend#newStep} from an immutable
 * {@link org.prismjava.step.StepSpec}. The trainer binds a {@link org.prismjava.step.StepObjective}
 * (an image, one sample's targets, or the first k measured samples), asks for losses and
 * updates, and reads back one reconstruction per sample; it never touches the step's arrays.
 * {@link org.prismjava.step.CpuTrainingStep} is the CPU implementation every other step is
 * checked against (docs/backends.md).
 */
package org.prismjava.step;
