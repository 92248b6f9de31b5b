/**
 * Classical phase-retrieval methods, the baselines PRISM is measured against: joint
 * gradient-based retrieval on the pixels ({@link org.prismjava.baseline.JointPhaseRetrieval},
 * also PRISM's final refinement) and the ptychographical iterative engine
 * ({@link org.prismjava.baseline.Epie}, ePIE and mPIE), both on a
 * {@link org.prismjava.measure.MeasurementSet} with the same data term and metrics as PRISM, and
 * a cross-validated choice among settings ({@link org.prismjava.baseline.BestByValidation}).
 * Every method implements {@link org.prismjava.baseline.Reconstructor} and returns a
 * {@link org.prismjava.baseline.Reconstruction}.
 */
package org.prismjava.baseline;
