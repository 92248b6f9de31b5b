package org.prismjava.model;

import java.nio.FloatBuffer;
import org.prismjava.backend.Precision;

/**
 * One decoder layer: a (transposed) convolution in GEMM form, then optionally batch norm with
 * batch statistics and ReLU. The matrix products run in the OpenBLAS that ND4J ships
 * ({@link NativeMatrix}) on the flat parameter arrays; the im2col/col2im maps, batch norm and
 * ReLU are Java loops over heap arrays. Layers pass activations and gradients as heap arrays. Every buffer
 * is allocated once; forward and backward allocate nothing.
 *
 * <p>Weights use PyTorch's layouts: {@code [in, out, k, k]} for transposed and
 * {@code [out, in, k, k]} for plain convolutions.
 */
final class ConvBlock {
    static final double BN_EPS = 1e-5;
    private final LayerSpec spec;
    private final LinearMap linear;
    private final float[] input;
    private final float[] gradInput;
    private final float[] pre;
    private final float[] out;
    private final float[] gradOut;
    private final float[] gradPre;
    private final FloatBuffer values;
    private final FloatBuffer grads;
    private final int gammaOffset;
    private final int betaOffset;
    private final double[] mean;
    private final double[] invStd;
    private final Precision precision;
    private final Upsample2x upsample;
    private final float[] upsampled;
    private final float[] gradUpsampled;

    /**
     * @param input the previous layer's output (or the latent), read by {@link #forward()}
     * @param gradInput where {@link #backward()} writes the gradient for {@code input}
     * @param scratch shared work array of at least {@link #columnLength(LayerSpec)} elements
     * @param precision storage format of weights, activations and gradients (batch norm and its
     *     parameters stay FP32, as under PyTorch's autocast)
     */
    ConvBlock(LayerSpec spec, ParameterSet params, float[] input, float[] gradInput, float[] scratch,
            Precision precision) {
        this.spec = spec;
        this.precision = precision;
        this.input = input;
        this.gradInput = gradInput;
        int length = spec.outChannels() * spec.outSize() * spec.outSize();
        this.pre = new float[length];
        this.out = spec.relu() ? new float[length] : pre;
        this.gradOut = new float[length];
        this.gradPre = spec.relu() ? new float[length] : gradOut;
        this.values = params.valueBuffer();
        this.grads = params.gradientBuffer();
        this.linear = spec.transposed() ? new TransposedConvolution(spec, params, scratch, precision)
                : new Convolution(spec, params, scratch, precision);
        if (spec.batchNorm()) {
            gammaOffset = (int) params.entry(spec.name() + ".bn.gamma").offset();
            betaOffset = (int) params.entry(spec.name() + ".bn.beta").offset();
        } else {
            gammaOffset = -1;
            betaOffset = -1;
        }
        this.mean = new double[spec.outChannels()];
        this.invStd = new double[spec.outChannels()];
        if (spec.upsample()) {
            this.upsample = new Upsample2x(spec.inChannels(), spec.inSize());
            int up = spec.inChannels() * spec.convolutionInSize() * spec.convolutionInSize();
            this.upsampled = new float[up];
            this.gradUpsampled = new float[up];
        } else {
            this.upsample = null;
            this.upsampled = input;
            this.gradUpsampled = gradInput;
        }
    }

    /** The weight tensor's shape for {@code spec}, in PyTorch's layout. */
    static long[] weightShape(LayerSpec spec) {
        int k = spec.kernel();
        return spec.transposed() ? new long[] {spec.inChannels(), spec.outChannels(), k, k}
                : new long[] {spec.outChannels(), spec.inChannels(), k, k};
    }

    /** Size of the column matrix the layer needs in the shared scratch array. */
    static int columnLength(LayerSpec spec) {
        return columns(spec).columnLength();
    }

    private static Im2Col columns(LayerSpec spec) {
        return spec.transposed()
                ? new Im2Col(spec.outChannels(), spec.outSize(), spec.kernel(), spec.stride(), spec.padding(),
                        spec.inSize())
                : new Im2Col(spec.inChannels(), spec.convolutionInSize(), spec.kernel(), spec.stride(),
                        spec.padding(), spec.outSize());
    }

