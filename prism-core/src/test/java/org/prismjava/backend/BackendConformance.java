package org.prismjava.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prismjava.loss.LossType;
import org.prismjava.measure.MeasurementLoss;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.measure.MeasurementSystem;
import org.prismjava.model.AdamConfig;
import org.prismjava.objects.ObservedObject;
import org.prismjava.objects.TestObjects;
import org.prismjava.optics.Center;
import org.prismjava.optics.ComplexField;
import org.prismjava.optics.Fft2;
import org.prismjava.optics.FftTest;
import org.prismjava.optics.NaiveDft;
import org.prismjava.optics.Pupil;
import org.prismjava.sampling.Patterns;
import org.prismjava.sampling.Sample;
import org.prismjava.step.StepLosses;
import org.prismjava.step.StepObjective;
import org.prismjava.step.StepSpec;
import org.prismjava.step.StepState;
import org.prismjava.step.TrainingStep;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.train.InitializationTarget;
import org.prismjava.train.ProgressiveTrainer;
import org.prismjava.train.Algorithm;
import org.prismjava.train.TrainerConfig;
import org.prismjava.train.TrainingResult;
import org.prismjava.util.SeededRandom;
import org.slf4j.LoggerFactory;

/**
 * The tests every compute backend passes (DESIGN 5), in prism-core's test jar: a backend module
 * extends this class and names its provider. Each result is checked against an independent
 * reference (the centred DFT from its definition, {@link NaiveDft}, in double precision, and the
 * CPU trainer running on it), within these tolerances:
 * <ul>
 * <li>FFT vs the definition (unit-variance input): max abs error {@code <= 2e-5 N};</li>
 * <li>round trip {@code CIF(CF x)}: max abs error {@code <= 1e-5}; Parseval: relative {@code <= 1e-5};</li>
 * <li>adjoint identity {@code <CF x, y> = <x, CIF y>}: {@code |lhs - rhs| <= 1e-5 |x||y|};</li>
 * <li>measurements: max abs error {@code <= 1e-5} of the largest amplitude;</li>
 * <li>training (2 samples x 5 steps, N 32): reconstruction max abs error {@code <= 1e-3} in FP32,
 *     {@code <= 3e-2} in the mixed precisions (16-bit rounding can flip on last-bit differences);</li>
 * <li>whole steps ({@link #stepsMatchTheReference}, N 32, FP32, every kind of
 *     {@link StepObjective}): the first image and both losses relative {@code <= 1e-4}; the
 *     gradient (Adam's first moment after one update, divided by {@code 1 - beta1}) max abs error
 *     {@code <= 1e-3} of its largest entry; the parameters after that update max abs error
 *     {@code <= 1e-6} where the gradient is above {@code 1e-2} of its largest entry (Adam's first
 *     step moves every parameter by about the learning rate whatever the gradient's size, so a
 *     near-zero gradient's sign is not compared); a replay training run (3 samples x 5 steps and
 *     10 refinement iterations on noisy data with held-out pixels) reconstruction max abs error
 *     {@code <= 2e-2} (the CPU FFT against the DFT's definition measured 8e-3: Adam's normalised
 *     steps carry last-bit differences of near-zero gradients into whole learning-rate steps).</li>
 * </ul>
 * A backend that cannot run here is skipped test by test with its provider's reason, never passed.
 */
public abstract class BackendConformance {
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private ComputeBackend backend;

    /** The provider under test. */
    protected abstract BackendProvider provider();

