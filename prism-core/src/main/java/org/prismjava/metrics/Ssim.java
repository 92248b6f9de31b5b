package org.prismjava.metrics;

import org.prismjava.util.Checks;

/**
 * Structural similarity exactly as spec 7.2: Gaussian window (size 11, sigma 1.5, normalised),
 * reflect padding, population statistics, constants {@code (0.01 L)^2, (0.03 L)^2}, mean over all
 * pixels. Also gives the contrast-structure term used by MS-SSIM (spec 7.3), and the exact
 * gradient of either with respect to the first image. Immutable and thread-safe.
 */
public final class Ssim {
    /** The reference's setting: window 11, sigma 1.5, data range 1. */
    public static final Ssim STANDARD = new Ssim(11, 1.5, 1.0);
    private final int window;
    private final double[] kernel;
    private final double c1;
    private final double c2;

    /**
     * @param window odd window edge >= 1
     * @param sigma Gaussian standard deviation > 0
     * @param dataRange dynamic range L of the images > 0
     */
    public Ssim(int window, double sigma, double dataRange) {
        Checks.check(window >= 1 && window % 2 == 1, "window", window, "must be an odd integer >= 1");
        Checks.positive("sigma", sigma);
        Checks.positive("dataRange", dataRange);
        this.window = window;
        this.kernel = gaussian(window, sigma);
        this.c1 = Math.pow(0.01 * dataRange, 2);
        this.c2 = Math.pow(0.03 * dataRange, 2);
    }

    /** The normalised 1-D Gaussian window {@code g[t] ~ exp(-(t - w/2)^2 / (2 sigma^2))}. */
    public static double[] gaussian(int window, double sigma) {
        double[] g = new double[window];
        double sum = 0;
        for (int t = 0; t < window; t++) {
            double d = t - window / 2;
            g[t] = Math.exp(-d * d / (2 * sigma * sigma));
            sum += g[t];
        }
        for (int t = 0; t < window; t++) {
            g[t] /= sum;
        }
        return g;
    }

    /** Window edge. */
    public int window() {
        return window;
    }

    /** SSIM of two row-major h x w images. */
    public double value(float[] x, float[] y, int h, int w) {
        return evaluate(x, y, h, w, false, null, new Workspace(h, w));
    }

    /** SSIM, writing d SSIM / d x into {@code gradX} (length h*w). */
    public double valueAndGradient(float[] x, float[] y, int h, int w, double[] gradX) {
        return evaluate(x, y, h, w, false, gradX, new Workspace(h, w));
    }

    /** As {@link #valueAndGradient(float[], float[], int, int, double[])}, reusing {@code ws} (no allocation). */
    public double valueAndGradient(float[] x, float[] y, int h, int w, double[] gradX, Workspace ws) {
        return evaluate(x, y, h, w, false, gradX, ws);
    }

    /** Mean contrast-structure term {@code (2 s12 + C2) / (s1^2 + s2^2 + C2)}, optionally with its gradient. */
    public double contrastStructure(float[] x, float[] y, int h, int w, double[] gradX) {
        return evaluate(x, y, h, w, true, gradX, new Workspace(h, w));
    }

    /** As {@link #contrastStructure(float[], float[], int, int, double[])}, reusing {@code ws} (no allocation). */
    public double contrastStructure(float[] x, float[] y, int h, int w, double[] gradX, Workspace ws) {
        return evaluate(x, y, h, w, true, gradX, ws);
    }

    /** Work arrays for one image size, so repeated evaluations (a training loss) allocate nothing. */
    public static final class Workspace {
        private final int length;
        private final double[][] a;

        /** Work space for h x w images (17 double arrays of h*w). */
        public Workspace(int h, int w) {
            Checks.check(h > 0 && w > 0, "image size", h + "x" + w, "must be positive");
            this.length = h * w;
            this.a = new double[17][length];
        }

        /** Whether it serves h x w images. */
        public boolean fits(int h, int w) {
            return length == h * w;
        }
    }

