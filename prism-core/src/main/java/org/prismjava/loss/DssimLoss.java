package org.prismjava.loss;

import org.prismjava.metrics.MsSsim;
import org.prismjava.metrics.Ssim;

/**
 * {@code (1 - SSIM) / 2} or {@code (1 - MS-SSIM) / 2} with the standard window (spec 7.1). It
 * keeps its work arrays between calls (sized on first use and when the image shape changes), so
 * a training loop allocates nothing; not thread-safe.
 */
final class DssimLoss implements ImageLoss {
    private final boolean multiScale;
    private Ssim.Workspace workspace;
    private MsSsim.Workspace multiScaleWorkspace;
    private double[] gradient = new double[0];

    DssimLoss(boolean multiScale) {
        this.multiScale = multiScale;
    }

    @Override
    public double evaluate(float[] pred, float[] target, int h, int w, float[] grad) {
        int n = h * w;
        if (gradient.length != n) {
            gradient = new double[n];
        }
        if (multiScale) {
            if (multiScaleWorkspace == null || !multiScaleWorkspace.fits(h, w)) {
                multiScaleWorkspace = MsSsim.STANDARD.workspace(h, w);
            }
        } else if (workspace == null || !workspace.fits(h, w)) {
            workspace = new Ssim.Workspace(h, w);
        }
        double[] g = grad == null ? null : gradient;
        double s = multiScale ? MsSsim.STANDARD.valueAndGradient(pred, target, h, w, g, multiScaleWorkspace)
                : Ssim.STANDARD.valueAndGradient(pred, target, h, w, g, workspace);
        if (grad != null) {
            for (int i = 0; i < n; i++) {
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
