package org.prismjava.model;

import java.nio.FloatBuffer;
import org.prismjava.util.Checks;

/**
 * Adam with bias correction and optional AMSGrad, exactly as PyTorch's {@code torch.optim.Adam}
 * (spec 15.1), updating a {@link ParameterSet} in place from its gradients. The moment buffers
 * are plain arrays owned by the optimizer and can be saved and restored for checkpoints.
 */
public final class Adam {
    private final AdamConfig config;
    private final ParameterSet params;
    private final float[] m;
    private final float[] v;
    private final float[] vMax;
    private long step;

    /** A fresh optimizer (empty moments) over {@code params}. */
    public Adam(ParameterSet params, AdamConfig config) {
        Checks.check(params != null, "params", null, "must be set");
        Checks.check(config != null, "config", null, "must be set");
        this.params = params;
        this.config = config;
        this.m = new float[params.size()];
        this.v = new float[params.size()];
        this.vMax = config.amsgrad() ? new float[params.size()] : new float[0];
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
        float c1 = (float) (1 - b1);
        float c2 = (float) (1 - b2);
        float fb1 = (float) b1;
        float fb2 = (float) b2;
        float stepSize = (float) (lr / (1 - Math.pow(b1, step)));
        float invSqrtBc2 = (float) (1 / Math.sqrt(1 - Math.pow(b2, step)));
        float eps = (float) config.epsilon();
        FloatBuffer p = params.valueBuffer();
        FloatBuffer g = params.gradientBuffer();
        int n = m.length;
        boolean ams = config.amsgrad();
        for (int i = 0; i < n; i++) {
            float gi = g.get(i);
            float mi = fb1 * m[i] + c1 * gi;
            float vi = fb2 * v[i] + c2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            float denomV = vi;
            if (ams) {
                denomV = Math.max(vMax[i], vi);
                vMax[i] = denomV;
            }
            float denom = (float) Math.sqrt(denomV) * invSqrtBc2 + eps;
            p.put(i, p.get(i) - stepSize * mi / denom);
        }
    }

    /** A copy of the optimizer state. */
    public State state() {
        return new State(step, m.clone(), v.clone(), vMax.clone());
    }

    /** Restores a state saved from an optimizer over the same parameter layout. */
    public void restore(State s) {
        Checks.check(s.m().length == m.length && s.v().length == v.length && s.vMax().length == vMax.length,
                "state", "moments of length " + s.m().length, "must match " + m.length + " parameters"
                        + (config.amsgrad() ? " with AMSGrad" : ""));
        step = s.step();
        System.arraycopy(s.m(), 0, m, 0, m.length);
        System.arraycopy(s.v(), 0, v, 0, v.length);
        System.arraycopy(s.vMax(), 0, vMax, 0, vMax.length);
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
