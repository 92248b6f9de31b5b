/**
 * Self-calibration of recorded frames: what an instrument does not tell exactly and a
 * reconstruction can estimate from the data themselves. {@link org.prismjava.calibration.Calibration}
 * is the immutable estimate (each frame's relative flux and pupil-centre correction, one
 * background level), {@link org.prismjava.calibration.CalibrationConfig} says which parts are
 * estimated and within which bounds, and {@link org.prismjava.calibration.SelfCalibration} is the
 * estimator a data term updates by gradient steps alongside the image.
 */
package org.prismjava.calibration;
