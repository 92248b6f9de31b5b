package org.prismjava.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.prismjava.backend.Precision;
import org.prismjava.loss.LossType;
import org.prismjava.util.Checks;
import org.prismjava.util.StoredFields;

/**
 * Immutable settings of a progressive run. Each {@link Algorithm} has its own defaults, set by
 * {@link #builder(Algorithm)}:
 *
 * <ul>
 *   <li>{@link Algorithm#REPLAY} ({@link #builder()}, {@link #DEFAULT}), chosen by measurement on
 *       real images (docs/quality.md): lr 3e-3, 100 steps per sample, one Adam for the whole run,
 *       no initialization phase, 1000 refinement iterations at lr 0.02, 10% of detector pixels
 *       held out when the measurements are noisy;
 *   <li>{@link Algorithm#REFERENCE}: the reference CLI column of spec Appendix C: lr 1e-3, 1000
 *       steps x 1 cycle per sample, a fresh Adam per sample, initialization 100 steps x 100 cycles
 *       on a circle, no refinement.
 * </ul>
 *
 * Shared: Adam without AMSGrad, normalised L1, loss threshold 0.005, adaptive convergence off
 * (patience 10, window 50, plateau 0.01, escalation 200, x2.0 learning rate), noise on when the
 * telescope has a noise model, seed 0. The optimization switches (cache policy, fused physics,
 * buffer reuse, measuring inside the step loop) exist so that a benchmark can compare the
 * reference's cost with ours on one training loop; they apply to the reference algorithm only.
 */
public final class TrainerConfig {
    /** The defaults of {@link Algorithm#REPLAY}. */
    public static final TrainerConfig DEFAULT = builder().build();
    private final Algorithm algorithm;
    private final int refinementIterations;
    private final double refinementLearningRate;
    private final double holdoutFraction;
    private final double tvWeight;
    private final double absorbedRatio;
    private final boolean noiseLikelihood;
    private final double learningRate;
    private final boolean amsgrad;
    private final LossType lossType;
    private final boolean normalizeLoss;
    private final double lossThreshold;
    private final int stepsPerCycle;
    private final int maxCycles;
    private final int initStepsPerCycle;
    private final int initMaxCycles;
    private final InitializationTarget initializationTarget;
    private final boolean adaptiveConvergence;
    private final int patience;
    private final int plateauWindow;
    private final double plateauThreshold;
    private final int escalationSteps;
    private final double aggressiveLrMultiplier;
    private final int escalationExtraSteps;
    private final boolean addNoise;
    private final long seed;
    private final boolean measureEveryStep;
    private final CachePolicy cachePolicy;
    private final boolean fusedPhysics;
    private final boolean reuseBuffers;
    private final boolean resetOptimizerPerSample;
    private final Precision precision;
    private final double initialLossScale;

