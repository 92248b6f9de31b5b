package org.prismjava.model;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.prismjava.backend.Precision;
import org.prismjava.optics.Region;
import org.prismjava.util.Checks;
import org.prismjava.util.SeededRandom;

/**
 * The generator (spec 6): a learned latent vector decoded by a transposed-convolution stem,
 * stride-2 upsampling stages and 3x3 refinement layers (batch norm with batch statistics and
 * ReLU after each but the last), an output activation, a centred crop or pad to n_obj and a
 * zero pad to N. Forward and the exact backward pass reuse buffers allocated at construction.
 *
 * <p>Crops and pads are centred (start {@code (h - S) / 2}), fixing spec 14 #13; the object
 * occupies {@link #outputSupport()}, the same square {@code Region.centred(N, n_obj)} that the
 * built-in objects and the metrics use. Not thread-safe.
 */
public final class ProgressiveDecoder {
    private final DecoderConfig config;
    private final ParameterSet params;
    private final List<ConvBlock> blocks = new ArrayList<>();
    private final int n;
    private final int raw;
    private final int rawFrom;
    private final int length;
    private final int dst;
    private final int latentOffset;
    private final float[] latent;
    private final float[] latentGrad;
    private final float[] rawOut;
    private final float[] rawGrad;
    private final float[] activated;
    private final Precision precision;

    private ProgressiveDecoder(DecoderConfig config, Precision precision) {
        this.config = config;
        this.precision = precision;
        ParameterSet.Layout layout = new ParameterSet.Layout();
        ParameterSet.Entry latentEntry = layout.add("latent", 1, config.latentChannels(), 1, 1);
        for (LayerSpec l : config.layers()) {
            layout.add(l.name() + ".weight", ConvBlock.weightShape(l));
            if (l.bias()) {
                layout.add(l.name() + ".bias", l.outChannels());
            }
            if (l.batchNorm()) {
                layout.add(l.name() + ".bn.gamma", l.outChannels());
                layout.add(l.name() + ".bn.beta", l.outChannels());
            }
        }
        this.params = layout.allocate();
        this.latentOffset = (int) latentEntry.offset();
        this.latent = new float[config.latentChannels()];
        this.latentGrad = new float[config.latentChannels()];
        int scratchLength = 0;
        for (LayerSpec l : config.layers()) {
            scratchLength = Math.max(scratchLength, ConvBlock.columnLength(l));
        }
        float[] scratch = new float[scratchLength];
        float[] in = this.latent;
        float[] gradIn = latentGrad;
        for (LayerSpec l : config.layers()) {
            ConvBlock b = new ConvBlock(l, params, in, gradIn, scratch, precision);
            blocks.add(b);
            in = b.output();
            gradIn = b.gradOutput();
        }
        this.n = config.gridSize();
        this.raw = config.rawOutputSize();
        int s = config.objectSize();
        this.length = Math.min(s, raw);
        this.rawFrom = s <= raw ? (raw - s) / 2 : 0;
        this.dst = (n - s) / 2 + (s > raw ? (s - raw) / 2 : 0);
        ConvBlock last = blocks.get(blocks.size() - 1);
        this.rawOut = last.output();
        this.rawGrad = last.gradOutput();
        this.activated = new float[raw * raw];
    }

    /**
     * A decoder initialised as spec 6.6 (latent ~ N(0, 1); weights and biases ~ U(-b, b) with
     * b = 1/sqrt(fan_in), fan_in = out*k^2 for transposed and in*k^2 for plain convolutions;
     * batch norm gamma = 1, beta = 0), every draw from {@code rng} in layout order.
     */
    public static ProgressiveDecoder create(DecoderConfig config, SeededRandom rng) {
        return create(config, rng, Precision.FP32);
    }

