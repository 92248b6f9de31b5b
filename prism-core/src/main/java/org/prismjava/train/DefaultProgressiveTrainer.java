package org.prismjava.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prismjava.loss.ImageLoss;
import org.prismjava.loss.LossType;
import org.prismjava.measure.CacheStats;
import org.prismjava.measure.LruMeasurementCache;
import org.prismjava.measure.MeasurementCache;
import org.prismjava.measure.MeasurementOperator;
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

/**
 * The CPU implementation of {@link ProgressiveTrainer} (spec 8 with the fixes of DESIGN 4.6):
 * initialization, then per sample: measure the targets once (or every step when the benchmark
 * pattern asks for it), a fresh Adam, steps until both losses are below the threshold or the
 * budget (plus one escalation in adaptive mode) is spent, metrics, cumulative-mask update.
 * Every non-converged exit is a recorded failure. Not thread-safe; {@link #run()} runs once.
 */
final class DefaultProgressiveTrainer implements ProgressiveTrainer {
    private final ProgressiveTrainer.Builder spec;
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
    private SeededRandom noise;
    private Adam adam;
    private InitializationRecord initialization;
    private int nextSample;
    private double previousSeconds;
    private long startNanos;
    private String stopReason;
    private boolean ran;
    private final Context context = new Context();

    DefaultProgressiveTrainer(ProgressiveTrainer.Builder b) {
        this.spec = b;
        this.config = b.config;
        this.object = b.object;
        this.n = b.telescope.gridSize();
        this.decoderConfig = b.decoder != null ? b.decoder : DecoderConfig.builder(n, objectSquare(b.object)).build();
        Checks.check(decoderConfig.gridSize() == n, "decoder.gridSize()", decoderConfig.gridSize(),
                "must equal the telescope grid " + n);
        SeededRandom root = new SeededRandom(config.seed());
        SeededRandom patternRng = root.split();
        SeededRandom modelRng = root.split();
        this.noise = root.split();
        this.samples = List.copyOf(b.pattern.generate(patternRng));
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
    }