    private TrainerConfig(Builder b) {
        algorithm = Objects.requireNonNull(b.algorithm, "algorithm");
        Checks.check(b.refinementIterations >= 0, "refinementIterations", b.refinementIterations, "must be >= 0");
        refinementIterations = b.refinementIterations;
        refinementLearningRate = Checks.positive("refinementLearningRate", b.refinementLearningRate);
        Checks.check(b.holdoutFraction >= 0 && b.holdoutFraction <= 0.5, "holdoutFraction", b.holdoutFraction,
                "must be in [0, 0.5]");
        holdoutFraction = b.holdoutFraction;
        tvWeight = Checks.nonNegative("tvWeight", b.tvWeight);
        absorbedRatio = Checks.nonNegative("absorbedRatio", b.absorbedRatio);
        noiseLikelihood = b.noiseLikelihood;
        learningRate = Checks.positive("learningRate", b.learningRate);
        amsgrad = b.amsgrad;
        lossType = Objects.requireNonNull(b.lossType, "lossType");
        normalizeLoss = b.normalizeLoss;
        lossThreshold = Checks.nonNegative("lossThreshold", b.lossThreshold);
        stepsPerCycle = Checks.positive("stepsPerCycle", b.stepsPerCycle);
        maxCycles = Checks.positive("maxCycles", b.maxCycles);
        initStepsPerCycle = Checks.positive("initStepsPerCycle", b.initStepsPerCycle);
        Checks.check(b.initMaxCycles >= 0, "initMaxCycles", b.initMaxCycles, "must be >= 0");
        initMaxCycles = b.initMaxCycles;
        initializationTarget = Objects.requireNonNull(b.initializationTarget, "initializationTarget");
        adaptiveConvergence = b.adaptiveConvergence;
        patience = Checks.positive("patience", b.patience);
        plateauWindow = Checks.positive("plateauWindow", b.plateauWindow);
        plateauThreshold = Checks.nonNegative("plateauThreshold", b.plateauThreshold);
        escalationSteps = Checks.positive("escalationSteps", b.escalationSteps);
        aggressiveLrMultiplier = Checks.positive("aggressiveLrMultiplier", b.aggressiveLrMultiplier);
        Checks.check(b.escalationExtraSteps >= 0, "escalationExtraSteps", b.escalationExtraSteps, "must be >= 0");
        escalationExtraSteps = b.escalationExtraSteps;
        addNoise = b.addNoise;
        seed = b.seed;
        measureEveryStep = b.measureEveryStep;
        cachePolicy = Objects.requireNonNull(b.cachePolicy, "cachePolicy");
        fusedPhysics = b.fusedPhysics;
        reuseBuffers = b.reuseBuffers;
        resetOptimizerPerSample = b.resetOptimizerPerSample;
        precision = Objects.requireNonNull(b.precision, "precision");
        initialLossScale = Checks.positive("initialLossScale", b.initialLossScale);
        if (algorithm == Algorithm.REPLAY) {
            Checks.check(!measureEveryStep && fusedPhysics && reuseBuffers
                    && cachePolicy != CachePolicy.CLEAR_AFTER_EACH_CALL, "algorithm", algorithm.id(),
                    "the benchmark switches (measureEveryStep, fusedPhysics off, reuseBuffers off,"
                            + " CLEAR_AFTER_EACH_CALL) apply to the reference algorithm only");
            Checks.check(refinementIterations == 0 || lossType == LossType.L1 || lossType == LossType.L2, "lossType",
                    lossType.id(), "must be l1 or l2 when the replay algorithm refines (refinementIterations > 0)");
        } else {
            Checks.check(refinementIterations == 0 && tvWeight == 0 && absorbedRatio == 0 && !noiseLikelihood,
                    "algorithm", algorithm.id(), "the reference algorithm has no refinement, total variation,"
                            + " absorbed-sample rule or noise likelihood (refinementIterations, tvWeight and"
                            + " absorbedRatio must be 0, noiseLikelihood off)");
        }
    }

    /** A builder with the defaults of {@link Algorithm#REPLAY}. */
    public static Builder builder() {
        return new Builder(Algorithm.REPLAY);
    }

    /** A builder with the defaults of {@code algorithm}. */
    public static Builder builder(Algorithm algorithm) {
        Checks.check(algorithm != null, "algorithm", null, "must be set");
        return new Builder(algorithm);
    }

    /** How the samples are used. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** Pixel iterations of the final joint refinement (replay; 0 = none). */
    public int refinementIterations() {
        return refinementIterations;
    }

    /** Adam learning rate of the refinement. */
    public double refinementLearningRate() {
        return refinementLearningRate;
    }

    /**
     * Fraction of detector pixels held out to stop fitting noise (replay): the generator and the
     * refinement fit the other pixels, and the refinement keeps the iterate with the best
     * held-out loss. Applied only when the measurements are noisy (noiseless data have no noise
     * to stop early for); the run's provenance records whether it was.
     */
    public double holdoutFraction() {
        return holdoutFraction;
    }

    /**
     * The absorbed-sample rule (replay; 0 = off): a sample after the first is done, and counts
     * as converged, once its loss is at most this multiple of the earlier samples' mean loss,
     * i.e. the new measurement is fitted as well as the old ones. At least
     * {@link #MIN_STEPS_PER_SAMPLE} steps are taken first.
     */
    public double absorbedRatio() {
        return absorbedRatio;
    }

