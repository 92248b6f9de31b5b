package org.prismjava.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prismjava.calibration.Calibration;
import org.prismjava.calibration.CalibrationConfig;
import org.prismjava.calibration.SelfCalibration;
import org.prismjava.loss.LossType;
import org.prismjava.objects.ObservedObject;
import org.prismjava.optics.Center;
import org.prismjava.optics.Region;
import org.prismjava.sampling.Patterns;
import org.prismjava.sampling.Sample;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.util.SeededRandom;

/**
 * The calibrated intensity data term: the shift theorem against a moved pupil, gradients in the
 * object and in every calibration parameter against finite differences, the noise level of the
 * residuals at the truth, and recovery of known centre and flux errors.
 */
class IntensityFitTest {
    static final int N = 32;
    static final Telescope TELESCOPE = new SubApertureTelescope(TelescopeConfig.builder(N).apertureRadius(4).build());
    /** Asymmetric: the frame at the origin of a centrosymmetric object cannot tell an offset from its negative. */
    static final ObservedObject OBJECT = ObservedObject.of("random", N,
            MeasurementOperatorTest.randomObject(11, Region.centred(N, 12)));
    static final List<Sample> SAMPLES = Patterns.fermat(8, 10).generate(new SeededRandom(0));
    static final FrameSimulator.Settings REALISTIC = new FrameSimulator.Settings(1e6, 0, 1.0, 0.1, 1e-3);

    static FrameSimulator.Result simulate(FrameSimulator.Settings s, long seed) {
        return FrameSimulator.simulate(TELESCOPE, OBJECT, SAMPLES, s, seed);
    }

    @Test
    void aRampedObjectIsTheMeasurementThroughTheMovedPupil() {
        Region square = Region.centred(N, 12);
        float[] x = OBJECT.amplitudes();
        ShiftedPrediction p = new ShiftedPrediction(TELESCOPE.propagator(), square);
        float[] shifted = new float[N * N];
        float[] moved = new float[N * N];
        p.forward(x, TELESCOPE.pupil(new Center(2, 3)), 1, -2, shifted);
        p.forward(x, TELESCOPE.pupil(new Center(3, 1)), 0, 0, moved);
        float max = 0;
        for (float v : moved) {
            max = Math.max(max, v);
        }
        for (int i = 0; i < moved.length; i++) {
            assertEquals(moved[i], shifted[i], 1e-5 * max, "pixel " + i);
        }
        float[] direct = TELESCOPE.measure(OBJECT, new Center(3, 1)).amplitude().data().asFloat();
        assertArrayEquals(direct, moved, 1e-5f * max, "no offset: the telescope's own measurement");
    }

    /** The fit of a simulated set with a calibration away from the truth, so every gradient is non-zero. */
    private static SelfCalibration calibrationNear(MeasurementSet data) {
        int f = data.size();
        double[] flux = new double[f];
        double[] dy = new double[f];
        double[] dx = new double[f];
        SeededRandom r = new SeededRandom(3);
        for (int j = 0; j < f; j++) {
            flux[j] = 1 + 0.2 * r.nextDouble();
            dy[j] = r.nextGaussian() * 0.5;
            dx[j] = r.nextGaussian() * 0.5;
        }
        return data.selfCalibration(CalibrationConfig.DEFAULT,
                Calibration.of(flux, dy, dx, 2 * data.intensityFrames().background()));
    }

    @Test
    void gradientsMatchFiniteDifferencesInTheObjectAndTheCalibration() {
        FrameSimulator.Result sim = simulate(REALISTIC, 1);
        MeasurementSet data = sim.data();
        float[] x = MeasurementOperatorTest.randomObject(4, data.support());
        for (boolean[] heldOut : new boolean[][] {null, MeasurementLoss.randomHoldout(N, 0.2, 9)}) {
            SelfCalibration cal = calibrationNear(data);
            DataFit fit = data.fit(data.support(), LossType.L2.create(true), heldOut, cal);
            float[] grad = new float[N * N];
            int count = 5;
            fit.evaluate(x, count, grad, null);
            for (int k : new int[] {11 * N + 12, 15 * N + 15, 20 * N + 19, 13 * N + 21}) {
                double fd = MeasurementOperatorTest.centralDifference(v -> fit.evaluate(v, count, null, null), x, k);
                assertEquals(fd, grad[k], 2e-2 * Math.abs(fd) + 1e-7, "pixel " + k);
            }
            assertEquals(0f, grad[0], "no gradient outside the support");
            double[] g = cal.accumulatedGradient();
            Calibration c = cal.current();
            int f = data.size();
            // the loss is the data's alone; the calibration gradient adds the priors on its scale
            double weight = 1.0 / (count * data.intensityFrames().normaliser());
            CalibrationConfig cc = CalibrationConfig.DEFAULT;
            for (int j = 0; j < count; j++) {
                g[f + j] -= weight * c.offset(j).y() / (cc.positionPrior() * cc.positionPrior());
                g[2 * f + j] -= weight * c.offset(j).x() / (cc.positionPrior() * cc.positionPrior());
                g[j] -= weight * Math.log(c.flux(j)) / (cc.fluxPrior() * cc.fluxPrior());
            }
            for (int j : new int[] {0, 2, 4}) {
                double h = 1e-2;
                assertEquals(difference(data, heldOut, x, count, shift(c, j, h, 0), shift(c, j, -h, 0), 2 * h),
                        g[f + j], 2e-2 * Math.abs(g[f + j]) + 1e-9, "d/d dy of frame " + j);
                assertEquals(difference(data, heldOut, x, count, shift(c, j, 0, h), shift(c, j, 0, -h), 2 * h),
                        g[2 * f + j], 2e-2 * Math.abs(g[2 * f + j]) + 1e-9, "d/d dx of frame " + j);
                assertEquals(difference(data, heldOut, x, count, scaleFlux(c, j, Math.exp(h)),
                        scaleFlux(c, j, Math.exp(-h)), 2 * h), g[j], 2e-2 * Math.abs(g[j]) + 1e-9,
                        "d/d log flux of frame " + j);
            }
            double hb = 1e-3 * c.background();
            assertEquals(difference(data, heldOut, x, count, background(c, c.background() + hb),
                    background(c, c.background() - hb), 2 * hb), g[3 * f], 2e-2 * Math.abs(g[3 * f]) + 1e-12,
                    "d/d background");
            assertEquals(0, g[6], "frames beyond the count get no gradient");
        }
    }