    @BeforeEach
    void requireAvailable() {
        BackendProvider p = provider();
        Availability a = Backends.availability(p);
        if (!a.available() && REPORTED.add(p.name())) {
            LoggerFactory.getLogger(getClass()).warn("SKIPPED: the {} backend's conformance tests, because it cannot"
                    + " run here: {}", p.name(), a.detail());
        }
        Assumptions.assumeTrue(a.available(), () -> "backend " + p.name() + " cannot run here: " + a.detail());
        backend = p.create();
        assertEquals(p.name(), backend.name());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 8, 16, 32})
    void fftMatchesTheDefinition(int n) {
        NaiveDft.assertMatchesDefinition(backend.fft2(n), 100 + n);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 512})
    void fftRoundTripAndParseval(int n) {
        ComplexField x = FftTest.random(n, n);
        ComplexField original = x.copy();
        Fft2 fft = backend.fft2(n);
        fft.forward(x);
        assertEquals(1.0, x.energy() / original.energy(), 1e-5, "Parseval");
        fft.inverse(x);
        double worst = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                worst = Math.max(worst, Math.abs(x.re(r, c) - original.re(r, c)));
                worst = Math.max(worst, Math.abs(x.im(r, c) - original.im(r, c)));
            }
        }
        assertTrue(worst <= 1e-5, "round trip max abs error " + worst);
    }

    @Test
    void forwardAndInverseAreAdjoint() {
        int n = 128;
        ComplexField x = FftTest.random(n, 1);
        ComplexField y = FftTest.random(n, 2);
        ComplexField fx = x.copy();
        ComplexField iy = y.copy();
        backend.fft2(n).forward(fx);
        backend.fft2(n).inverse(iy);
        double[] lhs = inner(fx, y);
        double[] rhs = inner(x, iy);
        double scale = Math.sqrt(x.energy() * y.energy());
        assertEquals(lhs[0], rhs[0], 1e-5 * scale, "real part");
        assertEquals(lhs[1], rhs[1], 1e-5 * scale, "imaginary part");
    }

    @Test
    void measurementsMatchTheReference() {
        int n = 32;
        TelescopeConfig config = TelescopeConfig.builder(n).apertureRadius(4).build();
        Telescope mine = new SubApertureTelescope(config, backend.fft2(n));
        Telescope reference = new SubApertureTelescope(config, new NaiveDft(n));
        ObservedObject object = TestObjects.europaLike(n, 12, 3);
        for (Center c : new Center[] {new Center(0, 0), new Center(5, -3), new Center(-11, 9)}) {
            INDArray got = mine.measure(object, c).amplitude();
            INDArray want = reference.measure(object, c).amplitude();
            double max = want.maxNumber().doubleValue();
            double error = got.sub(want).amax().getDouble(0);
            assertTrue(error <= 1e-5 * max, "centre " + c + ": max abs error " + error + " of " + max);
        }
    }

    @Test
    void trainingMatchesTheReferenceInEveryPrecision() {
        for (Precision precision : Precision.values()) {
            if (!backend.precisions().contains(precision)) {
                continue;
            }
            float[] got = train(backend, backend.fft2(32), precision);
            float[] want = train(Backends.cpu(), new NaiveDft(32), precision);
            double error = 0;
            for (int i = 0; i < want.length; i++) {
                error = Math.max(error, Math.abs(got[i] - want[i]));
            }
            double tolerance = precision == Precision.FP32 ? 1e-3 : 3e-2;
            assertTrue(error <= tolerance, precision + ": reconstruction max abs error " + error);
        }
    }

    /** Every kind of objective, evaluated and updated once on a fresh step of each backend. */
    @Test
    void stepsMatchTheReference() {
        int n = 32;
        ObservedObject object = TestObjects.europaLike(n, 12, 3);
        TelescopeConfig config = TelescopeConfig.builder(n).apertureRadius(4).snrDb(30).build();
        Telescope mine = new SubApertureTelescope(config, backend.fft2(n));
        Telescope reference = new SubApertureTelescope(config, new NaiveDft(n));
        List<Sample> samples = Patterns.fermat(3, 8).generate(new SeededRandom(1));
        MeasurementSet myData = MeasurementSet.acquire(MeasurementSystem.withDefaults(mine), object, samples, true, 9);
        MeasurementSet referenceData = MeasurementSet.acquire(MeasurementSystem.withDefaults(reference), object,
                samples, true, 9);
        MeasurementSystem system = MeasurementSystem.withDefaults(reference);
        List<Pupil> first = system.pupils(samples.get(0));
        float[] next = referenceData.amplitude(1);
        system.addMask(samples.get(0));
        float[] goal = new float[n * n];
        object.amplitudeView().get(0, goal);
        float[] previous = new float[n * n];
        system.throughCumulativeMask(goal).amplitudeView().get(0, previous);
        Map<String, StepObjective> objectives = new LinkedHashMap<>();
        objectives.put("image target", new StepObjective.ImageTarget(goal));
        objectives.put("aperture target", new StepObjective.ApertureTarget(first, referenceData.amplitude(0)));
        objectives.put("first paired targets", new StepObjective.PairedTargets(null, null, first,
                referenceData.amplitude(0)));
        objectives.put("paired targets", new StepObjective.PairedTargets(system.cumulativePupil(), previous,
                system.pupils(samples.get(1)), next));
        objectives.put("measured samples", new StepObjective.MeasuredSamples(3));
        boolean[] heldOut = MeasurementLoss.randomHoldout(n, 0.1, 4);
        for (Map.Entry<String, StepObjective> e : objectives.entrySet()) {
            try (TrainingStep got = backend.newStep(stepSpec(mine, myData, heldOut));
                    TrainingStep want = Backends.cpu().newStep(stepSpec(reference, referenceData, heldOut))) {
                compareOneStep(e.getKey(), e.getValue(), got, want);
            }
        }
        float[] got = trainReplay(backend, mine);
        float[] want = trainReplay(Backends.cpu(), reference);
        LoggerFactory.getLogger(BackendConformance.class).info("{} backend, replay run: reconstruction max abs error {}",
                backend.name(), maxAbsDifference(got, want));
        assertTrue(maxAbsDifference(got, want) <= 2e-2, "replay run: max abs error " + maxAbsDifference(got, want));
    }

    private static StepSpec stepSpec(Telescope telescope, MeasurementSet data, boolean[] heldOut) {
        return StepSpec.builder(Algorithm.REPLAY.defaultDecoder(telescope.gridSize(), 12), telescope).modelSeed(3)
                .loss(LossType.L1, true).measurements(new StepSpec.Measurements(data, LossType.L2, heldOut, 0.01))
                .build();
    }

    private static void compareOneStep(String what, StepObjective objective, TrainingStep got, TrainingStep want) {
        int n = want.gridSize();
        assertEquals(want.gridSize(), got.gridSize(), what + ": grid");
        assertEquals(want.outputSupport(), got.outputSupport(), what + ": output support");
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        got.reconstruct(a);
        want.reconstruct(b);
        assertTrue(maxAbsDifference(a, b) <= 1e-4 * max(b), what + ": first image");
        got.bind(objective);
        want.bind(objective);
        StepLosses lg = got.evaluate();
        StepLosses lw = want.evaluate();
        assertEquals(lw.lossNew(), lg.lossNew(), 1e-4 * Math.abs(lw.lossNew()), what + ": lossNew");
        assertEquals(lw.lossOld(), lg.lossOld(), 1e-4 * Math.abs(lw.lossOld()), what + ": lossOld");
        got.resetOptimizer();
        want.resetOptimizer();
        assertTrue(got.update(1e-3) && want.update(1e-3), what + ": an FP32 update is never skipped");
        StepState sg = got.state();
        StepState sw = want.state();
        double beta1 = AdamConfig.DEFAULT.beta1();
        float[] gg = sg.optimizer().m();
        float[] gw = sw.optimizer().m();
        double largest = max(gw) / (1 - beta1);
        assertTrue(largest > 0, what + ": the gradient is not zero");
        assertTrue(maxAbsDifference(gg, gw) / (1 - beta1) <= 1e-3 * largest,
                what + ": gradient max abs error " + maxAbsDifference(gg, gw) / (1 - beta1) + " of " + largest);
        float[] pg = sg.parameters();
        float[] pw = sw.parameters();
        double worst = 0;
        for (int i = 0; i < pw.length; i++) {
            if (Math.abs(gw[i]) / (1 - beta1) > 1e-2 * largest) {
                worst = Math.max(worst, Math.abs(pg[i] - pw[i]));
            }
        }
        assertTrue(worst <= 1e-6, what + ": parameters after one update, max abs error " + worst);
        LoggerFactory.getLogger(BackendConformance.class).info("{} step, {}: lossNew relative error {}, lossOld {},"
                + " gradient {} of its largest entry, parameters {}", got.getClass().getSimpleName(), what,
                Math.abs(lg.lossNew() - lw.lossNew()) / Math.abs(lw.lossNew()),
                Math.abs(lg.lossOld() - lw.lossOld()) / Math.abs(lw.lossOld()),
                maxAbsDifference(gg, gw) / (1 - beta1) / largest, worst);
    }

    private static float[] trainReplay(ComputeBackend on, Telescope telescope) {
        TrainerConfig config = TrainerConfig.builder().stepsPerCycle(5).maxCycles(1).lossThreshold(Double.MIN_NORMAL)
                .refinementIterations(10).holdoutFraction(0.1).seed(5).build();
        return ProgressiveTrainer.builder().setTelescope(telescope).setObject(TestObjects.europaLike(32, 12, 3))
                .setPattern(Patterns.fermat(3, 8)).optConfig(config).optBackend(on).build().run().reconstruction();
    }

    private static double maxAbsDifference(float[] a, float[] b) {
        assertEquals(b.length, a.length, "length");
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    private static double max(float[] v) {
        double m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static float[] train(ComputeBackend on, Fft2 fft, Precision precision) {
        int n = 32;
        Telescope telescope = new SubApertureTelescope(TelescopeConfig.builder(n).apertureRadius(4).build(), fft);
        TrainerConfig config = TrainerConfig.builder(Algorithm.REFERENCE).stepsPerCycle(5).maxCycles(1).lossThreshold(Double.MIN_NORMAL)
                .initializationTarget(InitializationTarget.NONE).precision(precision).seed(5).build();
        TrainingResult r = ProgressiveTrainer.builder().setTelescope(telescope)
                .setObject(TestObjects.europaLike(n, 12, 3)).setPattern(Patterns.fermat(2, 8)).optConfig(config)
                .optBackend(on).build().run();
        assertEquals(2, r.samples().size());
        return r.reconstruction();
    }

    /** {@code <a, b> = sum conj(a) b} as (re, im), in double precision. */
    private static double[] inner(ComplexField a, ComplexField b) {
        double re = 0;
        double im = 0;
        for (int r = 0; r < a.size(); r++) {
            for (int c = 0; c < a.size(); c++) {
                re += (double) a.re(r, c) * b.re(r, c) + (double) a.im(r, c) * b.im(r, c);
                im += (double) a.re(r, c) * b.im(r, c) - (double) a.im(r, c) * b.re(r, c);
            }
        }
        return new double[] {re, im};
    }
}