    /**
     * Whether noisy measurements are fitted with the noise model's likelihood instead of
     * {@link #lossType()} (replay; default on): its Gaussian approximation, normalised L2 between
     * the measured amplitude and the amplitude the detector records on average
     * ({@link org.prismjava.optics.NoiseModel#expectedAmplitude}). L1's optimum is the median
     * of the recorded amplitude, not the mean the noise model predicts; measured at SNR 20 dB on
     * M51 this lifts SSIM from 0.73 to 0.98 (docs/quality.md). Noiseless data always use
     * {@link #lossType()}.
     */
    public boolean noiseLikelihood() {
        return noiseLikelihood;
    }

    /** The loss the replay algorithm fits measurements with: L2 for noisy ones under {@link #noiseLikelihood()}. */
    public LossType dataLoss(boolean noisy) {
        return noisy && noiseLikelihood ? LossType.L2 : lossType;
    }

    /** Steps a sample takes before the absorbed-sample rule may end it. */
    public static final int MIN_STEPS_PER_SAMPLE = 10;

    /** Weight of total variation on the reconstruction, in training and refinement (replay; 0 = none). */
    public double tvWeight() {
        return tvWeight;
    }

    /** Base Adam learning rate. */
    public double learningRate() {
        return learningRate;
    }

    /** Whether Adam uses AMSGrad. */
    public boolean amsgrad() {
        return amsgrad;
    }

    /** Loss between predictions and targets. */
    public LossType lossType() {
        return lossType;
    }

    /** Whether L1/L2 are normalised by the target's zero-loss. */
    public boolean normalizeLoss() {
        return normalizeLoss;
    }

    /** A sample converges when its losses fall below this (spec 7.5). */
    public double lossThreshold() {
        return lossThreshold;
    }

    /** Steps per cycle of a sample ({@code n_epochs}). */
    public int stepsPerCycle() {
        return stepsPerCycle;
    }

    /** Cycles per sample ({@code max_epochs}). */
    public int maxCycles() {
        return maxCycles;
    }

    /** Steps per initialization cycle. */
    public int initStepsPerCycle() {
        return initStepsPerCycle;
    }

    /** Initialization cycles (0 skips initialization). */
    public int initMaxCycles() {
        return initMaxCycles;
    }

    /** Initialization target. */
    public InitializationTarget initializationTarget() {
        return initializationTarget;
    }

    /** Whether the adaptive convergence tiers are used (spec 8.4, redesigned). */
    public boolean adaptiveConvergence() {
        return adaptiveConvergence;
    }

    /** Steps without improvement that define a plateau. */
    public int patience() {
        return patience;
    }

    /** Window of losses examined for a plateau. */
    public int plateauWindow() {
        return plateauWindow;
    }

    /** Relative improvement below which losses count as a plateau. */
    public double plateauThreshold() {
        return plateauThreshold;
    }

    /** Steps a sample must have taken before escalation is considered. */
    public int escalationSteps() {
        return escalationSteps;
    }

    /** Learning-rate multiplier of the aggressive tier. */
    public double aggressiveLrMultiplier() {
        return aggressiveLrMultiplier;
    }

    /** Extra steps granted once on escalation. */
    public int escalationExtraSteps() {
        return escalationExtraSteps;
    }

    /** Whether new-aperture targets get fresh noise (when the telescope has a noise model). */
    public boolean addNoise() {
        return addNoise;
    }

    /** Seed of every random draw (pattern, latent, weights, noise). */
    public long seed() {
        return seed;
    }

    /** Re-measure the targets at every step (the reference's benchmark pattern, spec 11.2). */
    public boolean measureEveryStep() {
        return measureEveryStep;
    }

    /** Measurement cache use. */
    public CachePolicy cachePolicy() {
        return cachePolicy;
    }

    /** Share F(x) between the old and new branches (3+3 transforms instead of 4+4). */
    public boolean fusedPhysics() {
        return fusedPhysics;
    }

    /** Reuse the physics work buffers across steps (otherwise allocate them per step). */
    public boolean reuseBuffers() {
        return reuseBuffers;
    }

