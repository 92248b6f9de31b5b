package org.prismjava.model;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One decoder layer: (transposed) convolution through ND4J's native ops, then optionally batch
 * norm with batch statistics and ReLU, computed in Java on the layer's own buffers. Every
 * buffer is allocated once; forward and backward allocate no arrays.
 */
final class ConvBlock {
    static final double BN_EPS = 1e-5;
    private final LayerSpec spec;
    private final INDArray input;
    private final INDArray gradInput;
    private final INDArray pre;
    private final INDArray out;
    private final INDArray gradOut;
    private final INDArray gradPre;
    private final FloatBuffer preBuf;
    private final FloatBuffer outBuf;
    private final FloatBuffer gradOutBuf;
    private final FloatBuffer gradPreBuf;
    private final FloatBuffer values;
    private final FloatBuffer grads;
    private final int gammaOffset;
    private final int betaOffset;
    private final double[] mean;
    private final double[] invStd;
    private final DynamicCustomOp forwardOp;
    private final DynamicCustomOp backwardOp;

    /**
     * @param input the previous layer's output (or the latent)
     * @param gradInput where the gradient for {@code input} is written
     */
    ConvBlock(LayerSpec spec, ParameterSet params, INDArray input, INDArray gradInput) {
        this.spec = spec;
        this.input = input;
        this.gradInput = gradInput;
        int c = spec.outChannels();
        int s = spec.outSize();
        this.pre = Nd4j.create(DataType.FLOAT, 1, c, s, s);
        this.out = spec.relu() ? Nd4j.create(DataType.FLOAT, 1, c, s, s) : pre;
        this.gradOut = Nd4j.create(DataType.FLOAT, 1, c, s, s);
        this.gradPre = spec.relu() ? Nd4j.create(DataType.FLOAT, 1, c, s, s) : gradOut;
        this.preBuf = pre.data().asNioFloat();
        this.outBuf = out.data().asNioFloat();
        this.gradOutBuf = gradOut.data().asNioFloat();
        this.gradPreBuf = gradPre.data().asNioFloat();
        this.values = params.valueBuffer();
        this.grads = params.gradientBuffer();
        ParameterSet.Entry w = params.entry(spec.name() + ".weight");
        INDArray weight = params.valueView(w);
        INDArray gradWeight = params.gradientView(w);
        String op = spec.transposed() ? "deconv2d" : "conv2d";
        int k = spec.kernel();
        int[] iargs = {k, k, spec.stride(), spec.stride(), spec.padding(), spec.padding(), 1, 1, 0, 0};
        if (spec.bias()) {
            ParameterSet.Entry b = params.entry(spec.name() + ".bias");
            INDArray bias = params.valueView(b);
            this.forwardOp = DynamicCustomOp.builder(op).addInputs(input, weight, bias).addOutputs(pre)
                    .addIntegerArguments(iargs).build();
            this.backwardOp = DynamicCustomOp.builder(op + "_bp").addInputs(input, weight, bias, gradPre)
                    .addOutputs(gradInput, gradWeight, params.gradientView(b)).addIntegerArguments(iargs).build();
        } else {
            this.forwardOp = DynamicCustomOp.builder(op).addInputs(input, weight).addOutputs(pre)
                    .addIntegerArguments(iargs).build();
            this.backwardOp = DynamicCustomOp.builder(op + "_bp").addInputs(input, weight, gradPre)
                    .addOutputs(gradInput, gradWeight).addIntegerArguments(iargs).build();
        }
        if (spec.batchNorm()) {
            gammaOffset = (int) params.entry(spec.name() + ".bn.gamma").offset();
            betaOffset = (int) params.entry(spec.name() + ".bn.beta").offset();
        } else {
            gammaOffset = -1;
            betaOffset = -1;
        }
        this.mean = new double[c];
        this.invStd = new double[c];
    }

    LayerSpec spec() {
        return spec;
    }

    /** Output of the last forward pass (a live buffer). */
    INDArray output() {
        return out;
    }

    /** Gradient with respect to {@link #output()}, filled by the next layer. */
    INDArray gradOutput() {
        return gradOut;
    }

    void forward() {
        Nd4j.exec(forwardOp);
        if (!spec.relu()) {
            return;
        }
        int c = spec.outChannels();
        int hw = spec.outSize() * spec.outSize();
        for (int ch = 0; ch < c; ch++) {
            int o = ch * hw;
            double g = 1;
            double b = 0;
            if (spec.batchNorm()) {
                double sum = 0;
                for (int i = 0; i < hw; i++) {
                    sum += preBuf.get(o + i);
                }
                double m = sum / hw;
                double var = 0;
                for (int i = 0; i < hw; i++) {
                    double d = preBuf.get(o + i) - m;
                    var += d * d;
                }
                mean[ch] = m;
                invStd[ch] = 1 / Math.sqrt(var / hw + BN_EPS);
                g = values.get(gammaOffset + ch) * invStd[ch];
                b = values.get(betaOffset + ch) - g * m;
            }
            for (int i = 0; i < hw; i++) {
                float y = (float) (g * preBuf.get(o + i) + b);
                outBuf.put(o + i, y > 0 ? y : 0f);
            }
        }
    }

    /** Back-propagates {@link #gradOutput()} into the layer's parameters and the input gradient. */
    void backward() {
        if (spec.relu()) {
            int c = spec.outChannels();
            int hw = spec.outSize() * spec.outSize();
            for (int ch = 0; ch < c; ch++) {
                int o = ch * hw;
                if (!spec.batchNorm()) {
                    for (int i = 0; i < hw; i++) {
                        gradPreBuf.put(o + i, outBuf.get(o + i) > 0 ? gradOutBuf.get(o + i) : 0f);
                    }
                    continue;
                }
                double m = mean[ch];
                double is = invStd[ch];
                double sumG = 0;
                double sumGx = 0;
                for (int i = 0; i < hw; i++) {
                    double gy = outBuf.get(o + i) > 0 ? gradOutBuf.get(o + i) : 0;
                    sumG += gy;
                    sumGx += gy * (preBuf.get(o + i) - m) * is;
                }
                double gamma = values.get(gammaOffset + ch);
                grads.put(gammaOffset + ch, (float) sumGx);
                grads.put(betaOffset + ch, (float) sumG);
                double meanG = sumG / hw;
                double meanGx = sumGx / hw;
                double scale = gamma * is;
                for (int i = 0; i < hw; i++) {
                    double gy = outBuf.get(o + i) > 0 ? gradOutBuf.get(o + i) : 0;
                    double xhat = (preBuf.get(o + i) - m) * is;
                    gradPreBuf.put(o + i, (float) (scale * (gy - meanG - xhat * meanGx)));
                }
            }
        }
        Nd4j.exec(backwardOp);
    }
}
