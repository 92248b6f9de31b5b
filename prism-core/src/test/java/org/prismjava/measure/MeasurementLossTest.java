package org.prismjava.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.prismjava.loss.ImageLoss;
import org.prismjava.loss.LossType;
import org.prismjava.optics.Center;
import org.prismjava.optics.CircularAperture;
import org.prismjava.optics.FraunhoferPropagator;
import org.prismjava.optics.PropagatorKind;
import org.prismjava.optics.Pupil;
import org.prismjava.optics.Region;
import org.prismjava.optics.ShotNoise;

/** The multi-term data loss: gradients against finite differences, agreement with the two-branch operator, hold-out. */
class MeasurementLossTest {
    static final int N = MeasurementOperatorTest.N;
    static final Region SUPPORT = new Region(10, 22, 9, 23);

    /** Three terms: a complex point pupil, a three-position line, a large disk; targets from another object. */
    static List<MeasurementLoss.Term> terms(MeasurementLoss through) {
        float[] other = MeasurementOperatorTest.randomObject(7, SUPPORT);
        List<List<Pupil>> pupils = List.of(List.of(MeasurementOperatorTest.phasePupil(new Center(4, 3))),
                List.of(new CircularAperture(4).pupil(N, new Center(-3, -3)), new CircularAperture(4).pupil(N, Center.ORIGIN),
                        MeasurementOperatorTest.aberrated(new Center(3, 3))),
                List.of(new CircularAperture(9).pupil(N, Center.ORIGIN)));
        double[] weights = {0.3, 1.0, 0.5};
        List<MeasurementLoss.Term> out = new ArrayList<>();
        for (int t = 0; t < pupils.size(); t++) {
            out.add(new MeasurementLoss.Term(pupils.get(t), through.predict(other, pupils.get(t)), weights[t]));
        }
        return out;
    }

    static void checkGradient(MeasurementLoss loss, String what) {
        List<MeasurementLoss.Term> terms = terms(loss);
        float[] x = MeasurementOperatorTest.randomObject(4, SUPPORT);
        float[] grad = new float[N * N];
        double[] each = new double[3];
        double total = loss.evaluate(x, terms, grad, each);
        assertEquals(0.3 * each[0] + each[1] + 0.5 * each[2], total, 1e-9 * Math.abs(total), "weighted sum");
        for (int k : MeasurementOperatorTest.PROBED_PIXELS) {
            double fd = MeasurementOperatorTest.centralDifference(v -> loss.evaluate(v, terms, null, null), x, k);
            assertEquals(fd, grad[k], 2e-2 * Math.max(1e-3, Math.abs(fd)) + 1e-5, what + " pixel " + k);
        }
        assertEquals(0f, grad[0], "no gradient outside the support");
    }

    @ParameterizedTest
    @EnumSource(PropagatorKind.class)
    void gradientMatchesFiniteDifferences(PropagatorKind kind) {
        checkGradient(new MeasurementLoss(MeasurementOperatorTest.propagator(kind), SUPPORT, LossType.L2.create(true)),
                kind.name());
    }

    @Test
    void gradientThroughTheNoiseBiasAndTheHoldout() {
        MeasurementLoss plain = new MeasurementLoss(FraunhoferPropagator.cpu(N), SUPPORT, LossType.L2.create(true));
        checkGradient(plain.withExpectedNoise(new ShotNoise(20)), "expected noisy amplitude");
        checkGradient(plain.withHoldout(MeasurementLoss.randomHoldout(N, 0.3, 5)), "hold-out");
    }