    private double evaluate(float[] x, float[] y, int h, int w, boolean csOnly, double[] grad, Workspace ws) {
        int r = window / 2;
        if (h <= r || w <= r) {
            throw Checks.invalid("image size", h + "x" + w, "must exceed " + r + " (window " + window
                    + " with reflect padding)");
        }
        if (x.length != h * w || y.length != h * w) {
            throw Checks.invalid("image length", x.length + "/" + y.length, "must both be h*w = " + h * w);
        }
        if (!ws.fits(h, w)) {
            throw Checks.invalid("workspace", ws.length + " pixels", "must hold h*w = " + h * w);
        }
        int n = h * w;
        double[] xs = ws.a[0];
        double[] ys = ws.a[1];
        double[] xx = ws.a[2];
        double[] yy = ws.a[3];
        double[] xy = ws.a[4];
        for (int i = 0; i < n; i++) {
            xs[i] = x[i];
            ys[i] = y[i];
            xx[i] = xs[i] * xs[i];
            yy[i] = ys[i] * ys[i];
            xy[i] = xs[i] * ys[i];
        }
        double[] tmp = ws.a[5];
        double[] mu1 = filter(xs, h, w, tmp, ws.a[6]);
        double[] mu2 = filter(ys, h, w, tmp, ws.a[7]);
        double[] e11 = filter(xx, h, w, tmp, ws.a[8]);
        double[] e22 = filter(yy, h, w, tmp, ws.a[9]);
        double[] e12 = filter(xy, h, w, tmp, ws.a[10]);
        double sum = 0;
        double[] dMu = ws.a[11];
        double[] dE11 = ws.a[12];
        double[] dE12 = ws.a[13];
        for (int i = 0; i < n; i++) {
            double m1 = mu1[i];
            double m2 = mu2[i];
            double s11 = e11[i] - m1 * m1;
            double s22 = e22[i] - m2 * m2;
            double s12 = e12[i] - m1 * m2;
            double a1 = 2 * m1 * m2 + c1;
            double b1 = m1 * m1 + m2 * m2 + c1;
            double a2 = 2 * s12 + c2;
            double b2 = s11 + s22 + c2;
            double cs = a2 / b2;
            double l = csOnly ? 1 : a1 / b1;
            double v = l * cs;
            sum += v;
            if (grad != null) {
                // v = l * cs with cs = a2/b2 depending on (mu1, e11, e12); l = a1/b1 on mu1.
                double dCsDe12 = 2 / b2;
                double dCsDe11 = -cs / b2;
                double dCsDmu1 = (-2 * m2) / b2 + cs * (2 * m1) / b2;
                double dLDmu1 = csOnly ? 0 : (2 * m2) / b1 - l * (2 * m1) / b1;
                dE12[i] = l * dCsDe12 / n;
                dE11[i] = l * dCsDe11 / n;
                dMu[i] = (l * dCsDmu1 + cs * dLDmu1) / n;
            }
        }
        if (grad != null) {
            double[] gMu = filterAdjoint(dMu, h, w, tmp, ws.a[14]);
            double[] gE11 = filterAdjoint(dE11, h, w, tmp, ws.a[15]);
            double[] gE12 = filterAdjoint(dE12, h, w, tmp, ws.a[16]);
            for (int i = 0; i < n; i++) {
                grad[i] = gMu[i] + 2 * xs[i] * gE11[i] + ys[i] * gE12[i];
            }
        }
        return sum / n;
    }

    /** Reflect-padded separable Gaussian filter (rows, then columns) into {@code out}; returns it. */
    double[] filter(double[] in, int h, int w, double[] tmp, double[] out) {
        int r = window / 2;
        for (int row = 0; row < h; row++) {
            int o = row * w;
            for (int c = 0; c < w; c++) {
                double s = 0;
                if (c >= r && c < w - r) {
                    int base = o + c - r;
                    for (int t = 0; t < window; t++) {
                        s += kernel[t] * in[base + t];
                    }
                } else {
                    for (int t = 0; t < window; t++) {
                        s += kernel[t] * in[o + reflect(c + t - r, w)];
                    }
                }
                tmp[o + c] = s;
            }
        }
        java.util.Arrays.fill(out, 0, h * w, 0);
        for (int row = 0; row < h; row++) {
            int o = row * w;
            for (int t = 0; t < window; t++) {
                int src = reflect(row + t - r, h) * w;
                double k = kernel[t];
                for (int c = 0; c < w; c++) {
                    out[o + c] += k * tmp[src + c];
                }
            }
        }
        return out;
    }

    /** The adjoint of {@link #filter} into {@code out}: columns transposed, then rows, folding padding back. */
    double[] filterAdjoint(double[] g, int h, int w, double[] tmp, double[] out) {
        int r = window / 2;
        java.util.Arrays.fill(tmp, 0, h * w, 0);
        for (int row = 0; row < h; row++) {
            int o = row * w;
            for (int t = 0; t < window; t++) {
                int dst = reflect(row + t - r, h) * w;
                double k = kernel[t];
                for (int c = 0; c < w; c++) {
                    tmp[dst + c] += k * g[o + c];
                }
            }
        }
        java.util.Arrays.fill(out, 0, h * w, 0);
        for (int row = 0; row < h; row++) {
            int o = row * w;
            for (int c = 0; c < w; c++) {
                double v = tmp[o + c];
                if (c >= r && c < w - r) {
                    int base = o + c - r;
                    for (int t = 0; t < window; t++) {
                        out[base + t] += kernel[t] * v;
                    }
                } else {
                    for (int t = 0; t < window; t++) {
                        out[o + reflect(c + t - r, w)] += kernel[t] * v;
                    }
                }
            }
        }
        return out;
    }

    private static int reflect(int i, int n) {
        if (i < 0) {
            return -i;
        }
        return i >= n ? 2 * (n - 1) - i : i;
    }
}
