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
        f.assertOutput(index -> convolution(f, (c, y, x) -> f.input[(c * inSize + y) * inSize + x], in, inSize, k, s,
                p, outSize, index));
    }

    /** An input pixel by channel, row and column. */
    private interface Pixels {
        double at(int c, int y, int x);
    }

    /** Output {@code index} of a convolution (weights {@code [out, in, k, k]}, zero padding) by its definition. */
    private static double convolution(Fixture f, Pixels input, int in, int inSize, int k, int s, int p, int outSize,
            int index) {
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
                        sum += f.weight(((co * in + ci) * k + ky) * k + kx) * input.at(ci, y, x);
                    }
                }
            }
        }
        return sum;
    }

    /** PyTorch's {@code interpolate(scale_factor=2, mode='bilinear', align_corners=False)} of [[1, 2], [3, 4]]. */
    @org.junit.jupiter.api.Test
    void bilinearUpsamplingMatchesPyTorch() {
        Upsample2x up = new Upsample2x(1, 2);
        float[] out = new float[16];
        up.forward(new float[] {1, 2, 3, 4}, out);
        float[] expected = {1, 1.25f, 1.75f, 2, 1.5f, 1.75f, 2.25f, 2.5f, 2.5f, 2.75f, 3.25f, 3.5f, 3, 3.25f, 3.75f, 4};
        for (int i = 0; i < 16; i++) {
            assertEquals(expected[i], out[i], 1e-6, "pixel " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"1,1", "2,3", "3,5", "2,8"})
    void bilinearUpsamplingAndItsAdjoint(int channels, int size) {
        Upsample2x up = new Upsample2x(channels, size);
        float[] x = random(channels * size * size, 5);
        float[] y = random(channels * 4 * size * size, 6);
        float[] ux = new float[y.length];
        float[] aty = new float[x.length];
        up.forward(x, ux);
        up.adjoint(y, aty);
        assertEquals(dot(ux, y), dot(x, aty), 1e-4 * y.length);
    }

    /** Upsampling layer: bilinear x2 (the definition above), then a 3x3 convolution with padding 1. */
    @ParameterizedTest
    @CsvSource({"3,2,4", "2,4,3"})
    void upsamplingConvolutionMatchesItsDefinition(int in, int out, int inSize) {
        int outSize = 2 * inSize;
        LayerSpec spec = new LayerSpec("u", false, in, out, 3, 1, 1, true, false, false, inSize, outSize, true);
        Fixture f = new Fixture(spec);
        double[] up = new double[in * outSize * outSize];
        for (int c = 0; c < in; c++) {
            for (int oy = 0; oy < outSize; oy++) {
                for (int ox = 0; ox < outSize; ox++) {
                    up[(c * outSize + oy) * outSize + ox] = bilinear(f.input, c, inSize, oy, ox);
                }
            }
        }
        f.assertOutput(index -> convolution(f, (c, y, x) -> up[(c * outSize + y) * outSize + x], in, outSize, 3, 1, 1,
                outSize, index));
    }

    /**
     * The upsampling layer's backward pass against finite differences. Without batch norm and
     * ReLU the layer is linear, so a central difference of any step is exact up to rounding: the
     * weight, bias and input gradients of {@code <g, layer(x)>} are checked at every entry.
     */
    @org.junit.jupiter.api.Test
    void upsamplingConvolutionGradientsMatchFiniteDifferences() {
        LayerSpec spec = new LayerSpec("u", false, 2, 3, 3, 1, 1, true, false, false, 3, 6, true);
        Fixture f = new Fixture(spec);
        float[] g = random(3 * 36, 8);
        f.block.forward();
        System.arraycopy(g, 0, f.block.gradOutput(), 0, g.length);
        f.block.backward();
        float[] gradParams = new float[f.params.size()];
        f.params.gradientBuffer().get(0, gradParams);
        float[] gradInput = f.gradInput.clone();
        float[] base = f.params.copyValues();
        for (int i = 0; i < base.length; i++) {
            float[] p = base.clone();
            float[] m = base.clone();
            p[i] += 0.5f;
            m[i] -= 0.5f;
            f.params.setValues(p);
            double up = f.objective(g);
            f.params.setValues(m);
            double down = f.objective(g);
            assertEquals((up - down), gradParams[i], 1e-4 * Math.max(1, Math.abs(up - down)), "parameter " + i);
        }
        f.params.setValues(base);
        float[] x = f.input.clone();
        for (int i = 0; i < x.length; i++) {
            f.input[i] = x[i] + 0.5f;
            double up = f.objective(g);
            f.input[i] = x[i] - 0.5f;
            double down = f.objective(g);
            f.input[i] = x[i];
            assertEquals((up - down), gradInput[i], 1e-4 * Math.max(1, Math.abs(up - down)), "input " + i);
        }
    }

    /** Bilinear sample of channel c at output (oy, ox): source (o + 0.5) / 2 - 0.5, clamped at 0 and at the edge. */
    private static double bilinear(float[] img, int c, int size, int oy, int ox) {
        double sy = Math.max(0, (oy + 0.5) / 2 - 0.5);
        double sx = Math.max(0, (ox + 0.5) / 2 - 0.5);
        int y0 = Math.min((int) sy, size - 1);
        int x0 = Math.min((int) sx, size - 1);
        int y1 = Math.min(y0 + 1, size - 1);
        int x1 = Math.min(x0 + 1, size - 1);
        double fy = sy - y0;
        double fx = sx - x0;
        int p = c * size * size;
        return (1 - fy) * ((1 - fx) * img[p + y0 * size + x0] + fx * img[p + y0 * size + x1])
                + fy * ((1 - fx) * img[p + y1 * size + x0] + fx * img[p + y1 * size + x1]);
    }

    /** One layer with random weights and input. */
    private static final class Fixture {
        final ParameterSet params;
        final ConvBlock block;
        final float[] input;
        final float[] gradInput;
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
            gradInput = new float[input.length];
            block = new ConvBlock(spec, params, input, gradInput, new float[ConvBlock.columnLength(spec)], Precision.FP32);
        }

        /** {@code <g, layer(input)>} in double. */
        double objective(float[] g) {
            block.forward();
            double s = 0;
            float[] out = block.output();
            for (int i = 0; i < out.length; i++) {
                s += (double) g[i] * out[i];
            }
            return s;
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
