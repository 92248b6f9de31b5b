package org.prismjava.loss;

/**
 * Mean absolute (L1) or squared (L2) error; normalised by the zero-prediction loss
 * {@code mean|t|} or {@code mean t^2} (+1e-8) when {@code normalize} (spec 7.1). The L1
 * subgradient at 0 is 0 (PyTorch's convention).
 */
final class LpLoss implements ImageLoss {
    private static final double NORM_EPS = 1e-8;
    private final boolean squared;
    private final boolean normalize;

    LpLoss(boolean squared, boolean normalize) {
        this.squared = squared;
        this.normalize = normalize;
    }

    @Override
    public double evaluate(float[] pred, float[] target, int h, int w, float[] grad) {
        int n = h * w;
        double err = 0;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double d = (double) pred[i] - target[i];
            double t = target[i];
            err += squared ? d * d : Math.abs(d);
            norm += squared ? t * t : Math.abs(t);
        }
        double scale = normalize ? 1 / (norm / n + NORM_EPS) : 1;
        if (grad != null) {
            float f = (float) (scale / n);
            for (int i = 0; i < n; i++) {
                float d = pred[i] - target[i];
                grad[i] = squared ? 2 * d * f : Math.signum(d) * f;
            }
        }
        return err / n * scale;
    }

    @Override
    public String name() {
        return (squared ? "l2" : "l1") + (normalize ? "" : "-raw");
    }
}
