/**
 * Optics on the N x N grid: the centred FFT ({@link org.prismjava.optics.Fft2}, the CPU engine
 * {@link org.prismjava.optics.Fft2#cpu}), complex fields, apertures and their rasterised
 * {@link org.prismjava.optics.Pupil}s, propagators (Fraunhofer, Fresnel, angular spectrum),
 * regions and detector noise models (which also know the bias they give recorded amplitudes).
 */
package org.prismjava.optics;
