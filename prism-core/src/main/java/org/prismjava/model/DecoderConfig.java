package org.prismjava.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.prismjava.util.Checks;
import org.prismjava.util.StoredFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Immutable architecture of a {@link ProgressiveDecoder}: grid size N, object size n_obj, latent
 * channels, channel progression, upsampling, final padding, batch norm and output activation.
 *
 * <p>{@link #builder(int, int)} starts from this library's architecture, chosen by measurement
 * on real images (docs/quality.md): a 128-channel latent, a wide progression that keeps at least
 * 16 channels up to the last layer ({@link #wideProgression}), bilinear upsampling followed by 3x3
 * convolutions (no stride-2 checkerboard in the unmeasured high frequencies) and a final
 * convolution with padding 1, so the generator covers the whole object square (the reference's
 * padding 0 leaves it two pixels short: a zero frame around the object). {@link #reference(int,
 * int)} starts from spec 6.2-6.3 exactly: latent N, channels halving down to 1, stride-2
 * transposed convolutions, final padding 0.
 */
public final class DecoderConfig {
    private static final Logger LOG = LoggerFactory.getLogger(DecoderConfig.class);
    private final int gridSize;
    private final int objectSize;
    private final int latentChannels;
    private final List<Integer> progression;
    private final boolean batchNorm;
    private final OutputActivation outputActivation;
    private final int upsampleStages;
    private final List<LayerSpec> layers;
    private final int finalPadding;
    private final Upsampling upsampling;
    private final boolean wide;

    private DecoderConfig(Builder b) {
        this.gridSize = Checks.powerOfTwo("gridSize", b.gridSize, 8);
        Checks.check(b.objectSize >= 1 && b.objectSize <= b.gridSize, "objectSize", b.objectSize,
                "must be in [1, gridSize = " + b.gridSize + "]");
        this.objectSize = b.objectSize;
        if (Integer.bitCount(objectSize) != 1) {
            LOG.debug("objectSize = {} is not a power of two; the generator output is cropped or padded to it",
                    objectSize);
        }
        this.latentChannels = Checks.positive("latentChannels", b.latentChannels == 0
                ? (b.wide ? WIDE_LATENT_CHANNELS : gridSize) : b.latentChannels);
        Checks.check(b.finalPadding == 0 || b.finalPadding == 1, "finalPadding", b.finalPadding, "must be 0 or 1");
        this.finalPadding = b.finalPadding;
        this.upsampling = Objects.requireNonNull(b.upsampling, "upsampling");
        this.wide = b.wide;
        int up = 0;
        while (4 << up < objectSize) {
            up++;
        }
        this.upsampleStages = up;
        List<Integer> p = b.progression != null ? b.progression
                : b.wide ? wideProgression(up) : automaticProgression(latentChannels, up);
        Checks.check(p.size() >= up + 2 && p.get(p.size() - 1) == 1 && p.stream().allMatch(c -> c != null && c > 0),
                "channelProgression", p, "must hold positive channel counts, end with 1 and have at least "
                        + (up + 2) + " entries (one per upsampling stage plus stem and final layer)");
        this.progression = List.copyOf(p);
        this.batchNorm = b.batchNorm;
        this.outputActivation = Objects.requireNonNull(b.outputActivation, "outputActivation");
        this.layers = Collections.unmodifiableList(buildLayers());
    }

    /** Latent channels of the wide architecture. */
    static final int WIDE_LATENT_CHANNELS = 128;

    /**
     * The wide progression for {@code up} upsampling stages: 64 channels at 4x4, halving every
     * second stage down to at least 16, one 16-channel (or wider) refinement layer, then 1. For
     * a 32-pixel object (3 stages): [64, 64, 32, 32, 16, 1].
     */
    public static List<Integer> wideProgression(int up) {
        Checks.check(up >= 0, "up", up, "must be >= 0");
        List<Integer> p = new ArrayList<>();
        for (int level = 0; level <= up; level++) {
            p.add(Math.max(16, 64 >> (level / 2)));
        }
        p.add(Math.max(16, p.get(p.size() - 1) / 2));
        p.add(1);
        return p;
    }

    private static List<Integer> automaticProgression(int latent, int up) {
        List<Integer> p = new ArrayList<>();
        int c = Math.max(1, latent / 2);
        p.add(c);
        for (int i = 0; i < up; i++) {
            c = Math.max(1, c / 2);
            p.add(c);
        }
        while (c > 1) {
            c = Math.max(1, c / 2);
            p.add(c);
        }
        if (p.size() < up + 2) {
            p.add(1);
        }
        return p;
    }

    private List<LayerSpec> buildLayers() {
        List<LayerSpec> out = new ArrayList<>();
        int size = 4;
        out.add(new LayerSpec("stem", true, latentChannels, progression.get(0), 4, 1, 0, !batchNorm, batchNorm, true,
                1, 4));
        for (int i = 0; i < upsampleStages; i++) {
            if (upsampling == Upsampling.BILINEAR) {
                out.add(new LayerSpec("up" + (i + 1), false, progression.get(i), progression.get(i + 1), 3, 1, 1,
                        !batchNorm, batchNorm, true, size, size * 2, true));
            } else {
                out.add(new LayerSpec("up" + (i + 1), true, progression.get(i), progression.get(i + 1), 4, 2, 1,
                        !batchNorm, batchNorm, true, size, size * 2));
            }
            size *= 2;
        }
        for (int j = upsampleStages + 1; j < progression.size(); j++) {
            boolean last = j == progression.size() - 1;
            int cin = progression.get(j - 1);
            if (last) {
                out.add(new LayerSpec("final", false, cin, 1, 3, 1, finalPadding, true, false, false, size,
                        size - 2 + 2 * finalPadding));
            } else {
                out.add(new LayerSpec("refine" + (j - upsampleStages), false, cin, progression.get(j), 3, 1, 1,
                        !batchNorm, batchNorm, true, size, size));
            }
        }
        return out;
    }

    /** A builder with this library's architecture for grid size N (power of two >= 8) and object size n_obj (1..N). */
    public static Builder builder(int gridSize, int objectSize) {
        return new Builder(gridSize, objectSize);
    }

    /** A builder with the reference's architecture (spec 6.2-6.3; output activation sigmoid, DESIGN 4.7). */
    public static Builder reference(int gridSize, int objectSize) {
        return new Builder(gridSize, objectSize).wide(false).upsampling(Upsampling.TRANSPOSED).finalPadding(0);
    }

    /** A builder pre-filled with this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder(gridSize, objectSize);
        b.latentChannels = latentChannels;
        b.progression = progression;
        b.batchNorm = batchNorm;
        b.outputActivation = outputActivation;
        b.finalPadding = finalPadding;
        b.upsampling = upsampling;
        b.wide = wide;
        return b;
    }

    /** Grid edge N of the output. */
    public int gridSize() {
        return gridSize;
    }

    /** Edge of the object crop inside the grid. */
    public int objectSize() {
        return objectSize;
    }

    /** Channels of the learned latent vector. */
    public int latentChannels() {
        return latentChannels;
    }

    /** Channel count after each layer, ending with 1. */
    public List<Integer> channelProgression() {
        return progression;
    }

    /** Whether batch norm follows each non-final layer. */
    public boolean batchNorm() {
        return batchNorm;
    }

    /** Output activation. */
    public OutputActivation outputActivation() {
        return outputActivation;
    }

    /** How the upsampling stages double the size. */
    public Upsampling upsampling() {
        return upsampling;
    }

    /** Padding of the final convolution (0 or 1). */
    public int finalPadding() {
        return finalPadding;
    }

    /** Number of upsampling stages. */
    public int upsampleStages() {
        return upsampleStages;
    }

    /** Edge of the generator's raw output before crop/pad: {@code 4 * 2^up - 2 + 2 * finalPadding}. */
    public int rawOutputSize() {
        return layers.get(layers.size() - 1).outSize();
    }

    /** The layers in order. */
    public List<LayerSpec> layers() {
        return layers;
    }

    /** Trainable parameters: latent + weights + biases + batch-norm affine (spec 6.7). */
    public long parameterCount() {
        long total = latentChannels;
        for (LayerSpec l : layers) {
            total += l.parameterCount();
        }
        return total;
    }

    /** Every setting by name (and the parameter count), for provenance and checkpoints. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gridSize", gridSize);
        m.put("objectSize", objectSize);
        m.put("latentChannels", latentChannels);
        m.put("channelProgression", progression);
        m.put("batchNorm", batchNorm);
        m.put("outputActivation", outputActivation.id());
        m.put("upsampling", upsampling.id());
        m.put("finalPadding", finalPadding);
        m.put("parameters", parameterCount());
        return m;
    }

    /**
     * Inverse of {@link #toMap()}: {@code gridSize} and {@code objectSize} are required, any other
     * setting left out takes this library's default; {@code parameters}, when present, must be the
     * count the settings give. Unknown keys, wrong types and bad values are refused naming the key.
     */
    public static DecoderConfig fromMap(Map<String, ?> map) {
        StoredFields f = StoredFields.of(map, "decoder configuration").requireOnly(List.of("gridSize", "objectSize",
                "latentChannels", "channelProgression", "batchNorm", "outputActivation", "upsampling", "finalPadding",
                "parameters"));
        Builder b = builder(f.integer("gridSize"), f.integer("objectSize"));
        if (f.has("latentChannels")) {
            b.latentChannels(f.integer("latentChannels"));
        }
        if (f.has("channelProgression")) {
            List<Integer> channels = new ArrayList<>();
            List<?> stored = f.list("channelProgression");
            for (Object c : stored) {
                if (!(c instanceof Number v) || v.doubleValue() != Math.rint(v.doubleValue())) {
                    throw f.invalid("key channelProgression must hold integers, found " + stored);
                }
                channels.add(v.intValue());
            }
            b.channelProgression(channels);
        }
        if (f.has("batchNorm")) {
            b.batchNorm(f.bool("batchNorm"));
        }
        if (f.has("outputActivation")) {
            b.outputActivation(f.named("outputActivation", OutputActivation::byName));
        }
        if (f.has("upsampling")) {
            b.upsampling(f.named("upsampling", Upsampling::byName));
        }
        if (f.has("finalPadding")) {
            b.finalPadding(f.integer("finalPadding"));
        }
        DecoderConfig c = b.build();
        if (f.has("parameters") && f.longValue("parameters") != c.parameterCount()) {
            throw f.invalid("key parameters is " + f.longValue("parameters") + " but the settings give "
                    + c.parameterCount());
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecoderConfig c && c.gridSize == gridSize && c.objectSize == objectSize
                && c.latentChannels == latentChannels && c.progression.equals(progression) && c.batchNorm == batchNorm
                && c.outputActivation == outputActivation && c.upsampling == upsampling && c.finalPadding == finalPadding;
    }

    @Override
    public int hashCode() {
        return Objects.hash(gridSize, objectSize, latentChannels, progression, batchNorm, outputActivation, upsampling,
                finalPadding);
    }

    @Override
    public String toString() {
        return "DecoderConfig{gridSize=" + gridSize + ", objectSize=" + objectSize + ", latentChannels="
                + latentChannels + ", channelProgression=" + progression + ", batchNorm=" + batchNorm
                + ", outputActivation=" + outputActivation.id() + ", upsampling=" + upsampling.id() + ", finalPadding="
                + finalPadding + ", parameters=" + parameterCount() + "}";
    }

    /** Builder for {@link DecoderConfig}; {@link #build()} validates. */
    public static final class Builder {
        private final int gridSize;
        private final int objectSize;
        private int latentChannels;
        private List<Integer> progression;
        private boolean batchNorm = true;
        private OutputActivation outputActivation = OutputActivation.SIGMOID;
        private int finalPadding = 1;
        private Upsampling upsampling = Upsampling.BILINEAR;
        private boolean wide = true;

        /** How upsampling stages double the size (default bilinear; the reference: transposed). */
        public Builder upsampling(Upsampling u) {
            this.upsampling = Objects.requireNonNull(u, "upsampling");
            return this;
        }

        /**
         * Padding of the final 3x3 convolution, 0 or 1 (default 1: the raw output is
         * {@code 4 * 2^up} pixels; the reference's 0 gives {@code 4 * 2^up - 2}).
         */
        public Builder finalPadding(int p) {
            this.finalPadding = p;
            return this;
        }

        /**
         * The automatic channel rule: wide (default: {@link DecoderConfig#wideProgression}, latent
         * 128) or the reference's (latent N, halving down to 1; spec 6.2). Ignored for the parts
         * given explicitly ({@link #latentChannels}, {@link #channelProgression}).
         */
        public Builder wide(boolean on) {
            this.wide = on;
            return this;
        }

        private Builder(int gridSize, int objectSize) {
            this.gridSize = gridSize;
            this.objectSize = objectSize;
        }

        /** Latent channels (default N). */
        public Builder latentChannels(int channels) {
            this.latentChannels = Checks.positive("latentChannels", channels);
            return this;
        }

        /** A manual channel progression (must end with 1); null restores the automatic one. */
        public Builder channelProgression(List<Integer> channels) {
            this.progression = channels == null ? null : new ArrayList<>(channels);
            return this;
        }

        /** Batch norm after each non-final layer (default on). */
        public Builder batchNorm(boolean on) {
            this.batchNorm = on;
            return this;
        }

        /** Output activation (default sigmoid; the reference CLI used none, see DESIGN 4.7). */
        public Builder outputActivation(OutputActivation activation) {
            this.outputActivation = Objects.requireNonNull(activation, "outputActivation");
            return this;
        }

        /** Validates and builds. */
        public DecoderConfig build() {
            return new DecoderConfig(this);
        }
    }
}
