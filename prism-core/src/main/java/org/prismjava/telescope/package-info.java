/**
 * The instrument: {@link org.prismjava.telescope.Telescope} observes an object one sub-aperture
 * at a time and records detector amplitudes ({@link org.prismjava.telescope.Measurement});
 * {@link org.prismjava.telescope.SubApertureTelescope} is the default, configured by an immutable
 * {@link org.prismjava.telescope.TelescopeConfig} (grid, wavelength, pupil pixel, aperture,
 * propagation model, detector noise).
 */
package org.prismjava.telescope;
