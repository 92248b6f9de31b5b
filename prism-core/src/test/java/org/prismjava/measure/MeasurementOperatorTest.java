package org.prismjava.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.prismjava.objects.ObservedObject;
import org.prismjava.optics.AngularSpectrumPropagator;
import org.prismjava.optics.Center;
import org.prismjava.optics.CircularAperture;
import org.prismjava.optics.ComplexField;
import org.prismjava.optics.Fft2;
import org.prismjava.optics.FraunhoferPropagator;
import org.prismjava.optics.FresnelPropagator;
import org.prismjava.optics.Grid;
import org.prismjava.optics.HexagonalAperture;
import org.prismjava.optics.Propagator;
import org.prismjava.optics.PropagatorKind;
import org.prismjava.optics.Pupil;
import org.prismjava.optics.Region;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.util.SeededRandom;

/** Adjoint identity and finite-difference gradient checks of the learning operator. */
class MeasurementOperatorTest {
    static final int N = 32;

    static Propagator propagator(PropagatorKind kind) {
        Grid g = Grid.of(N, 1e-5, 500e-9);
        return switch (kind) {
            case FRAUNHOFER -> FraunhoferPropagator.cpu(N);
            case FRESNEL -> new FresnelPropagator(g, 0.02, Fft2.cpu(N));
            case ANGULAR_SPECTRUM -> new AngularSpectrumPropagator(g, 0.02, Fft2.cpu(N));
        };
    }

    static Pupil aberrated(Center c) {
        return new HexagonalAperture(5).pupil(N, c);
    }

    /** A complex (aberrated, apodised) pupil so that the conjugations are exercised. */
    static Pupil phasePupil(Center c) {
        org.prismjava.optics.Aperture a = new org.prismjava.optics.Aperture() {
            @Override
            public double boundingRadius() {
                return 6;
            }

            @Override
            public double amplitude(double dy, double dx) {
                return dy * dy + dx * dx <= 36 ? 1 - 0.02 * (dy * dy + dx * dx) / 2 : 0;
            }

            @Override
            public double phase(double dy, double dx) {
                return 0.3 * dx - 0.2 * dy * dy;
            }
        };
        return a.pupil(N, c);
    }

    static double dot(ComplexField a, ComplexField b) {
        double s = 0;
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                s += (double) a.re(r, c) * b.re(r, c) + (double) a.im(r, c) * b.im(r, c);
            }
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(PropagatorKind.class)
    void adjointIdentity(PropagatorKind kind) {
        Propagator op = propagator(kind);
        Pupil p = phasePupil(new Center(3, -2));
        ComplexField x = org.prismjava.optics.FftTest.random(N, 1);
        ComplexField y = org.prismjava.optics.FftTest.random(N, 2);
        ComplexField ax = x.copy();
        linear(op, ax, p, false);
        ComplexField ahy = y.copy();
        linear(op, ahy, p, true);
        double lhs = dot(ax, y);
        double rhs = dot(x, ahy);
        assertEquals(lhs, rhs, 1e-4 * Math.abs(lhs) + 1e-3, kind + ": <Ax,y> = <x,A*y>");
    }

    /** {@code f <- B(P . F(f))}, or with {@code conj(P)}: the complex-linear part of a measurement. */
    private static void linear(Propagator propagator, ComplexField f, Pupil p, boolean conjugate) {
        propagator.toPupil(f);
        p.multiply(f, f, conjugate);
        propagator.toDetector(f);
    }

    /** Pixels inside the test support where gradients are checked against finite differences. */
    static final int[] PROBED_PIXELS = {10 * N + 9, 15 * N + 15, 21 * N + 22, 12 * N + 20, 18 * N + 11};

    /** The central difference of {@code f} at {@code x} along pixel {@code k}, step 0.01. */
    static double centralDifference(ToDoubleFunction<float[]> f, float[] x, int k) {
        float h = 1e-2f;
        float[] xp = x.clone();
        float[] xm = x.clone();
        xp[k] += h;
        xm[k] -= h;
        return (f.applyAsDouble(xp) - f.applyAsDouble(xm)) / (2 * h);
    }

