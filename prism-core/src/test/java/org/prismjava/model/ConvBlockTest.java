package org.prismjava.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.prismjava.backend.Precision;
import org.prismjava.util.SeededRandom;

/** The GEMM-form layers against the textbook (PyTorch) definitions, and im2col's adjoint. */
class ConvBlockTest {

    /** {@code <gather(x), c> == <x, scatter(c)>} for strides, paddings and grids of every kind. */
    @ParameterizedTest
    @CsvSource({"2,5,3,1,1,5", "3,6,4,2,1,3", "1,4,4,1,0,1", "2,7,3,2,0,3", "2,5,4,2,3,6", "1,3,3,1,1,3"})
    void im2colGatherAndScatterAreAdjoint(int c, int h, int k, int s, int p, int g) {
        Im2Col map = new Im2Col(c, h, k, s, p, g);
        float[] image = random(map.imageLength(), 1);
        float[] cols = random(map.columnLength(), 2);
        float[] gathered = new float[map.columnLength()];
        float[] scattered = new float[map.imageLength()];
        map.gather(image, gathered);
        map.scatter(cols, scattered);
        assertEquals(dot(gathered, cols), dot(image, scattered), 1e-4 * map.columnLength());
    }

    @ParameterizedTest
    @CsvSource({"3,2,4,2,1,5", "4,3,4,1,0,1", "2,3,3,2,1,4"})
    void transposedConvolutionMatchesItsDefinition(int in, int out, int k, int s, int p, int inSize) {
        int outSize = (inSize - 1) * s - 2 * p + k;
        LayerSpec spec = new LayerSpec("t", true, in, out, k, s, p, false, false, false, inSize, outSize);
        Fixture f = new Fixture(spec);
        double[] expected = new double[out * outSize * outSize];
        for (int ci = 0; ci < in; ci++) {
            for (int co = 0; co < out; co++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        double w = f.weight(((ci * out + co) * k + ky) * k + kx);
                        for (int y = 0; y < inSize; y++) {
                            for (int x = 0; x < inSize; x++) {
                                int oy = y * s - p + ky;
                                int ox = x * s - p + kx;
                                if (oy >= 0 && oy < outSize && ox >= 0 && ox < outSize) {
                                    expected[(co * outSize + oy) * outSize + ox] += w * f.input[(ci * inSize + y) * inSize + x];
                                }
                            }
                        }
                    }
                }
            }
        }
        f.assertOutput(i -> expected[i]);
    }

    @ParameterizedTest
    @CsvSource({"3,2,3,1,1,6", "2,1,3,1,0,5", "2,3,4,2,1,7"})
    void convolutionMatchesItsDefinition(int in, int out, int k, int s, int p, int inSize) {
        int outSize = (inSize + 2 * p - k) / s + 1;
        LayerSpec spec = new LayerSpec("c", false, in, out, k, s, p, true, false, false, inSize, outSize);
        Fixture f = new Fixture(spec);
        f.assertOutput(index -> {
            int co = index / (outSize * outSize);
            int oy = index / outSize % outSize;
            int ox = index % outSize;
            double sum = f.bias(co);
            for (int ci = 0; ci < in; ci++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        int y = oy * s - p + ky;
                        int x = ox * s - p + kx;
                        if (y >= 0 && y < inSize && x >= 0 && x < inSize) {
                            sum += f.weight(((co * in + ci) * k + ky) * k + kx) * f.input[(ci * inSize + y) * inSize + x];
                        }
                    }
                }
            }
            return sum;
        });
    }

    /** One layer with random weights and input. */
    private static final class Fixture {
        final ParameterSet params;
        final ConvBlock block;
        final float[] input;
        final LayerSpec spec;

        Fixture(LayerSpec spec) {
            this.spec = spec;
            ParameterSet.Layout layout = new ParameterSet.Layout();
            layout.add(spec.name() + ".weight", ConvBlock.weightShape(spec));
            if (spec.bias()) {
                layout.add(spec.name() + ".bias", spec.outChannels());
            }
            params = layout.allocate();
            params.setValues(random(params.size(), 3));
            input = random(spec.inChannels() * spec.inSize() * spec.inSize(), 4);
            block = new ConvBlock(spec, params, input, new float[input.length],
                    new float[ConvBlock.columnLength(spec)], Precision.FP32);
        }

        double weight(int i) {
            return params.valueBuffer().get((int) params.entry(spec.name() + ".weight").offset() + i);
        }

        double bias(int c) {
            return params.valueBuffer().get((int) params.entry(spec.name() + ".bias").offset() + c);
        }

        void assertOutput(IntToDoubleFunction expected) {
            block.forward();
            float[] out = block.output();
            assertEquals(spec.outChannels() * spec.outSize() * spec.outSize(), out.length);
            for (int i = 0; i < out.length; i++) {
                assertEquals(expected.applyAsDouble(i), out[i], 1e-5, spec + " at " + i);
            }
        }
    }

    private static float[] random(int n, long seed) {
        SeededRandom rng = new SeededRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        return a;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
