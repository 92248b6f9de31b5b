package org.prismjava.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prismjava.optics.Region;
import org.prismjava.util.SeededRandom;

class ProgressiveDecoderTest {

    @ParameterizedTest
    @CsvSource({"128,128,175119", "128,64,175063", "128,32,174839", "256,256,699791", "256,64,699511",
        "512,512,2797711", "512,256,2797655", "512,128,2797431", "1024,512,11187799", "1024,73,11186679",
        "2048,512,44745079"})
    void parameterCountsMatchAppendixA(int n, int obj, long expected) {
        assertEquals(expected, DecoderConfig.reference(n, obj).build().parameterCount());
    }

    @Test
    void parameterCountWithoutBatchNormAndAllocatedSize() {
        assertEquals(11_186_777, DecoderConfig.reference(1024, 512).batchNorm(false).build().parameterCount());
        DecoderConfig c = DecoderConfig.reference(128, 32).build();
        assertEquals(c.parameterCount(), ProgressiveDecoder.create(c, 1).parameters().size());
        assertTrue(DecoderConfig.reference(128, 32).latentChannels(256).build().parameterCount() > c.parameterCount());
    }

    @Test
    void architectureFollowsSpec62() {
        DecoderConfig c = DecoderConfig.reference(1024, 73).build();
        assertEquals(List.of(512, 256, 128, 64, 32, 16, 8, 4, 2, 1), c.channelProgression());
        assertEquals(5, c.upsampleStages());
        assertEquals(126, c.rawOutputSize());
        LayerSpec fin = c.layers().get(c.layers().size() - 1);
        assertEquals("final", fin.name());
        assertTrue(fin.bias() && !fin.batchNorm() && !fin.relu() && fin.padding() == 0);
    }

