/**
 * The measurement layer: the progressive state of a run
 * ({@link org.prismjava.measure.MeasurementSystem}: cumulative mask, targets, line acquisition),
 * the measurement cache, what was recorded ({@link org.prismjava.measure.MeasurementSet}) and the
 * differentiable data terms: the reference's two-branch operator
 * ({@link org.prismjava.measure.MeasurementOperator}) and the multi-term
 * {@link org.prismjava.measure.MeasurementLoss} every reconstruction method fits.
 */
package org.prismjava.measure;
