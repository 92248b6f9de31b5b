package org.prismjava.train;

import com.google.common.collect.MapDifference;
import com.google.common.collect.Maps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.prismjava.baseline.JointPhaseRetrieval;
import org.prismjava.baseline.Reconstruction;
import org.prismjava.calibration.Calibration;
import org.prismjava.calibration.CalibrationConfig;
import org.prismjava.calibration.SelfCalibration;
import org.prismjava.loss.LossType;
import org.prismjava.measure.BoundedMeasurementCache;
import org.prismjava.measure.CacheStats;
import org.prismjava.measure.FrameUnit;
import org.prismjava.measure.IntensityFrames;
import org.prismjava.measure.MeasurementCache;
import org.prismjava.measure.MeasurementLoss;
import org.prismjava.measure.MeasurementOperator;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.measure.MeasurementSystem;
import org.prismjava.measure.TargetPair;
import org.prismjava.metrics.ImageMetrics;
import org.prismjava.model.AdamConfig;
import org.prismjava.model.CosineWarmRestarts;
import org.prismjava.model.DecoderConfig;
import org.prismjava.model.LearningRateSchedule;
import org.prismjava.model.ReduceOnPlateau;
import org.prismjava.objects.ObservedObject;
import org.prismjava.optics.Pupil;
import org.prismjava.optics.Region;
import org.prismjava.sampling.Sample;
import org.prismjava.step.StepLosses;
import org.prismjava.step.StepObjective;
import org.prismjava.step.StepSpec;
import org.prismjava.step.StepState;
import org.prismjava.step.TrainingStep;
import org.prismjava.telescope.Telescope;
import org.prismjava.util.Checks;
import org.prismjava.util.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ProgressiveTrainer}: the client of a backend's {@link TrainingStep}. It owns the
 * sample loop, convergence, schedules, listeners, measurement of the reference's targets and the
 * checkpoint container; the step owns the generator, physics, losses, optimiser and loss scaler
 * (docs/backends.md). The trainer sees scalars and one reconstruction per sample, never the
 * step's arrays. Both algorithms share the loop:
 * optional initialization, then per sample: the sample's data terms, steps until both losses
 * are below the threshold or the budget (plus one escalation in adaptive mode) is spent,
 * metrics, cumulative-mask update; every non-converged exit is a recorded failure.
 *
 * <ul>
 *   <li>{@link Algorithm#REPLAY}: every sample is measured when the run starts (a
 *       {@link MeasurementSet}); at sample k the terms are samples 0..k, each weighted
 *       {@code 1/(k+1)} ({@code lossNew} = sample k's loss, {@code lossOld} = the mean over the
 *       earlier ones); after the last sample the pixels are refined jointly
 *       ({@link TrainingStep#refine}).
 *   <li>{@link Algorithm#REFERENCE} (spec 8 with the fixes of DESIGN 4.6): the new measurement
 *       and the previous reconstruction through the cumulative mask, measured once per sample (or
 *       every step when the benchmark pattern asks for it), a fresh Adam per sample.
 * </ul>
 *
 * Not thread-safe; {@link #run()} runs once.
 */
final class DefaultProgressiveTrainer implements ProgressiveTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultProgressiveTrainer.class);
    private final RunSpecification spec;
    private final List<TrainingListener> listeners;
    private final TrainerConfig config;
    private final ObservedObject object;
    private final DecoderConfig decoderConfig;
    private final MeasurementSystem system;
    private final MeasurementCache cache;
    private final List<Sample> samples;
    private final int n;
    /** The truth the run is scored against (row-major N*N), or null for recorded frames without one. */
    private final float[] truth;
    /** Intensity frames carry no absolute brightness: score after the least-squares brightness factor. */
    private final boolean scoreScaled;
    private final float[] reconstruction;
    private final float[] targetOld;
    private final float[] targetNew;
    private final List<SampleRecord> records = new ArrayList<>();
    private final long noiseSeed;
    private final boolean[] heldOut;
    private final LossType dataLoss;
    private final MeasurementSet data;
    private final StepSpec stepSpec;
    /** The backend's step, created when the run starts and closed when it ends. */
    private TrainingStep step;
    /** Whether the progressive phase's optimiser has started (it is not the initialization's). */
    private boolean optimizerStarted;
    private RefinementRecord refinement;
    private Calibration refinedCalibration;
    private List<Integer> framesAtCalibrationBound = List.of();
    private InitializationRecord initialization;
    private int nextSample;
    private double previousSeconds;
    private CacheStats earlierCache = CacheStats.EMPTY;
    private long startNanos;
    private String stopReason;
    private boolean ran;
    private final Context context = new Context();

    DefaultProgressiveTrainer(RunSpecification spec) {
        this.spec = spec;
        this.listeners = spec.listeners();
        this.config = spec.config();
        this.object = spec.object().orElse(null);
        Telescope telescope = spec.telescope();
        this.n = telescope.gridSize();
        this.decoderConfig = spec.decoder();
        RunSeeds seeds = spec.seeds();
        this.noiseSeed = seeds.noise();
        this.samples = spec.samples();
        this.cache = config.cachePolicy() == CachePolicy.OFF ? null
                : spec.cache().orElseGet(BoundedMeasurementCache::new);
        this.system = new MeasurementSystem(telescope, cache, spec.lineAcquisition());
        this.truth = spec.truth().map(ObservedObject::amplitudes).orElse(null);
        this.reconstruction = new float[n * n];
        this.targetOld = new float[n * n];
        this.targetNew = new float[n * n];
        StepSpec.Builder step = StepSpec.builder(decoderConfig, telescope).modelSeed(seeds.model())
                .precision(config.precision()).loss(config.lossType(), config.normalizeLoss())
                .optimizer(AdamConfig.of(config.learningRate(), config.amsgrad()))
                .initialLossScale(config.initialLossScale()).fusedPhysics(config.fusedPhysics())
                .reuseBuffers(config.reuseBuffers());
        if (config.algorithm() == Algorithm.REPLAY) {
            this.data = spec.measurements().orElseGet(
                    () -> MeasurementSet.acquire(system, object, samples, config.addNoise(), noiseSeed));
            Checks.check(data.samples().equals(samples), "measurements", data.size() + " samples",
                    "must be the samples of the pattern, in order");
            Checks.check(data.telescope().config().equals(telescope.config()), "measurements",
                    "taken with " + data.telescope().config(), "must come from this trainer's telescope");
            this.dataLoss = config.dataLoss(data.isNoisy());
            this.heldOut = data.isNoisy() && config.holdoutFraction() > 0
                    ? MeasurementLoss.randomHoldout(n, config.holdoutFraction(), seeds.holdout()) : null;
            Checks.check(heldOut == null || dataLoss == LossType.L1 || dataLoss == LossType.L2, "lossType",
                    dataLoss.id(), "must be l1 or l2 when detector pixels are held out");
            step.measurements(new StepSpec.Measurements(data, dataLoss, heldOut, config.tvWeight(), spec.calibration(),
                    spec.calibrationStart().orElse(null)));
        } else {
            Checks.check(spec.measurements().isEmpty(), "measurements", "given",
                    "are used by the replay algorithm only; the reference measures its own targets");
            this.data = null;
            this.dataLoss = config.lossType();
            this.heldOut = null;
        }
        this.scoreScaled = data != null && data.unit() == FrameUnit.INTENSITY;
        this.stepSpec = step.build();
    }

    @Override
    public RunSpecification specification() {
        return spec;
    }

    @Override
    public TrainingResult run() {
        if (ran) {
            throw new IllegalStateException("run() was already called on this trainer; build a new one");
        }
        ran = true;
        startNanos = System.nanoTime();
        step = spec.backend().newStep(stepSpec);
        Checks.check(step != null && step.gridSize() == n, "backend", spec.backend().name(),
                "must create a step for the " + n + "-pixel grid");
        try {
            spec.resumeFrom().ifPresent(dir -> restore(CheckpointIO.read(dir)));
            listeners.forEach(l -> l.onRunStart(context));
            if (spec.resumeFrom().isEmpty()) {
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
            Calibration calibration = refinement != null ? refinedCalibration : step.calibration().orElse(null);
            double seconds = previousSeconds + seconds();
            TrainingResult result = new TrainingResult(n, reconstruction, initialization, records, failed,
                    cacheStats(), seconds, stopReason, provenance(), step.skippedUpdates(), refinement, fittedData(),
                    calibration, frameResiduals(calibration), framesAtCalibrationBound);
            listeners.forEach(l -> l.onRunEnd(context, result));
            return result;
        } finally {
            step.close();
        }
    }

    /**
     * The measurements the run fitted: replay's set; for the reference, which measured its
     * targets sample by sample, the same measurements taken again by the same rule (noise from
     * the same streams), through a system of its own so the run's cache counts stay its own.
     */
    private MeasurementSet fittedData() {
        if (data != null) {
            return data;
        }
        MeasurementSystem again = new MeasurementSystem(system.telescope(), null, spec.lineAcquisition());
        return MeasurementSet.acquire(again, object, samples, config.addNoise(), noiseSeed);
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
            step.reconstruct(reconstruction);
            return;
        }
        long t0 = System.nanoTime();
        List<Pupil> firstPupils = system.pupils(samples.get(0));
        float[] goal = initTarget(target);
        step.bind(target == InitializationTarget.MEASUREMENT ? new StepObjective.ApertureTarget(firstPupils, goal)
                : new StepObjective.ImageTarget(goal));
        step.resetOptimizer();
        ReduceOnPlateau schedule = ReduceOnPlateau.standard(config.learningRate());
        double value = Double.POSITIVE_INFINITY;
        int steps = 0;
        for (int cycle = 0; cycle < config.initMaxCycles() && !(value < config.lossThreshold()); cycle++) {
            for (int e = 0; e < config.initStepsPerCycle(); e++) {
                value = step.evaluate().lossNew();
                steps++;
                if (!Double.isFinite(value)) {
                    throw new TrainingDivergedException(-1, steps, value, value);
                }
                if (value < config.lossThreshold()) {
                    break;
                }
                step.update(schedule.learningRate());
            }
            schedule.step(value);
        }
        step.reconstruct(reconstruction);
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

    private float[] initTarget(InitializationTarget target) {
        float[] goal = new float[n * n];
        switch (target) {
            case CIRCLE -> {
                Region sq = step.outputSupport();
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
     * What sample {@code k}'s steps minimise. Replay: the first k+1 measured samples. Reference:
     * the sample's measurement and the previous reconstruction through the cumulative mask,
     * measured here (again before every step when the benchmark pattern asks for it).
     */
    private StepObjective objective(int k, boolean first) {
        if (config.algorithm() == Algorithm.REPLAY) {
            return new StepObjective.MeasuredSamples(k + 1);
        }
        return new StepObjective.PairedTargets(first ? null : system.cumulativePupil(), first ? null : targetOld,
                system.pupils(samples.get(k)), targetNew);
    }

    private SampleRecord trainSample(int k) {
        long t0 = System.nanoTime();
        boolean first = system.completedSamples() == 0;
        boolean reference = config.algorithm() == Algorithm.REFERENCE;
        if (reference) {
            measureTargets(k, first);
        }
        step.bind(objective(k, first));
        if (!optimizerStarted || config.resetOptimizerPerSample()) {
            step.resetOptimizer();
            optimizerStarted = true;
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
            if (reference && config.measureEveryStep() && steps > 1) {
                remeasureTargets(k, first);
                step.bind(objective(k, first));
            }
            StepLosses losses = step.evaluate();
            lossOld = losses.lossOld();
            lossNew = losses.lossNew();
            double lo = lossOld;
            double ln = lossNew;
            int st = steps;
            listeners.forEach(l -> l.onStepEnd(context, k, st, lo, ln));
            if (!losses.finite()) {
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
            step.update(schedule.learningRate());
            if (budget.cosine || steps % config.stepsPerCycle() == 0) {
                schedule.step(lossOld + lossNew);
            }
        }
        step.reconstruct(reconstruction);
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

    /** The final joint refinement of the pixels, from the generator's reconstruction. */
    private void refine() {
        ImageMetrics.Quality before = quality();
        JointPhaseRetrieval.Config jc = new JointPhaseRetrieval.Config(config.refinementIterations(),
                config.refinementLearningRate(), dataLoss, config.tvWeight(), 0, REFINEMENT_PATIENCE, 0);
        Reconstruction r = step.refine(reconstruction, jc);
        System.arraycopy(r.image(), 0, reconstruction, 0, reconstruction.length);
        refinedCalibration = r.calibration();
        framesAtCalibrationBound = r.framesAtCalibrationBound();
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
        MeasurementSet.measureSample(system, object, samples.get(k), k, config.addNoise(), noiseSeed)
                .amplitudeView().get(0, targetNew);
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
        if (truth == null) {
            return UNSCORED;
        }
        int size = decoderConfig.objectSize();
        return scoreScaled ? ImageMetrics.onObjectCropScaled(reconstruction, truth, n, size)
                : ImageMetrics.onObjectCrop(reconstruction, truth, n, size);
    }

    /** The quality of a run without a truth: not a number. */
    private static final ImageMetrics.Quality UNSCORED = new ImageMetrics.Quality(Double.NaN, Double.NaN, Double.NaN);

    /** Each frame's residual at the final reconstruction and calibration (empty without measurements). */
    private double[] frameResiduals(Calibration calibration) {
        if (data == null || records.isEmpty()) {
            return new double[0];
        }
        SelfCalibration fixed = calibration == null ? null : data.selfCalibration(CalibrationConfig.NONE, calibration);
        return data.fit(step.outputSupport(), dataLoss.create(config.normalizeLoss()), null, fixed)
                .frameResiduals(reconstruction);
    }

    // ---------------------------------------------------------------- state

    private Checkpoint snapshot() {
        StepState s = optimizerStarted ? step.state() : step.state().withoutOptimizer();
        return new Checkpoint(nextSample, spec.identity(), samples, decoderConfig.toMap(), config.toMap(),
                s.parameters(), s.optimizer(), system.state(), reconstruction.clone(), records, initialization,
                previousSeconds + seconds(), s.lossScaler(), cacheStats(), s.calibration());
    }

    private void restore(Checkpoint c) {
        requireSame("the run (object, telescope, pattern)", c.run(), spec.identity());
        requireSame("the decoder configuration", c.decoder(), decoderConfig.toMap());
        requireSame("the trainer configuration", c.trainer(), config.toMap());
        Checks.check(c.samples().equals(samples), "checkpoint samples", c.samples().size() + " samples",
                "must equal the pattern this trainer generates (same pattern and seed)");
        Checks.check(c.parameters().length == decoderConfig.parameterCount(), "checkpoint parameters",
                c.parameters().length + " values", "must match the decoder's " + decoderConfig.parameterCount());
        system.reset();
        for (int k = 0; k < c.nextSample(); k++) {
            system.addMask(samples.get(k));
        }
        Checks.check(system.state().equals(c.measurement()), "checkpoint cumulative_mask",
                "not the union of the pupils of samples 1.." + c.nextSample(),
                "must be the mask those samples give (the checkpoint is damaged or from another run)");
        // The system now holds the recomputed mask, checked equal to the checkpoint's.
        step.restore(new StepState(c.parameters(), c.optimizer(), c.lossScaler(), c.calibration()));
        optimizerStarted = c.optimizer() != null;
        System.arraycopy(c.reconstruction(), 0, reconstruction, 0, reconstruction.length);
        records.addAll(c.records());
        initialization = c.initialization();
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
        if (object != null) {
            s.put("object", object.name() + " (fingerprint " + Long.toHexString(object.fingerprint()) + ")");
        } else {
            s.put("data", "recorded " + data.unit().id() + " frames (fingerprint " + Long.toHexString(data.fingerprint())
                    + "), object square " + data.objectSize() + " px" + spec.truth().map(t -> ", scored against "
                    + t.name() + (scoreScaled ? " after the least-squares brightness factor" : "")).orElse(", no truth"));
        }
        s.put("pattern", spec.patternName() + " (" + samples.size() + " samples)");
        s.put("decoder", decoderConfig.toMap());
        s.put("trainer", config.toMap());
        s.put("algorithm", config.algorithm().id());
        if (data != null && data.unit() == FrameUnit.INTENSITY) {
            IntensityFrames f = data.intensityFrames();
            s.put("dataLoss", "poisson deviance of the counts" + (f.readNoise() > 0 ? " (read noise " + f.readNoise()
                    + " as a shifted Poisson)" : "") + ", divided by the mean counts of a frame");
            s.put("intensityScale", f.scale() + " counts per unit amplitude squared per unit exposure");
            s.put("selfCalibration", spec.calibration().toMap());
        } else {
            s.put("dataLoss", dataLoss.id() + (config.normalizeLoss() ? " (normalised)" : "")
                    + (data != null && data.isNoisy() ? ", against the expected noisy amplitude" : ""));
        }
        s.put("heldOutPixels", heldOut == null ? "none (noiseless measurements or holdoutFraction 0)"
                : config.holdoutFraction() + " of the detector (noisy measurements)");
        return Provenance.of(spec.backend(), config.precision(), config.seed(), s);
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