    @Test
    void badConfigurationsNameTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DecoderConfig.reference(100, 10).build())
                .getMessage().startsWith("gridSize = 100"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DecoderConfig.reference(64, 65).build())
                .getMessage().startsWith("objectSize = 65"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DecoderConfig.reference(64, 16).channelProgression(List.of(32, 16, 8, 4)).build())
                .getMessage().startsWith("channelProgression"));
        assertThrows(IllegalArgumentException.class, () -> OutputActivation.byName("swish"));
    }

    @Test
    void outputIsZeroOutsideTheCentredObjectSquareAndDeterministic() {
        DecoderConfig c = DecoderConfig.reference(64, 20).build();
        ProgressiveDecoder d = ProgressiveDecoder.create(c, 7);
        float[] a = new float[64 * 64];
        float[] b = new float[64 * 64];
        d.forward(a);
        d.forward(b);
        assertArrayEquals(a, b, "two forwards without an update are identical");
        assertEquals(Region.centred(64, 20), d.outputSupport());
        Region s = d.outputSupport();
        int inside = 0;
        for (int r = 0; r < 64; r++) {
            for (int col = 0; col < 64; col++) {
                boolean in = r >= s.rowFrom() && r < s.rowTo() && col >= s.colFrom() && col < s.colTo();
                if (!in) {
                    assertEquals(0f, a[r * 64 + col]);
                } else if (a[r * 64 + col] > 0) {
                    inside++;
                }
            }
        }
        assertEquals(400, inside, "sigmoid output is positive everywhere inside the object square");
        INDArray g = d.generate();
        assertArrayEquals(new long[] {1, 1, 64, 64}, g.shape());
        float[] again = new float[64 * 64];
        ProgressiveDecoder.create(c, 7).forward(again);
        assertArrayEquals(a, again, "same seed, same output");
        ProgressiveDecoder.create(c, 8).forward(again);
        assertNotEquals(a[s.rowFrom() * 64 + s.colFrom() + 3], again[s.rowFrom() * 64 + s.colFrom() + 3]);
    }

    @Test
    void rawOutputSmallerThanObjectIsPaddedCentred() {
        DecoderConfig c = DecoderConfig.reference(32, 16).build();
        assertEquals(14, c.rawOutputSize());
        ProgressiveDecoder d = ProgressiveDecoder.create(c, 3);
        assertEquals(new Region(9, 23, 9, 23), d.outputSupport());
    }

    @Test
    void initialisationFollowsSpec66() {
        ProgressiveDecoder d = ProgressiveDecoder.create(DecoderConfig.reference(64, 16).build(), 11);
        ParameterSet p = d.parameters();
        INDArray stem = p.valueView(p.entry("stem.weight"));
        double bound = 1 / Math.sqrt(32 * 16.0);
        assertTrue(stem.amaxNumber().doubleValue() <= bound);
        assertTrue(stem.amaxNumber().doubleValue() > 0.95 * bound);
        INDArray ref = p.valueView(p.entry("refine1.weight"));
        long[] s = ref.shape();
        double rb = 1 / Math.sqrt(s[1] * 9.0);
        assertTrue(ref.amaxNumber().doubleValue() <= rb && ref.amaxNumber().doubleValue() > 0.8 * rb);
        assertEquals(1.0, p.valueView(p.entry("up1.bn.gamma")).meanNumber().doubleValue(), 0);
        INDArray z = p.valueView(p.entry("latent"));
        assertEquals(0, z.meanNumber().doubleValue(), 0.2);
        assertEquals(1, z.stdNumber().doubleValue(), 0.2);
    }

    @Test
    void viewsShareTheFlatArrays() {
        ProgressiveDecoder d = ProgressiveDecoder.create(DecoderConfig.reference(16, 8).build(), 1);
        ParameterSet p = d.parameters();
        ParameterSet.Entry e = p.entry("up1.weight");
        p.valueView(e).putScalar(new long[] {0, 0, 0, 1}, 42f);
        assertEquals(42f, p.values().getFloat(e.offset() + 1));
        assertEquals(42f, p.valueBuffer().get((int) e.offset() + 1));
    }

    @Test
    void theDefaultArchitectureIsWideBilinearAndCoversTheWholeObject() {
        DecoderConfig c = DecoderConfig.builder(128, 32).build();
        assertEquals(List.of(64, 64, 32, 32, 16, 1), c.channelProgression());
        assertEquals(128, c.latentChannels());
        assertEquals(Upsampling.BILINEAR, c.upsampling());
        assertEquals(1, c.finalPadding());
        assertEquals(32, c.rawOutputSize(), "no two-pixel frame: the raw output is the object square");
        assertEquals(200_881, c.parameterCount());
        assertEquals(List.of(64, 64, 32, 32, 16, 16, 1), DecoderConfig.wideProgression(4));
        assertEquals(30, DecoderConfig.reference(128, 32).build().rawOutputSize(), "the reference's 4 * 2^3 - 2");
        ProgressiveDecoder d = ProgressiveDecoder.create(c, 3);
        float[] out = new float[128 * 128];
        d.forward(out);
        Region sq = d.outputSupport();
        for (int r = sq.rowFrom(); r < sq.rowTo(); r++) {
            for (int col = sq.colFrom(); col < sq.colTo(); col++) {
                assertTrue(out[r * 128 + col] > 0, "sigmoid output fills the square, border included");
            }
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DecoderConfig.builder(64, 16).finalPadding(2)
                .build()).getMessage().startsWith("finalPadding = 2 is invalid"));
        assertEquals(c, DecoderConfig.builder(128, 32).build());
        assertTrue(!c.equals(DecoderConfig.builder(128, 32).upsampling(Upsampling.TRANSPOSED).build()));
        assertEquals("bilinear", c.toMap().get("upsampling"));
    }

    /** Directional finite differences for every parameter tensor, with and without batch norm. */
    @ParameterizedTest
    @EnumSource(value = OutputActivation.class, names = {"SIGMOID", "NONE", "TANH", "SCALESIGMOID"})
    void gradientsMatchFiniteDifferencesWithBatchNorm(OutputActivation act) {
        checkGradients(DecoderConfig.reference(32, 14).latentChannels(16).outputActivation(act).build());
    }

    @Test
    void gradientsMatchFiniteDifferencesWithoutBatchNorm() {
        checkGradients(DecoderConfig.reference(32, 16).latentChannels(16).batchNorm(false)
                .outputActivation(OutputActivation.NONE).build());
    }

    @Test
    void gradientsMatchFiniteDifferencesWhenTheObjectIsCropped() {
        checkGradients(DecoderConfig.reference(16, 5).latentChannels(8).build());
    }

    private static void checkGradients(DecoderConfig c) {
        double[] steps = {3e-3, 1e-3, 3e-4, 1e-4};
        ProgressiveDecoder d = ProgressiveDecoder.create(c, 5);
        int n = c.gridSize();
        SeededRandom rng = new SeededRandom(99);
        float[] weights = new float[n * n];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) rng.nextGaussian();
        }
        float[] out = new float[n * n];
        d.forward(out);
        d.backward(weights);
        ParameterSet p = d.parameters();
        float[] grad = new float[p.size()];
        p.gradientBuffer().get(0, grad);
        float[] base = p.copyValues();
        for (ParameterSet.Entry e : p.entries()) {
            int off = (int) e.offset();
            int len = (int) e.length();
            double gradScale = 0;
            for (int i = 0; i < len; i++) {
                gradScale = Math.max(gradScale, Math.abs(grad[off + i]));
            }
            int checked = 0;
            for (int t = 0; t < 24 && checked < Math.min(len, 3); t++) {
                int i = off + rng.nextInt(len);
                double tol = 0.01 * Math.abs(grad[i]) + 2e-3 * gradScale + 1e-4;
                // A ReLU kink inside the step makes differences at neighbouring step sizes disagree:
                // such points are skipped; a smooth point must match the analytic gradient.
                double[] fd = new double[steps.length];
                for (int k = 0; k < steps.length; k++) {
                    double h = steps[k];
                    fd[k] = (loss(d, base, i, h, weights, out) - loss(d, base, i, -h, weights, out)) / (2 * h);
                    if (k >= 2 && Math.abs(fd[k] - fd[k - 1]) < tol / 4) {
                        assertEquals(grad[i], fd[k], tol, c + ": " + e.name() + "[" + (i - off) + "]");
                        checked++;
                        break;
                    }
                }
            }
            assertTrue(checked >= (len > 8 ? 2 : 1), c + ": too few smooth points for " + e.name());
        }
    }

    private static double loss(ProgressiveDecoder d, float[] base, int index, double h, float[] w, float[] out) {
        float[] v = base.clone();
        v[index] += (float) h;
        d.parameters().setValues(v);
        d.forward(out);
        double l = 0;
        for (int i = 0; i < out.length; i++) {
            l += (double) w[i] * out[i];
        }
        d.parameters().setValues(base);
        return l;
    }
}
