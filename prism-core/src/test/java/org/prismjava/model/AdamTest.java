package org.prismjava.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.prismjava.util.SeededRandom;

/** Adam against a double-precision transcription of PyTorch's algorithm (spec 15.1). */
class AdamTest {
    /** Larger than one of Adam's internal blocks, so block boundaries are crossed. */
    private static final int SIZE = 70_001;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void followsPyTorchsUpdateAcrossBlocks(boolean amsgrad) {
        ParameterSet params = params();
        AdamConfig config = new AdamConfig(0.05, 0.8, 0.99, 1e-6, amsgrad);
        Adam adam = new Adam(params, config);
        double[] p = toDouble(params.copyValues());
        double[] m = new double[SIZE];
        double[] v = new double[SIZE];
        double[] vMax = new double[SIZE];
        SeededRandom rng = new SeededRandom(7);
        for (int t = 1; t <= 4; t++) {
            float[] g = new float[SIZE];
            for (int i = 0; i < SIZE; i++) {
                // Gradients that shrink over time make AMSGrad's maximum differ from v.
                g[i] = (float) (rng.nextGaussian() / (t * t));
            }
            params.gradientBuffer().put(0, g);
            adam.step(config.learningRate());
            for (int i = 0; i < SIZE; i++) {
                m[i] = config.beta1() * m[i] + (1 - config.beta1()) * g[i];
                v[i] = config.beta2() * v[i] + (1 - config.beta2()) * g[i] * g[i];
                vMax[i] = Math.max(vMax[i], v[i]);
                double vHat = (amsgrad ? vMax[i] : v[i]) / (1 - Math.pow(config.beta2(), t));
                double mHat = m[i] / (1 - Math.pow(config.beta1(), t));
                p[i] -= config.learningRate() * mHat / (Math.sqrt(vHat) + config.epsilon());
            }
        }
        float[] got = params.copyValues();
        for (int i = 0; i < SIZE; i++) {
            assertEquals(p[i], got[i], 2e-6 * (1 + Math.abs(p[i])), "parameter " + i);
        }
        assertEquals(4, adam.steps());
    }

    @Test
    void firstStepMovesEveryParameterByTheLearningRate() {
        ParameterSet params = params();
        float[] before = params.copyValues();
        float[] g = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            g[i] = i % 2 == 0 ? 3f : -0.25f;
        }
        params.gradientBuffer().put(0, g);
        new Adam(params, AdamConfig.of(1e-3, false)).step(1e-3);
        float[] after = params.copyValues();
        for (int i = 0; i < SIZE; i += 997) {
            assertEquals(-Math.signum(g[i]) * 1e-3, after[i] - before[i], 1e-6);
        }
    }

    @Test
    void restoredStateContinuesIdentically() {
        ParameterSet a = params();
        ParameterSet b = params();
        Adam adamA = new Adam(a, AdamConfig.of(0.01, true));
        Adam adamB = new Adam(b, AdamConfig.of(0.01, true));
        float[] g = new float[SIZE];
        for (int t = 0; t < 3; t++) {
            Arrays.fill(g, 0.1f * (t + 1));
            a.gradientBuffer().put(0, g);
            adamA.step(0.01);
        }
        b.setValues(a.copyValues());
        adamB.restore(adamA.state());
        Arrays.fill(g, -0.3f);
        a.gradientBuffer().put(0, g);
        b.gradientBuffer().put(0, g);
        adamA.step(0.01);
        adamB.step(0.01);
        assertArrayEquals(a.copyValues(), b.copyValues());
        assertEquals(adamA.steps(), adamB.steps());
    }

    @Test
    void rejectsAStateOfAnotherShape() {
        Adam adam = new Adam(params(), AdamConfig.of(0.01, true));
        Adam.State small = new Adam.State(1, new float[3], new float[3], new float[3]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adam.restore(small));
        assertEquals(true, e.getMessage().contains("state"));
        assertThrows(IllegalArgumentException.class, () -> adam.step(0));
    }

    private static ParameterSet params() {
        ParameterSet.Layout layout = new ParameterSet.Layout();
        layout.add("w", SIZE);
        ParameterSet p = layout.allocate();
        float[] init = new float[SIZE];
        SeededRandom rng = new SeededRandom(3);
        for (int i = 0; i < SIZE; i++) {
            init[i] = (float) rng.nextGaussian();
        }
        p.setValues(init);
        return p;
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
