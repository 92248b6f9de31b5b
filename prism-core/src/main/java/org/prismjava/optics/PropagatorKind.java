package org.prismjava.optics;

import org.prismjava.util.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The propagation models, and the rule that picks one from the Fresnel number (spec 2.7):
 * {@code F = w^2 / (lambda z)}; below 0.1 the far field (Fraunhofer) is exact enough.
 */
public enum PropagatorKind {
    /** Far field: a centred FFT. */
    FRAUNHOFER,
    /** Near field, single-FFT (impulse response) Fresnel method. */
    FRESNEL,
    /** Exact scalar diffraction by the angular spectrum; evanescent waves removed. */
    ANGULAR_SPECTRUM;

    private static final Logger LOG = LoggerFactory.getLogger(PropagatorKind.class);

    /** Fresnel number {@code w^2 / (lambda z)} of an aperture of width {@code w}. */
    public static double fresnelNumber(double width, double wavelength, double distance) {
        Checks.positive("width", width);
        Checks.positive("wavelength", wavelength);
        Checks.positive("distance", distance);
        return width * width / (wavelength * distance);
    }

    /** Fraunhofer when {@code F < 0.1}, otherwise angular spectrum (Fresnel is never auto-picked). */
    public static PropagatorKind auto(double fresnelNumber) {
        return fresnelNumber < 0.1 ? FRAUNHOFER : ANGULAR_SPECTRUM;
    }

    /** Logs when this explicit choice is outside its regime of validity for Fresnel number {@code f}. */
    public void checkRegime(double f) {
        if (this == FRAUNHOFER && f >= 0.1) {
            LOG.warn("Fraunhofer propagation with Fresnel number {} >= 0.1: the far-field approximation is poor", f);
        } else if (this == FRESNEL && (f < 0.1 || f >= 10)) {
            LOG.warn("Fresnel propagation with Fresnel number {} outside [0.1, 10)", f);
        } else if (this == ANGULAR_SPECTRUM && f < 0.1) {
            LOG.info("Angular spectrum with Fresnel number {} < 0.1: Fraunhofer would be equivalent and cheaper", f);
        }
    }
}
