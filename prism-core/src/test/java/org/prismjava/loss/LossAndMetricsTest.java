package org.prismjava.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.prismjava.metrics.ImageMetrics;
import org.prismjava.metrics.MsSsim;
import org.prismjava.metrics.Ssim;
import org.prismjava.util.SeededRandom;

/** Spec 13.6 oracles and the Appendix B.5 golden values. */
class LossAndMetricsTest {
    private static final int S = 32;

    private static float[] a() {
        float[] a = new float[S * S];
        for (int i = 0; i < S; i++) {
            for (int j = 0; j < S; j++) {
                a[i * S + j] = (32 * i + j) / 1023f;
            }
        }
        return a;
    }

    private static float[] b() {
        float[] b = new float[S * S];
        for (int i = 0; i < S; i++) {
            for (int j = 0; j < S; j++) {
                b[i * S + j] = (float) (0.5 * (Math.sin(i / 3.0) * Math.cos(j / 5.0) + 1));
            }
        }
        return b;
    }

    private static float[] random(int n, long seed) {
        SeededRandom r = new SeededRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextDouble();
        }
        return x;
    }

    @Test
    void goldenValuesOfAppendixB5() {
        float[] a = a();
        float[] b = b();
        float[] a2 = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            a2[i] = 0.9f * a[i] + 0.05f;
        }
        assertEquals(1.0, Ssim.STANDARD.value(a, a, S, S), 1e-6);
        assertEquals(0.03642862, Ssim.STANDARD.value(a, b, S, S), 2e-6);
        assertEquals(0.97950705, Ssim.STANDARD.value(a, a2, S, S), 2e-6);
        assertEquals(0.48178569, LossType.SSIM.create(true).evaluate(a, b, S, S, null), 2e-6);
        assertEquals(0.62855739, LossType.L1.create(true).evaluate(a, b, S, S, null), 2e-6);
        assertEquals(0.46306945, LossType.L2.create(true).evaluate(a, b, S, S, null), 2e-6);
        assertEquals(8.410891, ImageMetrics.psnr(a, b), 1e-4);
        assertEquals(68.049207, ImageMetrics.rmsePercent(a, b), 1e-3);
    }

    /**
     * Losses keep work arrays between calls: a reused loss must agree with a fresh one after size
     * changes, including one to a different shape with the same pixel count (48x48 after 24x96:
     * MS-SSIM then has three scales instead of two).
     */
    @ParameterizedTest
    @EnumSource(LossType.class)
    void reusedLossesAgreeWithFreshOnes(LossType type) {
        ImageLoss reused = type.create(true);
        float[] a = randomImage(48 * 48, 1);
        float[] b = randomImage(48 * 48, 2);
        reused.evaluate(randomImage(16 * 16, 3), randomImage(16 * 16, 4), 16, 16, new float[16 * 16]);
        reused.evaluate(b, a, 24, 96, new float[24 * 96]);
        float[] g1 = new float[48 * 48];
        float[] g2 = new float[48 * 48];
        double v1 = reused.evaluate(a, b, 48, 48, g1);
        double v2 = type.create(true).evaluate(a, b, 48, 48, g2);
        assertEquals(v2, v1, 0.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(g2, g1);
    }

    private static float[] randomImage(int n, long seed) {
        SeededRandom rng = new SeededRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextDouble();
        }
        return x;
    }

    @Test
    void gaussianWindowSumsToOneAndIsSymmetric() {
        double[] g = Ssim.gaussian(11, 1.5);
        double sum = 0;
        for (int t = 0; t < 11; t++) {
            sum += g[t];
            assertEquals(g[t], g[10 - t], 1e-15);
            assertTrue(g[t] <= g[5]);
        }
        assertEquals(1, sum, 1e-12);
        assertEquals(1, java.util.Arrays.stream(Ssim.gaussian(7, 0.8)).sum(), 1e-12);
    }

    @Test
    void ssimPropertiesOf13_6() {
        float[] x = random(64 * 64, 1);
        float[] y = random(64 * 64, 2);
        assertEquals(Ssim.STANDARD.value(x, y, 64, 64), Ssim.STANDARD.value(y, x, 64, 64), 1e-9);
        double v = Ssim.STANDARD.value(x, y, 64, 64);
        assertTrue(v > -1 && v < 0.2, "independent noise is dissimilar: " + v);
        float[] z = x.clone();
        SeededRandom r = new SeededRandom(3);
        for (int i = 0; i < z.length; i++) {
            z[i] += (float) (0.01 * r.nextGaussian());
        }
        assertTrue(Ssim.STANDARD.value(x, z, 64, 64) > 0.9);
        assertThrows(IllegalArgumentException.class, () -> Ssim.STANDARD.value(new float[25], new float[25], 5, 5));
    }

    @Test
    void msSsimPropertiesOf13_6() {
        int n = 192;
        float[] x = random(n * n, 4);
        assertEquals(1, MsSsim.STANDARD.value(x, x, n, n), 1e-5);
        float[] black = new float[n * n];
        float[] white = new float[n * n];
        java.util.Arrays.fill(white, 1f);
        float[] grey = new float[n * n];
        java.util.Arrays.fill(grey, 0.3f);
        assertEquals(1, MsSsim.STANDARD.value(grey, grey, n, n), 1e-5);
        assertTrue(MsSsim.STANDARD.value(black, white, n, n) < 0.5);
        MsSsim one = new MsSsim(Ssim.STANDARD, new double[] {1});
        float[] y = random(n * n, 5);
        for (int i = 0; i < y.length; i++) {
            y[i] = 0.8f * x[i] + 0.2f * y[i];
        }
        assertEquals(Ssim.STANDARD.value(x, y, n, n), one.value(x, y, n, n), 1e-4);
    }

    @Test
    void filterAdjointIdentityAndGradientsOfSsimFamily() {
        int h = 24;
        int w = 20;
        float[] x = random(h * w, 6);
        float[] y = random(h * w, 7);
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.6f * x[i] + 0.4f * y[i];
        }
        checkGradient((p, g) -> Ssim.STANDARD.valueAndGradient(p, y, h, w, g), x);
        checkGradient((p, g) -> Ssim.STANDARD.contrastStructure(p, y, h, w, g), x);
        int m = 48;
        float[] u = random(m * m, 8);
        float[] v = random(m * m, 9);
        for (int i = 0; i < u.length; i++) {
            u[i] = 0.7f * u[i] + 0.3f * v[i];
        }
        MsSsim two = new MsSsim(Ssim.STANDARD, new double[] {0.4, 0.6});
        checkGradient((p, g) -> two.valueAndGradient(p, v, m, m, g), u);
    }

    @ParameterizedTest
    @EnumSource(LossType.class)
    void lossGradientsMatchFiniteDifferences(LossType type) {
        int n = 24;
        float[] t = random(n * n, 10);
        float[] p = random(n * n, 11);
        ImageLoss loss = type == LossType.MS_SSIM ? new DssimLoss(false) : type.create(true);
        float[] grad = new float[n * n];
        loss.evaluate(p, t, n, n, grad);
        SeededRandom r = new SeededRandom(12);
        for (int k = 0; k < 5; k++) {
            int i = r.nextInt(n * n);
            double h = 1e-3;
            float[] q = p.clone();
            q[i] += (float) h;
            double up = loss.evaluate(q, t, n, n, null);
            q[i] -= (float) (2 * h);
            double down = loss.evaluate(q, t, n, n, null);
            assertEquals(grad[i], (up - down) / (2 * h), 2e-3 * Math.abs(grad[i]) + 1e-6, type + " at " + i);
        }
    }

    @Test
    void progressiveLossPropertiesOf13_6() {
        float[] a = a();
        float[] b = b();
        for (LossType t : LossType.values()) {
            int n = t == LossType.MS_SSIM ? 192 : S;
            float[] x = t == LossType.MS_SSIM ? random(n * n, 13) : a;
            double perfect = t.create(true).evaluate(x, x, n, n, null);
            assertTrue(perfect < (t == LossType.MS_SSIM ? 1e-4 : 1e-5), t + " of a perfect match: " + perfect);
        }
        double dssim = LossType.SSIM.create(true).evaluate(a, b, S, S, null);
        assertTrue(dssim >= 0 && dssim <= 0.6);
        assertNotEquals(LossType.L1.create(true).evaluate(a, a, S, S, null),
                LossType.L1.create(true).evaluate(a, b, S, S, null));
        assertThrows(IllegalArgumentException.class, () -> LossType.byName("huber"));
        assertEquals(LossType.MS_SSIM, LossType.byName("ms-ssim"));
        double raw = LossType.L1.create(false).evaluate(a, b, S, S, null);
        CompositeLoss c = CompositeLoss.of(Map.of(LossType.L1, 0.5, LossType.SSIM, 0.5));
        assertEquals(0.5 * raw + 0.5 * dssim, c.evaluate(a, b, S, S, null), 1e-9);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CompositeLoss.of(Map.of(LossType.L1, 0.5, LossType.L2, 0.2))).getMessage()
                .startsWith("sum(weights) = 0.7"));
    }

    interface Fn {
        double eval(float[] x, double[] grad);
    }

    private static void checkGradient(Fn f, float[] x) {
        double[] g = new double[x.length];
        f.eval(x, g);
        SeededRandom r = new SeededRandom(14);
        double gmax = java.util.Arrays.stream(g).map(Math::abs).max().orElse(0);
        for (int k = 0; k < 8; k++) {
            int i = r.nextInt(x.length);
            double h = 1e-3;
            float[] q = x.clone();
            q[i] += (float) h;
            double up = f.eval(q, null);
            q[i] -= (float) (2 * h);
            double down = f.eval(q, null);
            assertEquals(g[i], (up - down) / (2 * h), 1e-3 * gmax + 1e-3 * Math.abs(g[i]), "index " + i);
        }
    }
}