    LayerSpec spec() {
        return spec;
    }

    /** Output of the last forward pass (a live array). */
    float[] output() {
        return out;
    }

    /** Gradient with respect to {@link #output()}, filled by the next layer. */
    float[] gradOutput() {
        return gradOut;
    }

    void forward() {
        if (upsample != null) {
            upsample.forward(input, upsampled);
        }
        linear.forward(upsampled, pre);
        precision.roundInPlace(pre, pre.length);
        if (!spec.relu()) {
            return;
        }
        int hw = spec.outSize() * spec.outSize();
        for (int ch = 0; ch < spec.outChannels(); ch++) {
            int o = ch * hw;
            double g = 1;
            double b = 0;
            if (spec.batchNorm()) {
                double sum = 0;
                for (int i = o; i < o + hw; i++) {
                    sum += pre[i];
                }
                double m = sum / hw;
                double var = 0;
                for (int i = o; i < o + hw; i++) {
                    double d = pre[i] - m;
                    var += d * d;
                }
                mean[ch] = m;
                invStd[ch] = 1 / Math.sqrt(var / hw + BN_EPS);
                g = values.get(gammaOffset + ch) * invStd[ch];
                b = values.get(betaOffset + ch) - g * m;
            }
            float gf = (float) g;
            float bf = (float) b;
            for (int i = o; i < o + hw; i++) {
                float y = gf * pre[i] + bf;
                out[i] = y > 0 ? y : 0f;
            }
        }
        precision.roundInPlace(out, out.length);
    }

    /** Back-propagates {@link #gradOutput()} into the layer's parameters and the input gradient. */
    void backward() {
        if (spec.relu()) {
            int hw = spec.outSize() * spec.outSize();
            for (int ch = 0; ch < spec.outChannels(); ch++) {
                int o = ch * hw;
                if (!spec.batchNorm()) {
                    for (int i = o; i < o + hw; i++) {
                        gradPre[i] = out[i] > 0 ? gradOut[i] : 0f;
                    }
                    continue;
                }
                double m = mean[ch];
                double is = invStd[ch];
                double sumG = 0;
                double sumGx = 0;
                for (int i = o; i < o + hw; i++) {
                    double gy = out[i] > 0 ? gradOut[i] : 0;
                    sumG += gy;
                    sumGx += gy * (pre[i] - m);
                }
                sumGx *= is;
                grads.put(gammaOffset + ch, (float) sumGx);
                grads.put(betaOffset + ch, (float) sumG);
                double scale = values.get(gammaOffset + ch) * is;
                double meanG = sumG / hw;
                double slope = is * sumGx / hw;
                for (int i = o; i < o + hw; i++) {
                    double gy = out[i] > 0 ? gradOut[i] : 0;
                    gradPre[i] = (float) (scale * (gy - meanG - (pre[i] - m) * slope));
                }
            }
        }
        precision.roundInPlace(gradPre, gradPre.length);
        linear.backward(gradPre, gradUpsampled);
        if (upsample != null) {
            upsample.adjoint(gradUpsampled, gradInput);
        }
        precision.roundInPlace(gradInput, gradInput.length);
    }

    /** The linear part of a layer: {@code pre = A(input)} and {@code gradInput = A^T(gradPre)}. */
    private interface LinearMap {
        void forward(float[] input, float[] pre);

        /** Also writes the layer's weight (and bias) gradients. */
        void backward(float[] gradPre, float[] gradInput);
    }

    /**
     * Transposed convolution: {@code cols = W^T x} with {@code W} as {@code [in, out k^2]} and
     * {@code x} as {@code [in, H_in^2]}, then col2im onto the output grid.
     */
    private static final class TransposedConvolution implements LinearMap {
        private final Im2Col map;
        private final NativeMatrix weight;
        private final NativeMatrix gradWeight;
        private final NativeMatrix x;
        private final NativeMatrix gradX;
        private final NativeMatrix cols;
        private final float[] scratch;

