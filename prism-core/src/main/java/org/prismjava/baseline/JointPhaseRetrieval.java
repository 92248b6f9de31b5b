package org.prismjava.baseline;

import java.nio.FloatBuffer;
import java.util.List;
import org.prismjava.calibration.Calibration;
import org.prismjava.calibration.CalibrationConfig;
import org.prismjava.calibration.SelfCalibration;
import org.prismjava.loss.LossType;
import org.prismjava.loss.TotalVariation;
import org.prismjava.measure.DataFit;
import org.prismjava.measure.FrameUnit;
import org.prismjava.measure.MeasurementLoss;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.model.Adam;
import org.prismjava.model.AdamConfig;
import org.prismjava.model.ParameterSet;
import org.prismjava.optics.Region;
import org.prismjava.util.Checks;

/**
 * Joint gradient-based phase retrieval on the pixels: every measured sub-aperture at once, the
 * object kept non-negative by a softplus parametrisation and zero outside its support, Adam on
 * the mean data loss (plus optional total variation), optional early stopping on held-out
 * detector pixels. It is the classical baseline PRISM is compared with and also PRISM's final
 * refinement ({@link #refine}), started from the generator's reconstruction. Immutable.
 */
public final class JointPhaseRetrieval implements Reconstructor {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JointPhaseRetrieval.class);
    private final Config config;
    private final CalibrationConfig calibration;

    /**
     * Settings.
     *
     * @param iterations Adam steps at most (>= 1)
     * @param learningRate Adam learning rate on the softplus parameters (> 0)
     * @param loss data loss between predicted and measured amplitudes (normalised)
     * @param tvWeight weight of {@link TotalVariation#STANDARD} (>= 0; 0 = none)
     * @param holdoutFraction fraction of detector pixels held out for early stopping, in [0, 0.5]
     *     (0 = no early stopping, the last iterate is returned)
     * @param patience iterations without a better validation score before stopping (>= 1)
     * @param seed seed of the held-out pixel draw
     */
    public record Config(int iterations, double learningRate, LossType loss, double tvWeight, double holdoutFraction,
            int patience, long seed) {
        /** The defaults: 2000 iterations, lr 0.05, normalised L1, no TV, no hold-out, patience 200, seed 0. */
        public static final Config DEFAULT = new Config(2000, 0.05, LossType.L1, 0, 0, 200, 0);

        /** Validates every field. */
        public Config {
            Checks.positive("iterations", iterations);
            Checks.positive("learningRate", learningRate);
            Checks.check(loss != null, "loss", null, "must be set");
            Checks.nonNegative("tvWeight", tvWeight);
            Checks.check(holdoutFraction >= 0 && holdoutFraction <= 0.5, "holdoutFraction", holdoutFraction,
                    "must be in [0, 0.5]");
            Checks.check(holdoutFraction == 0 || loss == LossType.L1 || loss == LossType.L2, "loss", loss,
                    "must be l1 or l2 when pixels are held out");
            Checks.positive("patience", patience);
        }

        /** A copy with another iteration count. */
        public Config withIterations(int v) {
            return new Config(v, learningRate, loss, tvWeight, holdoutFraction, patience, seed);
        }

        /** A copy with another learning rate. */
        public Config withLearningRate(double v) {
            return new Config(iterations, v, loss, tvWeight, holdoutFraction, patience, seed);
        }

        /** A copy with another TV weight. */
        public Config withTvWeight(double v) {
            return new Config(iterations, learningRate, loss, v, holdoutFraction, patience, seed);
        }

        /** A copy with another hold-out fraction and seed. */
        public Config withHoldout(double fraction, long holdoutSeed) {
            return new Config(iterations, learningRate, loss, tvWeight, fraction, patience, holdoutSeed);
        }
    }

    /** A solver with {@code config} that self-calibrates intensity frames ({@link CalibrationConfig#DEFAULT}). */
    public JointPhaseRetrieval(Config config) {
        this(config, CalibrationConfig.DEFAULT);
    }

    /**
     * A solver with {@code config} and, for intensity frames, {@code calibration}: what it
     * estimates of the frames' calibration alongside the pixels ({@link CalibrationConfig#NONE}
     * takes the start calibration as exact). Amplitude frames are taken as calibrated.
     */
    public JointPhaseRetrieval(Config config, CalibrationConfig calibration) {
        Checks.check(config != null, "config", null, "must be set");
        Checks.check(calibration != null, "calibration", null, "must be set");
        this.config = config;
        this.calibration = calibration;
    }

    /** What the solver estimates of intensity frames' calibration. */
    public CalibrationConfig calibrationConfig() {
        return calibration;
    }

    /** The settings. */
    public Config config() {
        return config;
    }

    @Override
    public String name() {
        return config.tvWeight() > 0 ? "joint-tv" : "joint";
    }

    /** Starts from a flat image of 0.5 inside the support. */
    @Override
    public Reconstruction reconstruct(MeasurementSet data, Region support) {
        return reconstruct(data, support, null);
    }

    /**
     * Iterations from a flat start before the calibration is estimated: a quarter of the budget.
     * The object has to take shape first; calibrating a flat guess moves the centres anywhere
     * (measured on M51: most frames at the 3-pixel bound and SSIM 0.65 without it).
     */
    private int warmup() {
        return config.iterations() / 4;
    }

    /**
     * Reconstructs the object from intensity frames whose calibration starts at {@code start}
     * (for example the true one, to measure what self-calibration costs; null for the frames as
     * recorded).
     */
    public Reconstruction reconstruct(MeasurementSet data, Region support, Calibration start) {
        Checks.check(data != null, "data", null, "must be set");
        int n = data.gridSize();
        checkSupport(support, n);
        return run(data, support, flatStart(n, support), heldOutDraw(n), start, warmup());
    }

    /**
     * Runs the solver from {@code start} (row-major N*N; values inside the support are clamped to
     * at least 1e-3 so the softplus parametrisation can represent them).
     */
    public Reconstruction refine(MeasurementSet data, Region support, float[] start) {
        Checks.check(data != null, "data", null, "must be set");
        return run(data, support, start, heldOutDraw(data.gridSize()), null, 0);
    }

    private boolean[] heldOutDraw(int n) {
        return config.holdoutFraction() > 0 ? MeasurementLoss.randomHoldout(n, config.holdoutFraction(), config.seed())
                : null;
    }

    /**
     * As {@link #refine(MeasurementSet, Region, float[])}, holding out exactly the detector pixels
     * of {@code heldOut} (row-major N*N) instead of the configured random draw: PRISM refines
     * with the pixels its generator did not fit.
     */
    public Reconstruction refine(MeasurementSet data, Region support, float[] start, boolean[] heldOut) {
        return refine(data, support, start, heldOut, null);
    }

    /**
     * As {@link #refine(MeasurementSet, Region, float[], boolean[])}, for intensity frames from a
     * calibration estimated earlier ({@code startCalibration}; null for the set's nominal one).
     *
     * @param heldOut detector pixels held out for early stopping, or null for none
     */
    public Reconstruction refine(MeasurementSet data, Region support, float[] start, boolean[] heldOut,
            Calibration startCalibration) {
        Checks.check(heldOut == null || config.loss() == LossType.L1 || config.loss() == LossType.L2, "loss",
                config.loss(), "must be l1 or l2 when pixels are held out");
        return run(data, support, start, heldOut, startCalibration, 0);
    }

    /** @param warmup iterations before the calibration is first stepped (and its twin chosen) */
    private Reconstruction run(MeasurementSet data, Region support, float[] start, boolean[] heldOut,
            Calibration startCalibration, int warmup) {
        Checks.check(data != null, "data", null, "must be set");
        int n = data.gridSize();
        checkSupport(support, n);
        Checks.check(start != null && start.length == n * n, "start.length", start == null ? "null" : start.length,
                "must be " + n * n);
        long t0 = System.nanoTime();
        DataFit fit = data.fit(support, config.loss().create(true), heldOut, selfCalibration(data, startCalibration));
        int frames = data.size();
        int h = support.height();
        int w = support.width();
        ParameterSet theta = ParameterSet.vector("pixels", h * w);
        FloatBuffer values = theta.valueBuffer();
        FloatBuffer grads = theta.gradientBuffer();
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double v = Math.max(1e-3, start[(support.rowFrom() + r) * n + support.colFrom() + c]);
                values.put(r * w + c, (float) (v > 20 ? v : Math.log(Math.expm1(v))));
            }
        }
        Adam adam = new Adam(theta, AdamConfig.of(config.learningRate(), false));
        float[] x = new float[n * n];
        float[] g = new float[n * n];
        if (warmup == 0) {
            decode(values, support, n, x);
            resolveTwin(fit, x, frames);
        }
        BestIterate best = fit.hasHoldout() ? new BestIterate(config.patience()) : null;
        Calibration bestCalibration = fit.calibration().orElse(null);
        int it = 0;
        while (true) {
            decode(values, support, n, x);
            if (best != null && it % VALIDATE_EVERY == 0) {
                best.offer(it, fit.validate(x, frames), x);
                if (best.bestIteration() == it) {
                    bestCalibration = fit.calibration().orElse(null);
                }
                if (best.shouldStop(it)) {
                    break;
                }
            }
            if (it == config.iterations()) {
                break;
            }
            if (it == warmup && warmup > 0) {
                resolveTwin(fit, x, frames);
            }
            fit.evaluate(x, frames, g, null);
            if (config.tvWeight() > 0) {
                TotalVariation.STANDARD.addTo(x, n, support, config.tvWeight(), g);
            }
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int k = r * w + c;
                    double sig = 1 / (1 + Math.exp(-values.get(k)));
                    grads.put(k, (float) (g[(support.rowFrom() + r) * n + support.colFrom() + c] * sig));
                }
            }
            adam.step(config.learningRate());
            if (it >= warmup) {
                fit.updateCalibration();
            }
            it++;
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        List<Integer> atBound = fit.framesAtCalibrationBound();
        if (!atBound.isEmpty()) {
            LOG.warn("{}: the calibration of {} frame(s) reached its bound (offset {} px, flux ratio {}) at some"
                    + " iteration: frames {} (counting from 1); their data may not fix them (little signal) or the"
                    + " model does not explain them (see their residuals)", name(), atBound.size(),
                    calibration.maxOffset(), calibration.maxFluxRatio(), atBound.stream().map(j -> j + 1).toList());
        }
        if (best != null) {
            return new Reconstruction(name(), n, best.best(), it, best.bestIteration(), seconds, best.bestScore(),
                    bestCalibration, atBound);
        }
        return new Reconstruction(name(), n, x, it, it, seconds, Double.NaN, fit.calibration().orElse(null), atBound);
    }

    /** Keeps the reference frame's centre offset or its twin for the image {@code x}, whichever fits better. */
    private void resolveTwin(DataFit fit, float[] x, int frames) {
        if (fit.resolveReferenceTwin(x, frames)) {
            LOG.debug("{}: the reference frame's centre offset is its twin's; reflected", name());
        }
    }

    /** The estimator an intensity set is fitted with; null (no calibration) for amplitude frames. */
    private SelfCalibration selfCalibration(MeasurementSet data, Calibration start) {
        if (data.unit() != FrameUnit.INTENSITY) {
            Checks.check(start == null, "startCalibration", "given", "applies to intensity frames only");
            return null;
        }
        return data.selfCalibration(calibration, start != null ? start : data.nominalCalibration());
    }

    /** The baselines' common start: 0.5 inside the support, 0 elsewhere. */
    static float[] flatStart(int n, Region support) {
        float[] x = new float[n * n];
        for (int r = support.rowFrom(); r < support.rowTo(); r++) {
            for (int c = support.colFrom(); c < support.colTo(); c++) {
                x[r * n + c] = 0.5f;
            }
        }
        return x;
    }

    static void checkSupport(Region support, int n) {
        Checks.check(support != null && support.fitsIn(n) && !support.isEmpty(), "support", support,
                "must be a non-empty region of the " + n + "x" + n + " grid");
    }

    /** Iterations between validation scores. */
    static final int VALIDATE_EVERY = 10;

    /** x <- softplus(theta) inside the support, 0 outside. */
    private static void decode(FloatBuffer theta, Region support, int n, float[] x) {
        int w = support.width();
        for (int r = 0; r < support.height(); r++) {
            for (int c = 0; c < w; c++) {
                double z = theta.get(r * w + c);
                x[(support.rowFrom() + r) * n + support.colFrom() + c] = (float) (z > 20 ? z : Math.log1p(Math.exp(z)));
            }
        }
    }
}