    /**
     * As {@link #create(DecoderConfig, SeededRandom)}, computing in {@code precision}: with mixed
     * precision the forward pass uses a 16-bit rounded copy of the (FP32 master) weights, and
     * activations and gradients are rounded to 16 bits at every layer; batch norm stays FP32.
     */
    public static ProgressiveDecoder create(DecoderConfig config, SeededRandom rng, Precision precision) {
        Checks.check(config != null, "config", null, "must be set");
        Checks.check(rng != null, "rng", null, "must be set");
        Checks.check(precision != null, "precision", null, "must be set");
        ProgressiveDecoder d = new ProgressiveDecoder(config, precision);
        FloatBuffer v = d.params.valueBuffer();
        for (ParameterSet.Entry e : d.params.entries()) {
            int off = (int) e.offset();
            int len = (int) e.length();
            String name = e.name();
            if (name.equals("latent")) {
                for (int i = 0; i < len; i++) {
                    v.put(off + i, (float) rng.nextGaussian());
                }
            } else if (name.endsWith(".bn.gamma") || name.endsWith(".bn.beta")) {
                float value = name.endsWith("gamma") ? 1f : 0f;
                for (int i = 0; i < len; i++) {
                    v.put(off + i, value);
                }
            } else {
                LayerSpec l = d.layer(name.substring(0, name.indexOf('.')));
                int fanIn = (l.transposed() ? l.outChannels() : l.inChannels()) * l.kernel() * l.kernel();
                double bound = 1 / Math.sqrt(fanIn);
                for (int i = 0; i < len; i++) {
                    v.put(off + i, (float) ((2 * rng.nextDouble() - 1) * bound));
                }
            }
        }
        return d;
    }

    /** A decoder for {@code config} initialised from {@code seed}. */
    public static ProgressiveDecoder create(DecoderConfig config, long seed) {
        return create(config, new SeededRandom(seed));
    }

    private LayerSpec layer(String name) {
        for (ConvBlock b : blocks) {
            if (b.spec().name().equals(name)) {
                return b.spec();
            }
        }
        throw new IllegalStateException("no layer " + name);
    }

    /** The architecture. */
    public DecoderConfig config() {
        return config;
    }

    /** The trainable parameters and their gradients. */
    public ParameterSet parameters() {
        return params;
    }

    /** The square the object occupies in the N x N output; zero elsewhere. */
    public Region outputSupport() {
        return new Region(dst, dst + length, dst, dst + length);
    }

    /**
     * Runs the generator and writes the row-major N*N image into {@code out}. Pixels outside
     * {@link #outputSupport()} are set to zero.
     */
    public void forward(float[] out) {
        Checks.check(out != null && out.length == n * n, "out.length", out == null ? "null" : out.length,
                "must be N*N = " + n * n);
        params.valueBuffer().get(latentOffset, latent);
        if (precision.isMixed()) {
            params.refreshComputeCopy(precision);
            precision.roundInPlace(latent, latent.length);
        }
        for (ConvBlock b : blocks) {
            b.forward();
        }
        OutputActivation act = config.outputActivation();
        for (int i = 0; i < activated.length; i++) {
            activated[i] = act.apply(rawOut[i]);
        }
        Arrays.fill(out, 0f);
        for (int r = 0; r < length; r++) {
            System.arraycopy(activated, (rawFrom + r) * raw + rawFrom, out, (dst + r) * n + dst, length);
        }
    }

    /** Runs the generator and returns the image as a new {@code [1, 1, N, N]} array. */
    public INDArray generate() {
        float[] out = new float[n * n];
        forward(out);
        return Nd4j.create(out, new long[] {1, 1, n, n}, DataType.FLOAT);
    }

    /**
     * Back-propagates {@code gradOut} (d loss / d image, row-major N*N) through the last
     * {@link #forward} call and overwrites {@link ParameterSet#gradients()}.
     */
    public void backward(float[] gradOut) {
        Checks.check(gradOut != null && gradOut.length == n * n, "gradOut.length",
                gradOut == null ? "null" : gradOut.length, "must be N*N = " + n * n);
        OutputActivation act = config.outputActivation();
        Arrays.fill(rawGrad, 0f);
        for (int r = 0; r < length; r++) {
            int ro = (rawFrom + r) * raw + rawFrom;
            int go = (dst + r) * n + dst;
            for (int c = 0; c < length; c++) {
                int k = ro + c;
                rawGrad[k] = gradOut[go + c] * act.derivative(rawOut[k], activated[k]);
            }
        }
        for (int i = blocks.size() - 1; i >= 0; i--) {
            blocks.get(i).backward();
        }
        params.gradientBuffer().put(latentOffset, latentGrad);
    }
}