    /** Start each sample with a fresh Adam (the reference's behaviour). */
    public boolean resetOptimizerPerSample() {
        return resetOptimizerPerSample;
    }

    /** The generator's arithmetic (FP32 by default; mixed precision uses dynamic loss scaling). */
    public Precision precision() {
        return precision;
    }

    /** First loss scale of FP16 mixed precision (PyTorch's default 65536); it then adapts. */
    public double initialLossScale() {
        return initialLossScale;
    }

    /** Every setting by name, for provenance and checkpoints. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", algorithm.id());
        m.put("learningRate", learningRate);
        m.put("amsgrad", amsgrad);
        m.put("lossType", lossType.id());
        m.put("normalizeLoss", normalizeLoss);
        m.put("lossThreshold", lossThreshold);
        m.put("stepsPerCycle", stepsPerCycle);
        m.put("maxCycles", maxCycles);
        m.put("initStepsPerCycle", initStepsPerCycle);
        m.put("initMaxCycles", initMaxCycles);
        m.put("initializationTarget", initializationTarget.name());
        m.put("adaptiveConvergence", adaptiveConvergence);
        m.put("patience", patience);
        m.put("plateauWindow", plateauWindow);
        m.put("plateauThreshold", plateauThreshold);
        m.put("escalationSteps", escalationSteps);
        m.put("aggressiveLrMultiplier", aggressiveLrMultiplier);
        m.put("escalationExtraSteps", escalationExtraSteps);
        m.put("addNoise", addNoise);
        m.put("seed", seed);
        m.put("measureEveryStep", measureEveryStep);
        m.put("cachePolicy", cachePolicy.name());
        m.put("fusedPhysics", fusedPhysics);
        m.put("reuseBuffers", reuseBuffers);
        m.put("resetOptimizerPerSample", resetOptimizerPerSample);
        m.put("precision", precision.id());
        m.put("initialLossScale", initialLossScale);
        m.put("refinementIterations", refinementIterations);
        m.put("refinementLearningRate", refinementLearningRate);
        m.put("holdoutFraction", holdoutFraction);
        m.put("tvWeight", tvWeight);
        m.put("absorbedRatio", absorbedRatio);
        m.put("noiseLikelihood", noiseLikelihood);
        return m;
    }

    /**
     * Inverse of {@link #toMap()}: the configuration a map (for example parsed from JSON) holds.
     * {@code algorithm} picks the defaults; any other key may be left out and keeps its default;
     * an unknown key, a wrong type or a bad value is refused naming the key.
     */
    public static TrainerConfig fromMap(Map<String, ?> map) {
        StoredFields f = StoredFields.of(map, "trainer configuration").requireOnly(DEFAULT.toMap().keySet());
        Builder b = builder(f.has("algorithm") ? f.named("algorithm", Algorithm::byName) : Algorithm.REPLAY);
        Map<String, Consumer<String>> set = new LinkedHashMap<>();
        set.put("learningRate", k -> b.learningRate(f.number(k)));
        set.put("amsgrad", k -> b.amsgrad(f.bool(k)));
        set.put("lossType", k -> b.lossType(f.named(k, LossType::byName)));
        set.put("normalizeLoss", k -> b.normalizeLoss(f.bool(k)));
        set.put("lossThreshold", k -> b.lossThreshold(f.number(k)));
        set.put("stepsPerCycle", k -> b.stepsPerCycle(f.integer(k)));
        set.put("maxCycles", k -> b.maxCycles(f.integer(k)));
        set.put("initStepsPerCycle", k -> b.initStepsPerCycle(f.integer(k)));
        set.put("initMaxCycles", k -> b.initMaxCycles(f.integer(k)));
        set.put("initializationTarget", k -> b.initializationTarget(f.constant(k, InitializationTarget.class)));
        set.put("adaptiveConvergence", k -> b.adaptiveConvergence(f.bool(k)));
        set.put("patience", k -> b.patience(f.integer(k)));
        set.put("plateauWindow", k -> b.plateauWindow(f.integer(k)));
        set.put("plateauThreshold", k -> b.plateauThreshold(f.number(k)));
        set.put("escalationSteps", k -> b.escalationSteps(f.integer(k)));
        set.put("aggressiveLrMultiplier", k -> b.aggressiveLrMultiplier(f.number(k)));
        set.put("escalationExtraSteps", k -> b.escalationExtraSteps(f.integer(k)));
        set.put("addNoise", k -> b.addNoise(f.bool(k)));
        set.put("seed", k -> b.seed(f.longValue(k)));
        set.put("measureEveryStep", k -> b.measureEveryStep(f.bool(k)));
        set.put("cachePolicy", k -> b.cachePolicy(f.constant(k, CachePolicy.class)));
        set.put("fusedPhysics", k -> b.fusedPhysics(f.bool(k)));
        set.put("reuseBuffers", k -> b.reuseBuffers(f.bool(k)));
        set.put("resetOptimizerPerSample", k -> b.resetOptimizerPerSample(f.bool(k)));
        set.put("precision", k -> b.precision(f.named(k, Precision::byName)));
        set.put("initialLossScale", k -> b.initialLossScale(f.number(k)));
        set.put("refinementIterations", k -> b.refinementIterations(f.integer(k)));
        set.put("refinementLearningRate", k -> b.refinementLearningRate(f.number(k)));
        set.put("holdoutFraction", k -> b.holdoutFraction(f.number(k)));
        set.put("tvWeight", k -> b.tvWeight(f.number(k)));
        set.put("absorbedRatio", k -> b.absorbedRatio(f.number(k)));
        set.put("noiseLikelihood", k -> b.noiseLikelihood(f.bool(k)));
        set.forEach((key, apply) -> {
            if (f.has(key)) {
                apply.accept(key);
            }
        });
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainerConfig c && c.toMap().equals(toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return "TrainerConfig" + toMap();
    }

    /** Builder for {@link TrainerConfig}; {@link #build()} validates and names bad values. */
    public static final class Builder {
        private final Algorithm algorithm;
        private int refinementIterations;
        private double refinementLearningRate = 0.02;
        private double holdoutFraction;
        private double tvWeight;
        private double absorbedRatio;
        private boolean noiseLikelihood;
        private double learningRate = 1e-3;
        private boolean amsgrad;
        private LossType lossType = LossType.L1;
        private boolean normalizeLoss = true;
        private double lossThreshold = 0.005;
        private int stepsPerCycle = 1000;
        private int maxCycles = 1;
        private int initStepsPerCycle = 100;
        private int initMaxCycles = 100;
        private InitializationTarget initializationTarget = InitializationTarget.CIRCLE;
        private boolean adaptiveConvergence;
        private int patience = 10;
        private int plateauWindow = 50;
        private double plateauThreshold = 0.01;
        private int escalationSteps = 200;
        private double aggressiveLrMultiplier = 2.0;
        private int escalationExtraSteps = 500;
        private boolean addNoise = true;
        private long seed;
        private boolean measureEveryStep;
        private CachePolicy cachePolicy = CachePolicy.KEEP;
        private boolean fusedPhysics = true;
        private boolean reuseBuffers = true;
        private boolean resetOptimizerPerSample = true;
        private Precision precision = Precision.FP32;
        private double initialLossScale = 65536;

        private Builder(Algorithm algorithm) {
            this.algorithm = algorithm;
            if (algorithm == Algorithm.REPLAY) {
                learningRate = 3e-3;
                stepsPerCycle = 100;
                initializationTarget = InitializationTarget.NONE;
                resetOptimizerPerSample = false;
                refinementIterations = 1000;
                holdoutFraction = 0.1;
                noiseLikelihood = true;
            }
        }

        /** Refinement iterations (replay default 1000; 0 = none). */
        public Builder refinementIterations(int v) {
            refinementIterations = v;
            return this;
        }

        /** Refinement learning rate (default 0.02). */
        public Builder refinementLearningRate(double v) {
            refinementLearningRate = v;
            return this;
        }

        /** Held-out detector pixels on noisy data (replay default 0.1). */
        public Builder holdoutFraction(double v) {
            holdoutFraction = v;
            return this;
        }

        /** Fit noisy measurements with the noise likelihood (replay default on). */
        public Builder noiseLikelihood(boolean v) {
            noiseLikelihood = v;
            return this;
        }

        /** Absorbed-sample ratio (default 0 = off). */
        public Builder absorbedRatio(double v) {
            absorbedRatio = v;
            return this;
        }

        /** Total-variation weight (default 0). */
        public Builder tvWeight(double v) {
            tvWeight = v;
            return this;
        }

        /** Base learning rate (default 3e-3 replay, 1e-3 reference). */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** AMSGrad (default off). */
        public Builder amsgrad(boolean v) {
            amsgrad = v;
            return this;
        }

        /** Loss type (default l1). */
        public Builder lossType(LossType v) {
            lossType = v;
            return this;
        }

        /** Normalise L1/L2 by the target's zero-loss (default on). */
        public Builder normalizeLoss(boolean v) {
            normalizeLoss = v;
            return this;
        }

        /** Convergence threshold (default 0.005; 0 never converges early). */
        public Builder lossThreshold(double v) {
            lossThreshold = v;
            return this;
        }

        /** Steps per cycle (default 100 replay, 1000 reference). */
        public Builder stepsPerCycle(int v) {
            stepsPerCycle = v;
            return this;
        }

        /** Cycles per sample (default 1). */
        public Builder maxCycles(int v) {
            maxCycles = v;
            return this;
        }

        /** Initialization steps per cycle (default 100). */
        public Builder initStepsPerCycle(int v) {
            initStepsPerCycle = v;
            return this;
        }

        /** Initialization cycles (default 100; 0 skips initialization). */
        public Builder initMaxCycles(int v) {
            initMaxCycles = v;
            return this;
        }

        /** Initialization target (default none replay, circle reference). */
        public Builder initializationTarget(InitializationTarget v) {
            initializationTarget = v;
            return this;
        }

        /** Adaptive convergence tiers (default off). */
        public Builder adaptiveConvergence(boolean v) {
            adaptiveConvergence = v;
            return this;
        }

        /** Plateau patience (default 10). */
        public Builder patience(int v) {
            patience = v;
            return this;
        }

        /** Plateau window (default 50). */
        public Builder plateauWindow(int v) {
            plateauWindow = v;
            return this;
        }

        /** Plateau relative threshold (default 0.01). */
        public Builder plateauThreshold(double v) {
            plateauThreshold = v;
            return this;
        }

        /** Steps before escalation is considered (default 200). */
        public Builder escalationSteps(int v) {
            escalationSteps = v;
            return this;
        }

        /** Aggressive-tier learning-rate multiplier (default 2.0). */
        public Builder aggressiveLrMultiplier(double v) {
            aggressiveLrMultiplier = v;
            return this;
        }

        /** Extra steps granted on escalation (default 500). */
        public Builder escalationExtraSteps(int v) {
            escalationExtraSteps = v;
            return this;
        }

        /** Fresh noise on new-aperture targets (default on). */
        public Builder addNoise(boolean v) {
            addNoise = v;
            return this;
        }

        /** Seed (default 0). */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Re-measure at every step (default off). */
        public Builder measureEveryStep(boolean v) {
            measureEveryStep = v;
            return this;
        }

        /** Cache policy (default keep). */
        public Builder cachePolicy(CachePolicy v) {
            cachePolicy = v;
            return this;
        }

        /** Fused old/new physics (default on). */
        public Builder fusedPhysics(boolean v) {
            fusedPhysics = v;
            return this;
        }

        /** Reuse physics buffers (default on). */
        public Builder reuseBuffers(boolean v) {
            reuseBuffers = v;
            return this;
        }

        /** Fresh Adam per sample (default off replay, on reference). */
        public Builder resetOptimizerPerSample(boolean v) {
            resetOptimizerPerSample = v;
            return this;
        }

        /** Generator arithmetic (default FP32). */
        public Builder precision(Precision v) {
            precision = v;
            return this;
        }

        /** First FP16 loss scale (default 65536). */
        public Builder initialLossScale(double v) {
            initialLossScale = v;
            return this;
        }

        /** Validates and builds. */
        public TrainerConfig build() {
            return new TrainerConfig(this);
        }
    }
}
