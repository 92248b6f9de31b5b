package org.prismjava.metrics;

import org.prismjava.optics.Region;
import org.prismjava.util.Checks;

/**
 * Reconstruction quality numbers (spec 8.6) on the centred object crop: SSIM, PSNR (data range 1)
 * and RMSE in percent of the ground truth's RMS.
 */
public final class ImageMetrics {
    private ImageMetrics() {
    }

    /**
     * SSIM, PSNR and RMSE of one reconstruction.
     *
     * @param ssim structural similarity
     * @param psnr peak signal-to-noise ratio in dB (+inf for identical images)
     * @param rmsePercent 100 * RMS error / RMS of the ground truth
     */
    public record Quality(double ssim, double psnr, double rmsePercent) {
    }

    /** The metrics of {@code reconstruction} against {@code truth} on the centred {@code size} crop of an N x N grid. */
    public static Quality onObjectCrop(float[] reconstruction, float[] truth, int n, int size) {
        return metrics(crop(reconstruction, n, size), crop(truth, n, size), size);
    }

    private static Quality metrics(float[] rec, float[] gt, int size) {
        return new Quality(Ssim.STANDARD.value(rec, gt, size, size), psnr(rec, gt), rmsePercent(rec, gt));
    }

    /**
     * As {@link #onObjectCrop}, after scaling the reconstruction by the factor that best fits the
     * truth in least squares on the crop: for reconstructions whose absolute brightness the data
     * do not fix (intensity frames in counts).
     */
    public static Quality onObjectCropScaled(float[] reconstruction, float[] truth, int n, int size) {
        float[] rec = crop(reconstruction, n, size);
        float[] gt = crop(truth, n, size);
        double rt = 0;
        double rr = 0;
        for (int i = 0; i < rec.length; i++) {
            rt += (double) rec[i] * gt[i];
            rr += (double) rec[i] * rec[i];
        }
        float factor = rr > 0 ? (float) (rt / rr) : 1f;
        for (int i = 0; i < rec.length; i++) {
            rec[i] *= factor;
        }
        return metrics(rec, gt, size);
    }

    /** The centred {@code size x size} square of a row-major N x N image (start {@code (n - size) / 2}). */
    public static float[] crop(float[] image, int n, int size) {
        Checks.check(image.length == n * n, "image.length", image.length, "must be n*n = " + n * n);
        Region r = Region.centred(n, size);
        float[] out = new float[size * size];
        for (int i = 0; i < size; i++) {
            System.arraycopy(image, (r.rowFrom() + i) * n + r.colFrom(), out, i * size, size);
        }
        return out;
    }

    /** {@code 20 log10(1 / RMSE)}, +inf when the images are equal. */
    public static double psnr(float[] a, float[] b) {
        double mse = mse(a, b);
        return mse == 0 ? Double.POSITIVE_INFINITY : 20 * Math.log10(1 / Math.sqrt(mse));
    }

    /** {@code 100 sqrt(mean (a - b)^2) / sqrt(mean b^2)} with {@code b} the ground truth. */
    public static double rmsePercent(float[] a, float[] b) {
        double ref = 0;
        for (float v : b) {
            ref += (double) v * v;
        }
        Checks.check(ref > 0, "truth", "all zeros", "RMSE% needs a non-zero ground truth");
        return 100 * Math.sqrt(mse(a, b)) / Math.sqrt(ref / b.length);
    }

    private static double mse(float[] a, float[] b) {
        Checks.check(a.length == b.length, "length", a.length + " vs " + b.length, "images must have equal size");
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return s / a.length;
    }
}