    @Test
    void twoTermsReproduceTheReferenceOperatorsOldAndNewBranches() {
        Pupil old = new CircularAperture(9).pupil(N, Center.ORIGIN);
        Pupil nu = new CircularAperture(4).pupil(N, new Center(5, -6));
        float[] x = MeasurementOperatorTest.randomObject(2, SUPPORT);
        float[] other = MeasurementOperatorTest.randomObject(3, SUPPORT);
        ImageLoss l1 = LossType.L1.create(true);
        MeasurementOperator op = new MeasurementOperator(FraunhoferPropagator.cpu(N), SUPPORT, true);
        float[] tOld = op.apply(other, List.of(old));
        float[] tNew = op.apply(other, List.of(nu));
        float[] aOld = new float[N * N];
        float[] aNew = new float[N * N];
        float[] gOld = new float[N * N];
        float[] gNew = new float[N * N];
        op.forward(x, old, List.of(nu), aOld, aNew);
        double expected = l1.evaluate(aOld, tOld, N, N, gOld) + l1.evaluate(aNew, tNew, N, N, gNew);
        float[] expectedGrad = new float[N * N];
        op.backward(gOld, gNew, expectedGrad);
        MeasurementLoss loss = new MeasurementLoss(FraunhoferPropagator.cpu(N), SUPPORT, l1);
        float[] grad = new float[N * N];
        double total = loss.evaluate(x, List.of(MeasurementLoss.Term.of(nu, tNew), MeasurementLoss.Term.of(old, tOld)),
                grad, null);
        assertEquals(expected, total, 1e-6 * expected);
        for (int k = 0; k < N * N; k++) {
            assertEquals(expectedGrad[k], grad[k], 1e-5 * Math.abs(expectedGrad[k]) + 1e-7, "pixel " + k);
        }
    }

    @Test
    void heldOutPixelsAreValidatedNeverFitted() {
        boolean[] held = MeasurementLoss.randomHoldout(N, 0.25, 11);
        int count = 0;
        for (boolean b : held) {
            count += b ? 1 : 0;
        }
        assertEquals(0.25, count / (double) (N * N), 0.03, "about the asked fraction");
        // Unnormalised L1, so that a target change on one pixel set cannot reach the other through the scale.
        MeasurementLoss loss = new MeasurementLoss(FraunhoferPropagator.cpu(N), SUPPORT, LossType.L1.create(false))
                .withHoldout(held);
        List<MeasurementLoss.Term> terms = terms(loss);
        float[] x = MeasurementOperatorTest.randomObject(4, SUPPORT);
        float[] grad = new float[N * N];
        double fit = loss.evaluate(x, terms, grad, null);
        double valid = loss.validate(x, terms);
        List<MeasurementLoss.Term> heldChanged = new ArrayList<>();
        List<MeasurementLoss.Term> fitChanged = new ArrayList<>();
        for (MeasurementLoss.Term t : terms) {
            float[] a = t.target().clone();
            float[] b = t.target().clone();
            for (int i = 0; i < a.length; i++) {
                if (held[i]) {
                    a[i] += 0.5f;
                } else {
                    b[i] += 0.5f;
                }
            }
            heldChanged.add(new MeasurementLoss.Term(t.pupils(), a, t.weight()));
            fitChanged.add(new MeasurementLoss.Term(t.pupils(), b, t.weight()));
        }
        float[] gradHeld = new float[N * N];
        assertEquals(fit, loss.evaluate(x, heldChanged, gradHeld, null), 0, "held-out targets are not fitted");
        for (int i = 0; i < grad.length; i++) {
            assertEquals(grad[i], gradHeld[i], 0, "nor do they steer the gradient");
        }
        assertEquals(valid, loss.validate(x, fitChanged), 0, "validation ignores the fitted pixels");
        assertTrue(loss.validate(x, heldChanged) > valid, "and reads the held-out ones");
        MeasurementLoss all = new MeasurementLoss(FraunhoferPropagator.cpu(N), SUPPORT, LossType.L1.create(false));
        assertEquals(all.evaluate(x, terms, null, null), fit + valid, 1e-9 * (fit + valid),
                "the two pixel sets partition the loss");
    }

    @Test
    void badInputIsRejectedWithItsName() {
        MeasurementLoss loss = new MeasurementLoss(FraunhoferPropagator.cpu(N), SUPPORT, LossType.L1.create(true));
        float[] x = new float[N * N];
        assertTrue(assertThrows(IllegalArgumentException.class, () -> loss.evaluate(x, List.of(), null, null))
                .getMessage().startsWith("terms = [] is invalid"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> loss.evaluate(new float[3], terms(loss), null, null))
                .getMessage().startsWith("x.length = 3 is invalid"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new MeasurementLoss.Term(List.of(new CircularAperture(3).pupil(N, Center.ORIGIN)), x, -1))
                .getMessage().startsWith("weight = -1.0 is invalid"));
        assertTrue(assertThrows(IllegalStateException.class, () -> loss.validate(x, terms(loss))).getMessage()
                .contains("holds out no pixels"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MeasurementLoss.randomHoldout(N, 1.5, 1))
                .getMessage().startsWith("fraction = 1.5 is invalid"));
    }
}
