package org.prismjava.optics;

/**
 * Free-space propagation between the object plane and the telescope's pupil (k-space) plane,
 * in place on N x N fields. The sub-aperture measurement is
 * {@code |toDetector(P . toPupil(object))|}.
 *
 * <p>Contract: {@code toDetector} is the adjoint of {@code toPupil} up to a positive real
 * factor. That is what makes the measurement operator's vector-Jacobian product expressible
 * with the same two maps (see {@code MeasurementOperator}). The pruned overloads carry sparsity
 * hints with the semantics of {@link Fft2#forward(ComplexField, Region, int, int)}; pointwise
 * phase factors preserve supports, so every propagator here honours them.
 */
public interface Propagator {
    /** Grid edge N. */
    int size();

    /** In place: object plane to pupil plane. */
    default void toPupil(ComplexField f) {
        toPupil(f, Region.full(size()), 0, size());
    }

    /** In place: pupil plane to detector (image) plane. */
    default void toDetector(ComplexField f) {
        toDetector(f, Region.full(size()), 0, size());
    }

    /** Pruned {@link #toPupil(ComplexField)}: input zero outside {@code support}, only rows [from, to) needed. */
    void toPupil(ComplexField f, Region support, int outRowFrom, int outRowTo);

    /** Pruned {@link #toDetector(ComplexField)}. */
    void toDetector(ComplexField f, Region support, int outRowFrom, int outRowTo);

    /** Which physical model this is. */
    PropagatorKind kind();
}
