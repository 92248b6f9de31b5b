package org.prismjava.train;

import com.google.common.collect.MapDifference;
import com.google.common.collect.Maps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.prismjava.backend.ComputeBackend;
import org.prismjava.baseline.JointPhaseRetrieval;
import org.prismjava.baseline.Reconstruction;
import org.prismjava.loss.ImageLoss;
import org.prismjava.loss.TotalVariation;
import org.prismjava.loss.LossType;
import org.prismjava.measure.CacheStats;
import org.prismjava.measure.LruMeasurementCache;
import org.prismjava.measure.MeasurementCache;
import org.prismjava.measure.MeasurementLoss;
import org.prismjava.measure.MeasurementOperator;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.measure.MeasurementSystem;
import org.prismjava.measure.TargetPair;
import org.prismjava.metrics.ImageMetrics;
import org.prismjava.backend.Precision;
import org.prismjava.model.Adam;
import org.prismjava.model.AdamConfig;
import org.prismjava.model.CosineWarmRestarts;
import org.prismjava.model.DecoderConfig;
import org.prismjava.model.LearningRateSchedule;
import org.prismjava.model.ProgressiveDecoder;
import org.prismjava.model.ReduceOnPlateau;
import org.prismjava.objects.ObservedObject;
import org.prismjava.optics.Pupil;
import org.prismjava.optics.Region;
import org.prismjava.sampling.Sample;
import org.prismjava.util.Checks;
import org.prismjava.util.Json;
import org.prismjava.util.SeededRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CPU implementation of {@link ProgressiveTrainer}. Both algorithms share the loop:
 * optional initialization, then per sample: the sample's data terms, steps until both losses
 * are below the threshold or the budget (plus one escalation in adaptive mode) is spent,
 * metrics, cumulative-mask update; every non-converged exit is a recorded failure.
 *
 * <ul>
 *   <li>{@link Algorithm#REPLAY}: every sample is measured when the run starts (a
 *       {@link MeasurementSet}); at sample k the terms are samples 0..k, each weighted
 *       {@code 1/(k+1)} ({@code lossNew} = sample k's loss, {@code lossOld} = the mean over the
 *       earlier ones); after the last sample the pixels are refined jointly
 *       ({@link JointPhaseRetrieval#refine}).
 *   <li>{@link Algorithm#REFERENCE} (spec 8 with the fixes of DESIGN 4.6): the new measurement
 *       and the previous reconstruction through the cumulative mask, measured once per sample (or
 *       every step when the benchmark pattern asks for it), a fresh Adam per sample.
 * </ul>
 *
 * Not thread-safe; {@link #run()} runs once.
 */
final class DefaultProgressiveTrainer implements ProgressiveTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultProgressiveTrainer.class);
    /** What build() was given, copied: later calls on the builder do not reach this trainer. */
    private final List<TrainingListener> listeners;
    private final Path resumeFrom;
    private final String patternName;
    private final ComputeBackend backend;
    private final TrainerConfig config;
    private final ObservedObject object;
    private final DecoderConfig decoderConfig;
    private final ProgressiveDecoder decoder;
    private final DynamicLossScaler scaler;
    private final MeasurementSystem system;
    private final MeasurementCache cache;
    private final List<Sample> samples;
    private final ImageLoss loss;
    private final int n;
    private final float[] truth;
    private final float[] image;
    private final float[] reconstruction;
    private final float[] gradImage;
    private final float[] predOld;
    private final float[] predNew;
    private final float[] targetOld;
    private final float[] targetNew;
    private final float[] gradOld;
    private final float[] gradNew;
    private final MeasurementOperator operator;
    private final List<SampleRecord> records = new ArrayList<>();
    private final long noiseSeed;
    private final boolean[] heldOut;
    private final LossType dataLoss;
    private final MeasurementSet data;
    private final MeasurementLoss fit;
    private final Region square;
    private final double[] termLosses;
    private RefinementRecord refinement;
    private Adam adam;
    private InitializationRecord initialization;
    private int nextSample;
    private double previousSeconds;
    private CacheStats earlierCache = CacheStats.EMPTY;
    private long startNanos;
    private String stopReason;
    private boolean ran;
    private final Context context = new Context();

    DefaultProgressiveTrainer(ProgressiveTrainer.Builder b) {
        this.listeners = List.copyOf(b.listeners);
        this.resumeFrom = b.resumeFrom;
        this.patternName = b.pattern.name();
        this.backend = b.backend;
        this.config = b.config;
        this.object = b.object;
        this.n = b.telescope.gridSize();
        this.decoderConfig = b.decoder != null ? b.decoder
                : config.algorithm().defaultDecoder(n, b.object.squareSize());
        Checks.check(decoderConfig.gridSize() == n, "decoder.gridSize()", decoderConfig.gridSize(),
                "must equal the telescope grid " + n);
        RunSeeds seeds = RunSeeds.of(config.seed());
        SeededRandom modelRng = new SeededRandom(seeds.model());
        this.noiseSeed = seeds.noise();
        long holdoutSeed = seeds.holdout();
        this.samples = List.copyOf(b.pattern.generate(new SeededRandom(seeds.pattern())));
        Checks.check(!samples.isEmpty(), "pattern", b.pattern.name(), "must produce at least one sample");
        this.decoder = ProgressiveDecoder.create(decoderConfig, modelRng, config.precision());
        this.scaler = new DynamicLossScaler(config.initialLossScale(), 2, 0.5, 2000);
        this.cache = config.cachePolicy() == CachePolicy.OFF ? null
                : b.cache != null ? b.cache : new LruMeasurementCache();
        this.system = new MeasurementSystem(b.telescope, cache, b.lines);
        this.loss = config.lossType().create(config.normalizeLoss());
        this.operator = newOperator();
        this.truth = new float[n * n];
        b.object.amplitudeView().get(0, truth);
        this.image = new float[n * n];
        this.reconstruction = new float[n * n];
        this.gradImage = new float[n * n];
        this.predOld = new float[n * n];
        this.predNew = new float[n * n];
        this.targetOld = new float[n * n];
        this.targetNew = new float[n * n];
        this.gradOld = new float[n * n];
        this.gradNew = new float[n * n];
        this.square = decoder.outputSupport();
        if (config.algorithm() == Algorithm.REPLAY) {
            this.data = b.measurements != null ? b.measurements
                    : MeasurementSet.acquire(system, object, samples, config.addNoise(), noiseSeed);
            Checks.check(data.samples().equals(samples), "measurements", data.size() + " samples",
                    "must be the samples of the pattern, in order");
            Checks.check(data.telescope().config().equals(b.telescope.config()), "measurements",
                    "taken with " + data.telescope().config(), "must come from this trainer's telescope");
            this.dataLoss = config.dataLoss(data.isNoisy());
            this.heldOut = data.isNoisy() && config.holdoutFraction() > 0
                    ? MeasurementLoss.randomHoldout(n, config.holdoutFraction(), holdoutSeed) : null;
            Checks.check(heldOut == null || dataLoss == LossType.L1 || dataLoss == LossType.L2, "lossType",
                    dataLoss.id(), "must be l1 or l2 when detector pixels are held out");
            MeasurementLoss f = data.loss(square, dataLoss.create(config.normalizeLoss()));
            this.fit = heldOut != null ? f.withHoldout(heldOut) : f;
            this.termLosses = new double[samples.size()];
        } else {
            Checks.check(b.measurements == null, "measurements", "given",
                    "are used by the replay algorithm only; the reference measures its own targets");
            this.data = null;
            this.dataLoss = config.lossType();
            this.heldOut = null;
            this.fit = null;
            this.termLosses = null;
        }
    }

    private MeasurementOperator newOperator() {
        return new MeasurementOperator(system.telescope().propagator(), decoder.outputSupport(), config.fusedPhysics());
    }

    @Override
    public TrainingResult run() {
        if (ran) {
            throw new IllegalStateException("run() was already called on this trainer; build a new one");
        }
        ran = true;
        startNanos = System.nanoTime();
        if (resumeFrom != null) {
            restore(CheckpointIO.read(resumeFrom));
        }
        listeners.forEach(l -> l.onRunStart(context));
        if (resumeFrom == null) {
            initialize();
            if (initialization != null) {
                listeners.forEach(l -> l.onInitializationEnd(context, initialization));
            }
        }
        while (nextSample < samples.size() && stopReason == null) {
            int k = nextSample;
            listeners.forEach(l -> l.onSampleStart(context, k, samples.get(k)));
            SampleRecord r = trainSample(k);
            records.add(r);
            nextSample = k + 1;
            listeners.forEach(l -> l.onSampleEnd(context, r));
        }
        if (config.algorithm() == Algorithm.REPLAY && config.refinementIterations() > 0
                && nextSample == samples.size() && stopReason == null) {
            refine();
            listeners.forEach(l -> l.onRefinementEnd(context, refinement));
        }
        List<Integer> failed = records.stream().filter(r -> !r.converged()).map(SampleRecord::index).toList();
        TrainingResult result = new TrainingResult(n, reconstruction, initialization, records, failed,
                cacheStats(), previousSeconds + seconds(), stopReason, provenance(),
                scaler.skippedSteps(), refinement);
        listeners.forEach(l -> l.onRunEnd(context, result));
        return result;
    }

    /** This run's cache lookups, those of earlier invocations of a resumed run included. */
    private CacheStats cacheStats() {
        CacheStats now = cache == null ? CacheStats.EMPTY : cache.stats();
        return new CacheStats(now.hits() + earlierCache.hits(), now.misses() + earlierCache.misses(),
                now.evictions() + earlierCache.evictions(), now.entries(), now.bytes());
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) * 1e-9;
    }

    // ---------------------------------------------------------------- initialization (spec 8.2)

    private void initialize() {
        InitializationTarget target = config.initializationTarget();
        if (target == InitializationTarget.NONE || config.initMaxCycles() == 0) {
            decoder.forward(reconstruction);
            return;
        }
        long t0 = System.nanoTime();
        boolean measurementSpace = target == InitializationTarget.MEASUREMENT;
        List<Pupil> firstPupils = system.pupils(samples.get(0));
        float[] goal = initTarget(target, firstPupils);
        ImageLoss l1 = LossType.L1.create(true);
        Adam opt = new Adam(decoder.parameters(), AdamConfig.of(config.learningRate(), config.amsgrad()));
        ReduceOnPlateau schedule = ReduceOnPlateau.standard(config.learningRate());
        double value = Double.POSITIVE_INFINITY;
        int steps = 0;
        for (int cycle = 0; cycle < config.initMaxCycles() && !(value < config.lossThreshold()); cycle++) {
            for (int e = 0; e < config.initStepsPerCycle(); e++) {
                decoder.forward(image);
                if (measurementSpace) {
                    operator.forward(image, null, firstPupils, null, predNew);
                    value = l1.evaluate(predNew, goal, n, n, gradNew);
                } else {
                    value = l1.evaluate(image, goal, n, n, gradImage);
                }
                steps++;
                if (!Double.isFinite(value)) {
                    throw new TrainingDivergedException(-1, steps, value, value);
                }
                if (value < config.lossThreshold()) {
                    break;
                }
                if (measurementSpace) {
                    operator.backward(null, gradNew, gradImage);
                }
                backwardAndStep(opt, schedule.learningRate());
            }
            schedule.step(value);
        }
        decoder.forward(reconstruction);
        double ssim = quality().ssim();
        initialization = new InitializationRecord(target, value, steps, (System.nanoTime() - t0) * 1e-9, ssim);
        if (!(value < config.lossThreshold())) {
            LOG.warn("initialization stopped after {} steps ({} cycles of {}) at loss {}, above the threshold {}: the"
                    + " progressive phase starts from an unconverged generator (raise initMaxCycles or"
                    + " initStepsPerCycle, or use InitializationTarget.NONE)", steps, config.initMaxCycles(),
                    config.initStepsPerCycle(), String.format(java.util.Locale.ROOT, "%.4g", value),
                    config.lossThreshold());
        }
    }

    private float[] initTarget(InitializationTarget target, List<Pupil> firstPupils) {
        float[] goal = new float[n * n];
        switch (target) {
            case CIRCLE -> {
                Region sq = decoder.outputSupport();
                double c = sq.rowFrom() + (sq.height() - 1) / 2.0;
                double r = decoderConfig.objectSize() / 2.0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double dy = i - c;
                        double dx = j - c;
                        goal[i * n + j] = dy * dy + dx * dx <= r * r ? 1f : 0f;
                    }
                }
            }
            case MEASUREMENT -> system.measureClean(object, samples.get(0)).amplitudeView().get(0, goal);
            case SYNTHETIC_APERTURE -> {
                boolean[] union = new boolean[n * n];
                for (Sample s : samples) {
                    system.pupils(s).forEach(p -> p.orInto(union));
                }
                MeasurementOperator full = new MeasurementOperator(system.telescope().propagator(), object.support(), true);
                goal = full.apply(truth, List.of(Pupil.fromMask(n, union)));
            }
            default -> throw new IllegalStateException("no target for " + target);
        }
        if (target != InitializationTarget.MEASUREMENT && decoderConfig.outputActivation().normalisesInitTarget()) {
            minMaxNormalise(goal);
        }
        return goal;
    }

    private static void minMaxNormalise(float[] v) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        float range = max - min;
        for (int i = 0; i < v.length; i++) {
            v[i] = range > 0 ? (v[i] - min) / range : 0f;
        }
    }

    // ---------------------------------------------------------------- progressive phase (spec 8.3)

    /**
     * The physics and loss of one sample's steps: {@link #evaluate} runs them on {@code image}
     * and returns the losses; {@link #gradient} then leaves d loss / d image in {@code gradImage}.
     */
    private interface SampleObjective {
        /** Losses (old, new) of the current {@code image} at step {@code step} (1-based). */
        double[] evaluate(int step);

        /** Writes the gradient of the last evaluation into {@code gradImage}. */
        void gradient();
    }

    /** The reference objective (spec 8.3): the new target and the previous reconstruction through the cumulative mask. */
    private SampleObjective referenceObjective(int k) {
        Sample sample = samples.get(k);
        boolean first = system.completedSamples() == 0;
        Pupil oldPupil = first ? null : system.cumulativePupil();
        List<Pupil> newPupils = system.pupils(sample);
        measureTargets(k, first);
        return new SampleObjective() {
            private MeasurementOperator op = operator;

            @Override
            public double[] evaluate(int step) {
                if (config.measureEveryStep() && step > 1) {
                    remeasureTargets(k, first);
                }
                if (!config.reuseBuffers()) {
                    op = newOperator();
                }
                op.forward(image, oldPupil, newPupils, predOld, predNew);
                double lossNew = loss.evaluate(predNew, targetNew, n, n, gradNew);
                double lossOld = first ? lossNew : loss.evaluate(predOld, targetOld, n, n, gradOld);
                return new double[] {lossOld, lossNew};
            }

            @Override
            public void gradient() {
                if (first) {
                    for (int i = 0; i < gradNew.length; i++) {
                        gradNew[i] *= 2;
                    }
                }
                op.backward(gradOld, gradNew, gradImage);
            }
        };
    }

    /**
     * The replay objective: samples 0..k, each weighted {@code 1/(k+1)}; old = the mean loss of
     * the earlier samples (the new one's for k = 0), plus total variation when configured.
     */
    private SampleObjective replayObjective(int k) {
        List<MeasurementLoss.Term> terms = data.terms(0, k + 1, 1.0 / (k + 1));
        return new SampleObjective() {
            @Override
            public double[] evaluate(int step) {
                fit.evaluate(image, terms, gradImage, termLosses);
                if (config.tvWeight() > 0) {
                    TotalVariation.STANDARD.addTo(image, n, square, config.tvWeight(), gradImage);
                }
                double lossNew = termLosses[k];
                return new double[] {k == 0 ? lossNew : mean(termLosses, k), lossNew};
            }

            @Override
            public void gradient() {
                // evaluate already left the gradient in gradImage
            }
        };
    }

    private SampleRecord trainSample(int k) {
        long t0 = System.nanoTime();
        boolean first = system.completedSamples() == 0;
        SampleObjective objective = config.algorithm() == Algorithm.REPLAY ? replayObjective(k) : referenceObjective(k);
        if (adam == null || config.resetOptimizerPerSample()) {
            adam = new Adam(decoder.parameters(), AdamConfig.of(config.learningRate(), config.amsgrad()));
        }
        double th = config.lossThreshold();
        ConvergenceMonitor monitor = new ConvergenceMonitor(th, config.patience(), config.plateauWindow(),
                config.plateauThreshold(), config.escalationSteps());
        LearningRateSchedule schedule = config.adaptiveConvergence()
                ? ReduceOnPlateau.standard(config.learningRate()) : LearningRateSchedule.constant(config.learningRate());
        Budget budget = new Budget();
        int steps = 0;
        double lossOld = Double.POSITIVE_INFINITY;
        double lossNew = Double.POSITIVE_INFINITY;
        SampleOutcome outcome;
        while (true) {
            if (steps >= budget.steps) {
                if (!budget.escalate(monitor)) {
                    outcome = SampleOutcome.STEP_BUDGET_EXHAUSTED;
                    break;
                }
                schedule = budget.schedule;
                continue;
            }
            steps++;
            decoder.forward(image);
            double[] losses = objective.evaluate(steps);
            lossOld = losses[0];
            lossNew = losses[1];
            double lo = lossOld;
            double ln = lossNew;
            int st = steps;
            listeners.forEach(l -> l.onStepEnd(context, k, st, lo, ln));
            if (!Double.isFinite(lossOld) || !Double.isFinite(lossNew)) {
                throw new TrainingDivergedException(k, steps, lossOld, lossNew);
            }
            monitor.update(lossOld + lossNew);
            if (lossNew < th && (first || lossOld < th)) {
                outcome = SampleOutcome.CONVERGED;
                break;
            }
            if (!first && config.absorbedRatio() > 0 && steps >= TrainerConfig.MIN_STEPS_PER_SAMPLE
                    && lossNew <= config.absorbedRatio() * lossOld) {
                outcome = SampleOutcome.CONVERGED;
                break;
            }
            if (config.adaptiveConvergence() && monitor.tier() == ConvergenceTier.RESCUE && monitor.isPlateau()) {
                outcome = SampleOutcome.PLATEAU;
                break;
            }
            objective.gradient();
            backwardAndStep(adam, schedule.learningRate());
            if (budget.cosine || steps % config.stepsPerCycle() == 0) {
                schedule.step(lossOld + lossNew);
            }
        }
        decoder.forward(reconstruction);
        system.addMask(samples.get(k));
        ImageMetrics.Quality q = quality();
        return new SampleRecord(k, lossOld, lossNew, q.ssim(), q.psnr(), q.rmsePercent(), steps,
                (System.nanoTime() - t0) * 1e-9, schedule.learningRate(), monitor.tier(), outcome);
    }

    /**
     * A sample's step budget: {@code stepsPerCycle * maxCycles}, plus one escalation in adaptive
     * mode when the monitor has escalated itself (more steps, a higher learning rate on cosine
     * warm restarts stepped every step).
     */
    private final class Budget {
        long steps = (long) config.stepsPerCycle() * config.maxCycles();
        boolean cosine;
        LearningRateSchedule schedule;
        private boolean escalated;

        /** Grants the escalation if it is due; false when the sample's budget is spent for good. */
        boolean escalate(ConvergenceMonitor monitor) {
            if (!config.adaptiveConvergence() || escalated || !monitor.hasEscalated()
                    || config.escalationExtraSteps() == 0) {
                return false;
            }
            escalated = true;
            steps += config.escalationExtraSteps();
            monitor.setTier(ConvergenceTier.AGGRESSIVE);
            schedule = CosineWarmRestarts.standard(config.learningRate() * config.aggressiveLrMultiplier());
            cosine = true;
            return true;
        }
    }

    private static double mean(double[] v, int count) {
        double s = 0;
        for (int i = 0; i < count; i++) {
            s += v[i];
        }
        return s / count;
    }

    /** The final joint refinement of the pixels, from the generator's reconstruction. */
    private void refine() {
        ImageMetrics.Quality before = quality();
        JointPhaseRetrieval.Config jc = new JointPhaseRetrieval.Config(config.refinementIterations(),
                config.refinementLearningRate(), dataLoss, config.tvWeight(), 0, REFINEMENT_PATIENCE, 0);
        JointPhaseRetrieval solver = new JointPhaseRetrieval(jc);
        Reconstruction r = heldOut != null ? solver.refine(data, square, reconstruction, heldOut)
                : solver.refine(data, square, reconstruction);
        System.arraycopy(r.image(), 0, reconstruction, 0, reconstruction.length);
        refinement = new RefinementRecord(r.iterations(), r.bestIteration(), r.seconds(), before, quality(),
                r.validationLoss());
    }

    /** Refinement iterations without a better held-out loss before it stops. */
    static final int REFINEMENT_PATIENCE = 200;

    /**
     * The in-loop re-measurement of the benchmark pattern. Within a sample the old target cannot
     * change (same reconstruction, same mask): with a kept cache it is reused and only the new
     * target is measured (a cache hit); otherwise both are recomputed, as the baseline does.
     */
    private void remeasureTargets(int k, boolean first) {
        if (config.cachePolicy() != CachePolicy.KEEP) {
            measureTargets(k, first);
            return;
        }
        system.measureNext(object, samples.get(k), config.addNoise(), MeasurementSet.noiseStream(noiseSeed, k))
                .amplitudeView().get(0, targetNew);
    }

    /**
     * Generator backward pass from {@code gradImage} and one optimizer step. Under mixed
     * precision the gradient is loss-scaled (FP16) before the backward pass, stored in 16 bits,
     * unscaled, and the step is skipped when it overflowed.
     */
    private void backwardAndStep(Adam optimizer, double lr) {
        Precision p = config.precision();
        if (!p.isMixed()) {
            decoder.backward(gradImage);
            optimizer.step(lr);
            return;
        }
        double scale = p == Precision.MIXED_FP16 ? scaler.scale() : 1;
        for (int i = 0; i < gradImage.length; i++) {
            gradImage[i] *= (float) scale;
        }
        decoder.backward(gradImage);
        boolean finite = decoder.parameters().unscaleGradients(p, 1 / scale);
        if (scaler.update(!finite)) {
            optimizer.step(lr);
        }
    }

    private void measureTargets(int k, boolean first) {
        TargetPair t = system.measure(object, first ? null : reconstruction, samples.get(k),
                config.addNoise(), MeasurementSet.noiseStream(noiseSeed, k));
        if (config.cachePolicy() == CachePolicy.CLEAR_AFTER_EACH_CALL) {
            cache.invalidate();
        }
        t.old().amplitudeView().get(0, targetOld);
        t.next().amplitudeView().get(0, targetNew);
    }

    private ImageMetrics.Quality quality() {
        return ImageMetrics.onObjectCrop(reconstruction, truth, n, decoderConfig.objectSize());
    }

    // ---------------------------------------------------------------- state

    private Checkpoint snapshot() {
        return new Checkpoint(nextSample, runIdentity(), samples, decoderConfig.toMap(), config.toMap(),
                decoder.parameters().copyValues(), adam == null ? null : adam.state(), system.state(),
                reconstruction.clone(), records, initialization, previousSeconds + seconds(), scaler.state(),
                cacheStats());
    }

    /** What this run observes, recorded in every checkpoint and compared key by key on resume. */
    private Map<String, Object> runIdentity() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("object", object.name());
        m.put("objectFingerprint", Long.toHexString(object.fingerprint()));
        m.put("objectSize", object.squareSize());
        m.put("telescope", system.telescope().config().toMap());
        m.put("pattern", patternName);
        m.put("sampleCount", samples.size());
        return m;
    }

    private void restore(Checkpoint c) {
        requireSame("the run (object, telescope, pattern)", c.run(), runIdentity());
        requireSame("the decoder configuration", c.decoder(), decoderConfig.toMap());
        requireSame("the trainer configuration", c.trainer(), config.toMap());
        Checks.check(c.samples().equals(samples), "checkpoint samples", c.samples().size() + " samples",
                "must equal the pattern this trainer generates (same pattern and seed)");
        Checks.check(c.parameters().length == decoder.parameters().size(), "checkpoint parameters",
                c.parameters().length + " values", "must match the decoder's " + decoder.parameters().size());
        system.reset();
        for (int k = 0; k < c.nextSample(); k++) {
            system.addMask(samples.get(k));
        }
        Checks.check(system.state().equals(c.measurement()), "checkpoint cumulative_mask",
                "not the union of the pupils of samples 1.." + c.nextSample(),
                "must be the mask those samples give (the checkpoint is damaged or from another run)");
        // The system now holds the recomputed mask, checked equal to the checkpoint's.
        decoder.parameters().setValues(c.parameters());
        if (c.optimizer() != null) {
            adam = new Adam(decoder.parameters(), AdamConfig.of(config.learningRate(), config.amsgrad()));
            adam.restore(c.optimizer());
        }
        System.arraycopy(c.reconstruction(), 0, reconstruction, 0, reconstruction.length);
        records.addAll(c.records());
        initialization = c.initialization();
        scaler.restore(c.lossScaler());
        nextSample = c.nextSample();
        previousSeconds = c.elapsedSeconds();
        earlierCache = c.cache();
    }

    /**
     * Refuses to resume unless {@code stored} (from the checkpoint) equals {@code now}, naming
     * each key that differs with its stored and current value.
     */
    private static void requireSame(String what, Map<String, Object> stored, Map<String, Object> now) {
        Map<String, Object> a = flat("", normalised(stored));
        Map<String, Object> b = flat("", normalised(now));
        MapDifference<String, Object> d = Maps.difference(a, b);
        if (d.areEqual()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        d.entriesDiffering().forEach((k, v) -> parts.add(k + ": checkpoint " + v.leftValue() + ", now " + v.rightValue()));
        d.entriesOnlyOnLeft().forEach((k, v) -> parts.add(k + ": checkpoint " + v + ", now absent"));
        d.entriesOnlyOnRight().forEach((k, v) -> parts.add(k + ": checkpoint absent, now " + v));
        throw new IllegalArgumentException("cannot resume: " + what + " differs from the checkpoint's ("
                + String.join("; ", parts) + "); a resumed run must continue the same run");
    }

    private static Map<String, Object> flat(String prefix, Object value) {
        Map<String, Object> out = new TreeMap<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.putAll(flat(prefix + k + (v instanceof Map<?, ?> ? "." : ""), v)));
        } else {
            out.put(prefix, value);
        }
        return out;
    }

    private static Object normalised(Object m) {
        return Json.parse(Json.write(m));
    }

    private Provenance provenance() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("telescope", system.telescope().config().toMap());
        s.put("object", object.name() + " (fingerprint " + Long.toHexString(object.fingerprint()) + ")");
        s.put("pattern", patternName + " (" + samples.size() + " samples)");
        s.put("decoder", decoderConfig.toMap());
        s.put("trainer", config.toMap());
        s.put("algorithm", config.algorithm().id());
        s.put("dataLoss", dataLoss.id() + (config.normalizeLoss() ? " (normalised)" : "")
                + (data != null && data.isNoisy() ? ", against the expected noisy amplitude" : ""));
        s.put("heldOutPixels", heldOut == null ? "none (noiseless measurements or holdoutFraction 0)"
                : config.holdoutFraction() + " of the detector (noisy measurements)");
        return Provenance.of(backend, config.precision(), config.seed(), s);
    }

    /** The listener-facing view of this run. */
    private final class Context implements TrainingContext {
        @Override
        public int totalSamples() {
            return samples.size();
        }

        @Override
        public int nextSample() {
            return nextSample;
        }

        @Override
        public TrainerConfig config() {
            return config;
        }

        @Override
        public Checkpoint snapshot() {
            return DefaultProgressiveTrainer.this.snapshot();
        }

        @Override
        public void requestStop(String reason) {
            stopReason = reason == null ? "stopped by a listener" : reason;
        }
    }
}