        TransposedConvolution(LayerSpec spec, ParameterSet params, float[] scratch, Precision precision) {
            this.map = columns(spec);
            int in = spec.inChannels();
            int pixels = spec.inSize() * spec.inSize();
            int rows = spec.outChannels() * spec.kernel() * spec.kernel();
            ParameterSet.Entry w = params.entry(spec.name() + ".weight");
            this.weight = precision.isMixed() ? params.computeMatrix(w, in) : params.valueMatrix(w, in);
            this.gradWeight = params.gradientMatrix(w, in);
            this.x = NativeMatrix.allocate(in, pixels);
            this.gradX = NativeMatrix.allocate(in, pixels);
            this.cols = NativeMatrix.allocate(rows, pixels);
            this.scratch = scratch;
        }

        @Override
        public void forward(float[] input, float[] pre) {
            x.write(input);
            NativeMatrix.multiply(weight, true, x, false, cols);
            cols.read(scratch);
            map.scatter(scratch, pre);
        }

        @Override
        public void backward(float[] gradPre, float[] gradInput) {
            map.gather(gradPre, scratch);
            cols.write(scratch);
            NativeMatrix.multiply(x, false, cols, true, gradWeight);
            NativeMatrix.multiply(weight, false, cols, false, gradX);
            gradX.read(gradInput);
        }
    }

    /**
     * Convolution: im2col of the input, then {@code pre = W cols (+ bias)} with {@code W} as
     * {@code [out, in k^2]}.
     */
    private static final class Convolution implements LinearMap {
        private final Im2Col map;
        private final NativeMatrix weight;
        private final NativeMatrix gradWeight;
        private final NativeMatrix cols;
        private final NativeMatrix gradCols;
        private final NativeMatrix result;
        private final FloatBuffer values;
        private final FloatBuffer grads;
        private final int biasOffset;
        private final int channels;
        private final int pixels;
        private final float[] scratch;

        Convolution(LayerSpec spec, ParameterSet params, float[] scratch, Precision precision) {
            this.map = columns(spec);
            this.channels = spec.outChannels();
            this.pixels = spec.outSize() * spec.outSize();
            int depth = spec.inChannels() * spec.kernel() * spec.kernel();
            ParameterSet.Entry w = params.entry(spec.name() + ".weight");
            this.weight = precision.isMixed() ? params.computeMatrix(w, channels) : params.valueMatrix(w, channels);
            this.gradWeight = params.gradientMatrix(w, channels);
            this.cols = NativeMatrix.allocate(depth, pixels);
            this.gradCols = NativeMatrix.allocate(depth, pixels);
            this.result = NativeMatrix.allocate(channels, pixels);
            this.values = params.valueBuffer();
            this.grads = params.gradientBuffer();
            this.biasOffset = spec.bias() ? (int) params.entry(spec.name() + ".bias").offset() : -1;
            this.scratch = scratch;
        }

        @Override
        public void forward(float[] input, float[] pre) {
            map.gather(input, scratch);
            cols.write(scratch);
            NativeMatrix.multiply(weight, false, cols, false, result);
            result.read(pre);
            if (biasOffset >= 0) {
                for (int c = 0; c < channels; c++) {
                    float b = values.get(biasOffset + c);
                    for (int i = c * pixels; i < (c + 1) * pixels; i++) {
                        pre[i] += b;
                    }
                }
            }
        }

        @Override
        public void backward(float[] gradPre, float[] gradInput) {
            result.write(gradPre);
            if (biasOffset >= 0) {
                for (int c = 0; c < channels; c++) {
                    double sum = 0;
                    for (int i = c * pixels; i < (c + 1) * pixels; i++) {
                        sum += gradPre[i];
                    }
                    grads.put(biasOffset + c, (float) sum);
                }
            }
            NativeMatrix.multiply(result, false, cols, true, gradWeight);
            NativeMatrix.multiply(weight, true, result, false, gradCols);
            gradCols.read(scratch);
            map.scatter(scratch, gradInput);
        }
    }
}
