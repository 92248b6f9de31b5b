package org.prismjava.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.prismjava.util.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Immutable architecture of a {@link ProgressiveDecoder} (spec 6.1-6.2): grid size N, object
 * size n_obj, latent channels, channel progression, batch norm and output activation. Built with
 * {@link #builder(int, int)}; the automatic architecture is the default.
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

    private DecoderConfig(Builder b) {
        this.gridSize = Checks.powerOfTwo("gridSize", b.gridSize, 8);
        Checks.check(b.objectSize >= 1 && b.objectSize <= b.gridSize, "objectSize", b.objectSize,
                "must be in [1, gridSize = " + b.gridSize + "]");
        this.objectSize = b.objectSize;
        if (Integer.bitCount(objectSize) != 1) {
            LOG.debug("objectSize = {} is not a power of two; the generator output is cropped or padded to it",
                    objectSize);
        }
        this.latentChannels = Checks.positive("latentChannels", b.latentChannels == 0 ? gridSize : b.latentChannels);
        int up = 0;
        while (4 << up < objectSize) {
            up++;
        }
        this.upsampleStages = up;
        List<Integer> p = b.progression == null ? automaticProgression(latentChannels, up) : b.progression;
        Checks.check(p.size() >= up + 2 && p.get(p.size() - 1) == 1 && p.stream().allMatch(c -> c != null && c > 0),
                "channelProgression", p, "must hold positive channel counts, end with 1 and have at least "
                        + (up + 2) + " entries (one per upsampling stage plus stem and final layer)");
        this.progression = List.copyOf(p);
        this.batchNorm = b.batchNorm;
        this.outputActivation = Objects.requireNonNull(b.outputActivation, "outputActivation");
        this.layers = Collections.unmodifiableList(buildLayers());
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
            out.add(new LayerSpec("up" + (i + 1), true, progression.get(i), progression.get(i + 1), 4, 2, 1,
                    !batchNorm, batchNorm, true, size, size * 2));
            size *= 2;
        }
        for (int j = upsampleStages + 1; j < progression.size(); j++) {
            boolean last = j == progression.size() - 1;
            int cin = progression.get(j - 1);
            if (last) {
                out.add(new LayerSpec("final", false, cin, 1, 3, 1, 0, true, false, false, size, size - 2));
            } else {
                out.add(new LayerSpec("refine" + (j - upsampleStages), false, cin, progression.get(j), 3, 1, 1,
                        !batchNorm, batchNorm, true, size, size));
            }
        }
        return out;
    }

    /** A builder for grid size N (power of two >= 8) and object size n_obj (1..N). */
    public static Builder builder(int gridSize, int objectSize) {
        return new Builder(gridSize, objectSize);
    }

    /** A builder pre-filled with this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder(gridSize, objectSize);
        b.latentChannels = latentChannels;
        b.progression = progression;
        b.batchNorm = batchNorm;
        b.outputActivation = outputActivation;
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

    /** Number of stride-2 upsampling stages. */
    public int upsampleStages() {
        return upsampleStages;
    }

    /** Edge of the generator's raw output before crop/pad: {@code 4 * 2^up - 2}. */
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
        m.put("parameters", parameterCount());
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecoderConfig c && c.gridSize == gridSize && c.objectSize == objectSize
                && c.latentChannels == latentChannels && c.progression.equals(progression) && c.batchNorm == batchNorm
                && c.outputActivation == outputActivation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(gridSize, objectSize, latentChannels, progression, batchNorm, outputActivation);
    }

    @Override
    public String toString() {
        return "DecoderConfig{gridSize=" + gridSize + ", objectSize=" + objectSize + ", latentChannels="
                + latentChannels + ", channelProgression=" + progression + ", batchNorm=" + batchNorm
                + ", outputActivation=" + outputActivation.id() + ", parameters=" + parameterCount() + "}";
    }

    /** Builder for {@link DecoderConfig}; {@link #build()} validates. */
    public static final class Builder {
        private final int gridSize;
        private final int objectSize;
        private int latentChannels;
        private List<Integer> progression;
        private boolean batchNorm = true;
        private OutputActivation outputActivation = OutputActivation.SIGMOID;

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
