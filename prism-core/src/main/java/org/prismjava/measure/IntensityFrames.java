package org.prismjava.measure;

import java.util.Arrays;
import java.util.List;
import org.prismjava.util.Checks;

/**
 * What intensity frames carry beside their pixels, as {@link RecordedFrames} validated them:
 * each frame's counts (NaN = a bad pixel, never fitted), its exposure, the detector's read noise
 * (in counts), and what the library estimates from the data before fitting: a background level
 * per unit exposure (the median of every good pixel, where detector images are dark), the
 * reference frame (the one nearest the k-space origin) and the scale that turns model
 * amplitudes into counts ({@code I = exposure (scale a^2 + background)}; chosen so the
 * reference frame's fifth-brightest pixel is amplitude 1/2, which keeps the object inside the
 * generator's range; reconstructions are in these units). Immutable; arrays are copied out.
 */
public final class IntensityFrames {
    /** The model amplitude of the reference frame's fifth-brightest pixel. */
    static final double REFERENCE_AMPLITUDE = 0.5;
    private final List<float[]> values;
    private final List<boolean[]> bad;
    private final double[] exposures;
    private final double readNoise;
    private final int reference;
    private final double background;
    private final double scale;
    private final double backgroundScale;
    private final double normaliser;

    IntensityFrames(List<float[]> values, double[] exposures, double readNoise, int reference, String referenceLabel) {
        this.values = List.copyOf(values);
        this.exposures = exposures.clone();
        this.readNoise = readNoise;
        this.reference = reference;
        this.bad = values.stream().map(IntensityFrames::badPixels).toList();
        this.background = medianPerExposure();
        float[] ref = values.get(reference);
        float[] sorted = new float[ref.length];
        int used = 0;
        for (float v : ref) {
            if (!Float.isNaN(v)) {
                sorted[used++] = v;
            }
        }
        Arrays.sort(sorted, 0, used);
        double fifth = sorted[Math.max(0, used - 5)] / exposures[reference] - background;
        Checks.check(fifth > 0, referenceLabel, "no pixel above the background " + background,
                "the frame nearest the k-space origin must record the object (five pixels at least)");
        this.scale = fifth / (REFERENCE_AMPLITUDE * REFERENCE_AMPLITUDE);
        this.backgroundScale = background > 0 ? background : 1e-3 * fifth;
        double total = 0;
        for (int k = 0; k < values.size(); k++) {
            for (float v : values.get(k)) {
                if (!Float.isNaN(v)) {
                    total += Math.max(0, v);
                }
            }
        }
        this.normaliser = total / values.size();
    }

    private static boolean[] badPixels(float[] v) {
        boolean[] b = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.isNaN(v[i]);
        }
        return b;
    }

    private double medianPerExposure() {
        int count = 0;
        for (float[] v : values) {
            for (float x : v) {
                count += Float.isNaN(x) ? 0 : 1;
            }
        }
        float[] all = new float[count];
        int i = 0;
        for (int k = 0; k < values.size(); k++) {
            float inv = (float) (1 / exposures[k]);
            for (float x : values.get(k)) {
                if (!Float.isNaN(x)) {
                    all[i++] = x * inv;
                }
            }
        }
        Arrays.sort(all);
        return Math.max(0, all[count / 2]);
    }

    /** Number of frames. */
    public int size() {
        return values.size();
    }

    /** A copy of frame {@code k}'s counts, row-major N*N, NaN at bad pixels. */
    public float[] counts(int k) {
        return values.get(index(k)).clone();
    }

    /** Frame {@code k}'s counts, shared: for the fit and the fingerprint of this package, which only read them. */
    float[] countsView(int k) {
        return values.get(k);
    }

    /** The held frames, for this package's fingerprint. */
    List<float[]> values() {
        return values;
    }

    /** Frame {@code k}'s bad-pixel mask, shared (package readers only). */
    boolean[] badView(int k) {
        return bad.get(k);
    }

    /** A copy of frame {@code k}'s bad-pixel mask (true = not fitted). */
    public boolean[] badPixels(int k) {
        return bad.get(index(k)).clone();
    }

    /** Number of bad pixels in frame {@code k}. */
    public int badPixelCount(int k) {
        int c = 0;
        for (boolean b : bad.get(index(k))) {
            c += b ? 1 : 0;
        }
        return c;
    }

    /** Frame {@code k}'s exposure (relative; 1 unless the recording says otherwise). */
    public double exposure(int k) {
        return exposures[index(k)];
    }

    /** The detector's read noise, in counts (0 = photon noise only). */
    public double readNoise() {
        return readNoise;
    }

    /** The frame nearest the k-space origin, whose flux is the reference of the calibration. */
    public int referenceFrame() {
        return reference;
    }

    /** The background estimated from the data, in counts per pixel per unit exposure. */
    public double background() {
        return background;
    }

    /** Counts per unit exposure of a model amplitude of 1: {@code I = exposure (scale a^2 + background)}. */
    public double scale() {
        return scale;
    }

    /** The background's step unit in self-calibration: the estimated background, or a small share of the peak without one. */
    double backgroundScale() {
        return backgroundScale;
    }

    /** The mean of the frames' total counts: the data term divides by it, so its scale is the data's. */
    double normaliser() {
        return normaliser;
    }

    /** {@code sqrt(max(0, I / exposure - background) / scale)}, 0 at bad pixels. */
    float[] nominalAmplitude(int k) {
        float[] v = values.get(k);
        float[] a = new float[v.length];
        double e = exposures[k];
        for (int i = 0; i < v.length; i++) {
            a[i] = Float.isNaN(v[i]) ? 0f : (float) Math.sqrt(Math.max(0, v[i] / e - background) / scale);
        }
        return a;
    }

    private int index(int k) {
        Checks.check(k >= 0 && k < values.size(), "frame", k, "must be in [0, " + values.size() + ")");
        return k;
    }
}