    private static double difference(MeasurementSet data, boolean[] heldOut, float[] x, int count, Calibration plus,
            Calibration minus, double step) {
        double a = data.fit(data.support(), LossType.L2.create(true), heldOut,
                data.selfCalibration(CalibrationConfig.NONE, plus)).evaluate(x, count, null, null);
        double b = data.fit(data.support(), LossType.L2.create(true), heldOut,
                data.selfCalibration(CalibrationConfig.NONE, minus)).evaluate(x, count, null, null);
        return (a - b) / step;
    }

    private static Calibration shift(Calibration c, int frame, double y, double x) {
        return rebuild(c, frame, 1, y, x, c.background());
    }

    private static Calibration scaleFlux(Calibration c, int frame, double factor) {
        return rebuild(c, frame, factor, 0, 0, c.background());
    }

    private static Calibration background(Calibration c, double b) {
        return rebuild(c, 0, 1, 0, 0, b);
    }

    private static Calibration rebuild(Calibration c, int frame, double factor, double y, double x, double b) {
        int f = c.frames();
        double[] flux = new double[f];
        double[] dy = new double[f];
        double[] dx = new double[f];
        for (int j = 0; j < f; j++) {
            flux[j] = c.flux(j) * (j == frame ? factor : 1);
            dy[j] = c.offset(j).y() + (j == frame ? y : 0);
            dx[j] = c.offset(j).x() + (j == frame ? x : 0);
        }
        return Calibration.of(flux, dy, dx, b);
    }

    @Test
    void residualsAreAtTheNoiseLevelAtTheTruthAndFlagFramesTheNominalCalibrationCannotExplain() {
        FrameSimulator.Result sim = simulate(REALISTIC, 2);
        MeasurementSet data = sim.data();
        float[] truth = sim.objectInSetUnits(OBJECT);
        double[] atTruth = data.fit(data.support(), LossType.L2.create(true), null,
                data.selfCalibration(CalibrationConfig.NONE, sim.truthRelativeToReference())).frameResiduals(truth);
        double mean = 0;
        for (double r : atTruth) {
            assertTrue(r > 0.7 && r < 1.4, "a frame explained to its noise has a residual near 1: " + r);
            mean += r / atTruth.length;
        }
        assertEquals(1, mean, 0.15, "mean residual at the truth");
        double[] nominal = data.fit(data.support(), LossType.L2.create(true), null, null).frameResiduals(truth);
        int flagged = 0;
        for (double r : nominal) {
            flagged += r > 2 ? 1 : 0;
        }
        assertTrue(flagged >= data.size() / 2, "most frames are unexplained at their nominal centres: "
                + java.util.Arrays.toString(nominal));
    }

    @Test
    void selfCalibrationRecoversKnownCentreAndFluxErrorsOnAKnownObject() {
        FrameSimulator.Result sim = simulate(REALISTIC, 3);
        MeasurementSet data = sim.data();
        float[] truth = sim.objectInSetUnits(OBJECT);
        Calibration exact = sim.truthRelativeToReference();
        SelfCalibration cal = data.selfCalibration(CalibrationConfig.DEFAULT, data.nominalCalibration());
        DataFit fit = data.fit(data.support(), LossType.L2.create(true), null, cal);
        float[] grad = new float[N * N];
        double before = exact.rmsOffset();
        for (int it = 0; it < 400; it++) {
            fit.evaluate(truth, data.size(), grad, null);
            fit.updateCalibration();
        }
        Calibration got = cal.current();
        assertTrue(before > 0.5, "the simulated errors are about a pixel: " + before);
        assertTrue(got.rmsOffsetError(exact) < 0.1, "centres recovered to 0.1 px rms: " + got.rmsOffsetError(exact)
                + " (started " + before + " off)");
        assertTrue(got.rmsLogFluxError(exact) < 0.02, "fluxes recovered to 2%: " + got.rmsLogFluxError(exact));
        assertEquals(exact.background(), got.background(), 0.2 * exact.background(), "background");
        assertEquals(List.of(), cal.framesAtBound(), "nothing ran away");
    }
}