    static float[] randomObject(long seed, Region support) {
        SeededRandom rng = new SeededRandom(seed);
        float[] x = new float[N * N];
        for (int r = support.rowFrom(); r < support.rowTo(); r++) {
            for (int c = support.colFrom(); c < support.colTo(); c++) {
                x[r * N + c] = (float) (0.2 + rng.nextDouble());
            }
        }
        return x;
    }

    /** L(x) = <gOld, aOld(x)> + <gNew, aNew(x)> evaluated in double via the operator. */
    static double loss(MeasurementOperator op, float[] x, Pupil old, List<Pupil> nu, float[] gOld, float[] gNew) {
        float[] ao = new float[N * N];
        float[] an = new float[N * N];
        op.forward(x, old, nu, ao, an);
        double s = 0;
        for (int k = 0; k < N * N; k++) {
            s += (double) an[k] * gNew[k] + (old == null ? 0 : (double) ao[k] * gOld[k]);
        }
        return s;
    }

    void gradientCheck(PropagatorKind kind, boolean fused, Pupil old, List<Pupil> nu) {
        Region support = new Region(10, 22, 9, 23);
        MeasurementOperator op = new MeasurementOperator(propagator(kind), support, fused);
        float[] x = randomObject(4, support);
        SeededRandom rng = new SeededRandom(9);
        float[] gOld = new float[N * N];
        float[] gNew = new float[N * N];
        for (int k = 0; k < N * N; k++) {
            gOld[k] = (float) rng.nextGaussian();
            gNew[k] = (float) rng.nextGaussian();
        }
        loss(op, x, old, nu, gOld, gNew);
        float[] grad = new float[N * N];
        op.backward(gOld, gNew, grad);
        int checked = 0;
        for (int k : PROBED_PIXELS) {
            double fd = centralDifference(v -> loss(op, v, old, nu, gOld, gNew), x, k);
            assertEquals(fd, grad[k], 2e-2 * Math.max(1, Math.abs(fd)), kind + " fused=" + fused + " pixel " + k);
            checked++;
        }
        assertEquals(5, checked);
        assertEquals(0f, grad[0], "no gradient outside the object support");
    }

    @ParameterizedTest
    @EnumSource(PropagatorKind.class)
    void gradientMatchesFiniteDifferencesForBothBranches(PropagatorKind kind) {
        Pupil old = new CircularAperture(9).pupil(N, Center.ORIGIN);
        List<Pupil> nu = List.of(phasePupil(new Center(4, 3)));
        gradientCheck(kind, true, old, nu);
        gradientCheck(kind, false, old, nu);
    }

    @Test
    void gradientOfTheIncoherentLineBranchAndTheFirstSample() {
        List<Pupil> line = List.of(new CircularAperture(4).pupil(N, new Center(-3, -3)),
                new CircularAperture(4).pupil(N, new Center(0, 0)), aberrated(new Center(3, 3)));
        gradientCheck(PropagatorKind.FRAUNHOFER, true, null, line);
        gradientCheck(PropagatorKind.FRAUNHOFER, true, new CircularAperture(6).pupil(N, Center.ORIGIN), line);
    }

    @Test
    void fusedAndSeparatePathsAgreeAndMatchTheTelescope() {
        Region support = new Region(8, 24, 8, 24);
        float[] x = randomObject(2, support);
        Pupil old = new CircularAperture(7).pupil(N, Center.ORIGIN);
        Pupil nu = new CircularAperture(4).pupil(N, new Center(5, -6));
        float[][] out = new float[4][N * N];
        new MeasurementOperator(FraunhoferPropagator.cpu(N), support, true).forward(x, old, List.of(nu), out[0], out[1]);
        new MeasurementOperator(FraunhoferPropagator.cpu(N), support, false).forward(x, old, List.of(nu), out[2], out[3]);
        var telescope = new SubApertureTelescope(TelescopeConfig.builder(N).apertureRadius(4).build());
        var viaTelescope = telescope.measure(ObservedObject.of("x", N, x), nu);
        for (int k = 0; k < N * N; k++) {
            assertEquals(out[0][k], out[2][k], 1e-6);
            assertEquals(out[1][k], out[3][k], 1e-6);
            assertEquals(viaTelescope.get(k / N, k % N), out[1][k], 1e-5);
        }
    }
}
