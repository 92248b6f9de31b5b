package org.prismjava.calibration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prismjava.util.Checks;
import org.prismjava.util.StoredFields;

/**
 * Which parts of a {@link Calibration} a reconstruction estimates from recorded frames, how fast
 * and within which bounds. Each part is estimated by Adam steps on its own parameters, alongside
 * the image: frame fluxes in log units relative to the reference frame, pupil-centre offsets in
 * pixels, the background in units of the data's background scale. An offset or a flux that
 * reaches its bound is held there and reported, never moved further silently.
 *
 * @param flux estimate each frame's relative flux
 * @param background estimate the background level
 * @param positions estimate each frame's pupil-centre offset
 * @param positionStep Adam learning rate of the offsets, in pixels per step ({@code > 0})
 * @param fluxStep Adam learning rate of the log fluxes, per step ({@code > 0})
 * @param backgroundStep Adam learning rate of the background, in background scales per step ({@code > 0})
 * @param maxOffset largest offset from the nominal centre, in pixels ({@code > 0})
 * @param maxFluxRatio largest factor between a frame's estimated and recorded flux ({@code > 1})
 * @param positionPrior how far, in pixels, the recorded centres are believed to be off: each
 *     offset has a Gaussian prior of this deviation per coordinate ({@code > 0}), so a frame
 *     whose data do not fix its centre (no signal) keeps its recorded one
 * @param fluxPrior deviation of the Gaussian prior on each log flux ({@code > 0})
 */
public record CalibrationConfig(boolean flux, boolean background, boolean positions, double positionStep,
        double fluxStep, double backgroundStep, double maxOffset, double maxFluxRatio, double positionPrior,
        double fluxPrior) {
    /**
     * Everything estimated: 0.02 px, 0.005 and 0.01 per step, offsets within 3 px with a prior of
     * 1 px, fluxes within 4x with a prior of 0.25 in log.
     */
    public static final CalibrationConfig DEFAULT = new CalibrationConfig(true, true, true, 0.02, 0.005, 0.01, 3, 4,
            1, 0.25);

    /** Nothing estimated: the frames are taken as recorded. */
    public static final CalibrationConfig NONE = DEFAULT.estimating(false, false, false);

    /** A copy estimating the parts given. */
    public CalibrationConfig estimating(boolean fluxes, boolean level, boolean centres) {
        return new CalibrationConfig(fluxes, level, centres, positionStep, fluxStep, backgroundStep, maxOffset,
                maxFluxRatio, positionPrior, fluxPrior);
    }

    /** Validates the steps and bounds. */
    public CalibrationConfig {
        Checks.positive("positionStep", positionStep);
        Checks.positive("fluxStep", fluxStep);
        Checks.positive("backgroundStep", backgroundStep);
        Checks.positive("maxOffset", maxOffset);
        Checks.check(Double.isFinite(maxFluxRatio) && maxFluxRatio > 1, "maxFluxRatio", maxFluxRatio,
                "must be finite and > 1");
        Checks.positive("positionPrior", positionPrior);
        Checks.positive("fluxPrior", fluxPrior);
    }

    /** This configuration as a plain map (the record's components by name). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flux", flux);
        m.put("background", background);
        m.put("positions", positions);
        m.put("positionStep", positionStep);
        m.put("fluxStep", fluxStep);
        m.put("backgroundStep", backgroundStep);
        m.put("maxOffset", maxOffset);
        m.put("maxFluxRatio", maxFluxRatio);
        m.put("positionPrior", positionPrior);
        m.put("fluxPrior", fluxPrior);
        return m;
    }

    /** The configuration a {@link #toMap()} map describes; left-out keys take {@link #DEFAULT}'s values. */
    public static CalibrationConfig fromMap(Map<String, ?> map) {
        StoredFields f = StoredFields.of(map, "calibration");
        f.requireOnly(List.of("flux", "background", "positions", "positionStep", "fluxStep", "backgroundStep",
                "maxOffset", "maxFluxRatio", "positionPrior", "fluxPrior"));
        CalibrationConfig d = DEFAULT;
        return new CalibrationConfig(f.has("flux") ? f.bool("flux") : d.flux,
                f.has("background") ? f.bool("background") : d.background,
                f.has("positions") ? f.bool("positions") : d.positions,
                f.has("positionStep") ? f.number("positionStep") : d.positionStep,
                f.has("fluxStep") ? f.number("fluxStep") : d.fluxStep,
                f.has("backgroundStep") ? f.number("backgroundStep") : d.backgroundStep,
                f.has("maxOffset") ? f.number("maxOffset") : d.maxOffset,
                f.has("maxFluxRatio") ? f.number("maxFluxRatio") : d.maxFluxRatio,
                f.has("positionPrior") ? f.number("positionPrior") : d.positionPrior,
                f.has("fluxPrior") ? f.number("fluxPrior") : d.fluxPrior);
    }
}
