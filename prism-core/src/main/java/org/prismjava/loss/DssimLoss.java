package org.prismjava.loss;

import org.prismjava.metrics.MsSsim;
import org.prismjava.metrics.Ssim;

/** {@code (1 - SSIM) / 2} or {@code (1 - MS-SSIM) / 2} with the standard window (spec 7.1). */
final class DssimLoss implements ImageLoss {
    private final boolean multiScale;

    DssimLoss(boolean multiScale) {
        this.multiScale = multiScale;
    }

    @Override
    public double evaluate(float[] pred, float[] target, int h, int w, float[] grad) {
        double[] g = grad == null ? null : new double[h * w];
        double s = multiScale ? MsSsim.STANDARD.valueAndGradient(pred, target, h, w, g)
                : Ssim.STANDARD.valueAndGradient(pred, target, h, w, g);
        if (grad != null) {
            for (int i = 0; i < g.length; i++) {
                grad[i] = (float) (-0.5 * g[i]);
            }
        }
        return (1 - s) / 2;
    }

    @Override
    public String name() {
        return multiScale ? "ms-dssim" : "dssim";
    }
}
