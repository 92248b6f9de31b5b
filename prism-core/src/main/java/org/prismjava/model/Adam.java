package org.prismjava.model;

import java.nio.FloatBuffer;
import org.prismjava.util.Checks;

/**
 * Adam with bias correction and optional AMSGrad, exactly as PyTorch's {@code torch.optim.Adam}
 * (spec 15.1), updating a {@link ParameterSet} in place from its gradients. The moment buffers
 * are owned by the optimizer and can be saved and restored for checkpoints.
 *
 * <p>The update streams the parameters in blocks: each block of values and gradients is copied
 * to heap arrays, updated by a loop the JIT vectorises, and copied back. The moments are stored
 * in blocks of the same size, so every array in the loop shares one index.
 */
public final class Adam {
    private static final int BLOCK = 1 << 16;
    private final AdamConfig config;
    private final ParameterSet params;
    private final float[][] m;
    private final float[][] v;
    private final float[][] vMax;
    private final float[] valueBlock = new float[BLOCK];
    private final float[] gradientBlock = new float[BLOCK];
    private final int size;
    private long step;

    /** A fresh optimizer (empty moments) over {@code params}. */
    public Adam(ParameterSet params, AdamConfig config) {
        Checks.check(params != null, "params", null, "must be set");
        Checks.check(config != null, "config", null, "must be set");
        this.params = params;
        this.config = config;
        this.size = params.size();
        this.m = blocks(size);
        this.v = blocks(size);
        this.vMax = blocks(config.amsgrad() ? size : 0);
    }

    private static float[][] blocks(int n) {
        float[][] b = new float[(n + BLOCK - 1) / BLOCK][];
        for (int i = 0; i < b.length; i++) {
            b[i] = new float[Math.min(BLOCK, n - i * BLOCK)];
        }
        return b;
    }

    /** Hyper-parameters. */
    public AdamConfig config() {
        return config;
    }

    /** Steps taken. */
    public long steps() {
        return step;
    }

    /** One update with learning rate {@code lr} using the current gradients. */
    public void step(double lr) {
        Checks.positive("lr", lr);
        step++;
        double b1 = config.beta1();
        double b2 = config.beta2();
        float stepSize = (float) (lr / (1 - Math.pow(b1, step)));
        float invSqrtBc2 = (float) (1 / Math.sqrt(1 - Math.pow(b2, step)));
        FloatBuffer p = params.valueBuffer();
        FloatBuffer g = params.gradientBuffer();
        for (int b = 0; b < m.length; b++) {
            int from = b * BLOCK;
            int len = m[b].length;
            p.get(from, valueBlock, 0, len);
            g.get(from, gradientBlock, 0, len);
            float[] vDenominator = config.amsgrad() ? vMax[b] : v[b];
            moments(gradientBlock, m[b], v[b], len, (float) b1, (float) b2);
            if (config.amsgrad()) {
                runningMax(vMax[b], v[b], len);
            }
            descend(valueBlock, m[b], vDenominator, len, stepSize, invSqrtBc2, (float) config.epsilon());
            p.put(from, valueBlock, 0, len);
        }
    }

    private static void moments(float[] g, float[] m, float[] v, int len, float b1, float b2) {
        float c1 = 1 - b1;
        float c2 = 1 - b2;
        for (int i = 0; i < len; i++) {
            float gi = g[i];
            m[i] = b1 * m[i] + c1 * gi;
            v[i] = b2 * v[i] + c2 * gi * gi;
        }
    }

    private static void runningMax(float[] vMax, float[] v, int len) {
        for (int i = 0; i < len; i++) {
            vMax[i] = Math.max(vMax[i], v[i]);
        }
    }

    private static void descend(float[] p, float[] m, float[] v, int len, float stepSize, float invSqrtBc2,
            float eps) {
        for (int i = 0; i < len; i++) {
            p[i] -= stepSize * m[i] / ((float) Math.sqrt(v[i]) * invSqrtBc2 + eps);
        }
    }

    /** A copy of the optimizer state. */
    public State state() {
        return new State(step, flatten(m, size), flatten(v, size), flatten(vMax, vMax.length == 0 ? 0 : size));
    }

    private static float[] flatten(float[][] blocks, int n) {
        float[] out = new float[n];
        for (int b = 0; b < blocks.length; b++) {
            System.arraycopy(blocks[b], 0, out, b * BLOCK, blocks[b].length);
        }
        return out;
    }

    /** Restores a state saved from an optimizer over the same parameter layout. */
    public void restore(State s) {
        int vMaxLength = config.amsgrad() ? size : 0;
        Checks.check(s.m().length == size && s.v().length == size && s.vMax().length == vMaxLength,
                "state", "moments of length " + s.m().length, "must match " + size + " parameters"
                        + (config.amsgrad() ? " with AMSGrad" : ""));
        step = s.step();
        fill(m, s.m());
        fill(v, s.v());
        fill(vMax, s.vMax());
    }

    private static void fill(float[][] blocks, float[] flat) {
        for (int b = 0; b < blocks.length; b++) {
            System.arraycopy(flat, b * BLOCK, blocks[b], 0, blocks[b].length);
        }
    }

    /**
     * Saved optimizer state (arrays are shared, not copied: treat as read-only).
     *
     * @param step steps taken
     * @param m first moments
     * @param v second moments
     * @param vMax running maxima of v (empty without AMSGrad)
     */
    public record State(long step, float[] m, float[] v, float[] vMax) {
    }
}