    /** Edge of the smallest centred square holding the object's support. */
    private static int objectSquare(ObservedObject o) {
        int n = o.size();
        Region s = o.support();
        for (int size = Math.max(Math.max(s.height(), s.width()), 8); size < n; size++) {
            Region c = Region.centred(n, size);
            if (c.rowFrom() <= s.rowFrom() && c.rowTo() >= s.rowTo() && c.colFrom() <= s.colFrom()
                    && c.colTo() >= s.colTo()) {
                return size;
            }
        }
        return n;
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
        if (spec.resumeFrom != null) {
            restore(CheckpointIO.read(spec.resumeFrom));
        }
        spec.listeners.forEach(l -> l.onRunStart(context));
        if (spec.resumeFrom == null) {
            initialize();
            spec.listeners.forEach(l -> l.onInitializationEnd(context, initialization));
        }
        while (nextSample < samples.size() && stopReason == null) {
            int k = nextSample;
            spec.listeners.forEach(l -> l.onSampleStart(context, k, samples.get(k)));
            SampleRecord r = trainSample(k);
            records.add(r);
            nextSample = k + 1;
            spec.listeners.forEach(l -> l.onSampleEnd(context, r));
        }
        List<Integer> failed = records.stream().filter(r -> !r.converged()).map(SampleRecord::index).toList();
        TrainingResult result = new TrainingResult(n, reconstruction, initialization, records, failed,
                cache == null ? new CacheStats(0, 0, 0, 0, 0) : cache.stats(), seconds(), stopReason, provenance(),
                scaler.skippedSteps());
        spec.listeners.forEach(l -> l.onRunEnd(context, result));
        return result;
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

    private SampleRecord trainSample(int k) {
        long t0 = System.nanoTime();
        Sample sample = samples.get(k);
        boolean first = system.completedSamples() == 0;
        Pupil oldPupil = first ? null : system.cumulativePupil();
        List<Pupil> newPupils = system.pupils(sample);
        measureTargets(sample, first);
        if (adam == null || config.resetOptimizerPerSample()) {
            adam = new Adam(decoder.parameters(), AdamConfig.of(config.learningRate(), config.amsgrad()));
        }
        double th = config.lossThreshold();
        ConvergenceMonitor monitor = new ConvergenceMonitor(th, config.patience(), config.plateauWindow(),
                config.plateauThreshold(), config.escalationSteps());
        LearningRateSchedule schedule = config.adaptiveConvergence()
                ? ReduceOnPlateau.standard(config.learningRate()) : LearningRateSchedule.constant(config.learningRate());
        boolean cosine = false;
        long budget = (long) config.stepsPerCycle() * config.maxCycles();
        boolean escalated = false;
        int steps = 0;
        double lossOld = Double.POSITIVE_INFINITY;
        double lossNew = Double.POSITIVE_INFINITY;
        SampleOutcome outcome;
        MeasurementOperator op = operator;
        while (true) {
            if (steps >= budget) {
                if (config.adaptiveConvergence() && !escalated && monitor.hasEscalated()
                        && config.escalationExtraSteps() > 0) {
                    escalated = true;
                    budget += config.escalationExtraSteps();
                    monitor.setTier(ConvergenceTier.AGGRESSIVE);
                    schedule = CosineWarmRestarts.standard(config.learningRate() * config.aggressiveLrMultiplier());
                    cosine = true;
                    continue;
                }
                outcome = SampleOutcome.STEP_BUDGET_EXHAUSTED;
                break;
            }
            if (config.measureEveryStep() && steps > 0) {
                remeasureTargets(sample, first);
            }
            if (!config.reuseBuffers()) {
                op = newOperator();
            }
            steps++;
            decoder.forward(image);
            op.forward(image, oldPupil, newPupils, predOld, predNew);
            lossNew = loss.evaluate(predNew, targetNew, n, n, gradNew);
            if (first) {
                lossOld = lossNew;
            } else {
                lossOld = loss.evaluate(predOld, targetOld, n, n, gradOld);
            }
            double lo = lossOld;
            double ln = lossNew;
            int st = steps;
            spec.listeners.forEach(l -> l.onStepEnd(context, k, st, lo, ln));
            if (!Double.isFinite(lossOld) || !Double.isFinite(lossNew)) {
                throw new TrainingDivergedException(k, steps, lossOld, lossNew);
            }
            monitor.update(lossOld + lossNew);
            if (lossNew < th && (first || lossOld < th)) {
                outcome = SampleOutcome.CONVERGED;
                break;
            }
            if (config.adaptiveConvergence() && monitor.tier() == ConvergenceTier.RESCUE && monitor.isPlateau()) {
                outcome = SampleOutcome.PLATEAU;
                break;
            }
            if (first) {
                for (int i = 0; i < gradNew.length; i++) {
                    gradNew[i] *= 2;
                }
            }
            op.backward(gradOld, gradNew, gradImage);
            backwardAndStep(adam, schedule.learningRate());
            if (cosine) {
                schedule.step(lossOld + lossNew);
            } else if (steps % config.stepsPerCycle() == 0) {
                schedule.step(lossOld + lossNew);
            }
        }
        decoder.forward(reconstruction);
        system.addMask(sample);
        ImageMetrics.Quality q = quality();
        return new SampleRecord(k, lossOld, lossNew, q.ssim(), q.psnr(), q.rmsePercent(), steps,
                (System.nanoTime() - t0) * 1e-9, schedule.learningRate(), monitor.tier(), outcome);
    }

    /**
     * The in-loop re-measurement of the benchmark pattern. Within a sample the old target cannot
     * change (same reconstruction, same mask): with a kept cache it is reused and only the new
     * target is measured (a cache hit); otherwise both are recomputed, as the baseline does.
     */
    private void remeasureTargets(Sample sample, boolean first) {
        if (config.cachePolicy() != CachePolicy.KEEP) {
            measureTargets(sample, first);
            return;
        }
        system.measureNext(object, sample, config.addNoise(), noise).amplitudeView().get(0, targetNew);
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

    private void measureTargets(Sample sample, boolean first) {
        TargetPair t = system.measure(object, first ? null : reconstruction, sample,
                config.addNoise(), noise);
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
        return new Checkpoint(nextSample, samples, decoderConfig.toMap(), config.toMap(), decoder.parameters().copyValues(),
                adam == null ? null : adam.state(), system.state(), noise.state(), reconstruction.clone(), records,
                initialization, previousSeconds + seconds(), scaler.state());
    }

    private void restore(Checkpoint c) {
        Checks.check(normalised(c.decoder()).equals(normalised(decoderConfig.toMap())), "checkpoint decoder", c.decoder(),
                "must equal this trainer's decoder " + decoderConfig.toMap());
        Checks.check(normalised(c.trainer()).equals(normalised(config.toMap())), "checkpoint trainer", c.trainer(),
                "must equal this trainer's configuration " + config.toMap() + " (a resumed run continues the same run)");
        Checks.check(c.samples().equals(samples), "checkpoint samples", c.samples().size() + " samples",
                "must equal the pattern this trainer generates (same pattern and seed)");
        Checks.check(c.nextSample() >= 0 && c.nextSample() <= samples.size(), "checkpoint nextSample",
                c.nextSample(), "must be in [0, " + samples.size() + "]");
        decoder.parameters().setValues(c.parameters());
        system.restore(c.measurement());
        noise = SeededRandom.restore(c.rng());
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
    }

    private static Object normalised(Map<String, Object> m) {
        return Json.parse(Json.write(m));
    }

    private Provenance provenance() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("telescope", system.telescope().config().toString());
        s.put("object", object.name() + " (fingerprint " + Long.toHexString(object.fingerprint()) + ")");
        s.put("pattern", spec.pattern.name() + " (" + samples.size() + " samples)");
        s.put("decoder", decoderConfig.toMap());
        s.put("trainer", config.toMap());
        return Provenance.of(spec.backend, config.precision(), config.seed(), s);
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
