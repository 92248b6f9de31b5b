package org.prismjava.optics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prismjava.util.Checks;

/**
 * A user-supplied pupil given as samples: a real {@code [h, w]} amplitude array (binary or
 * grey) or an interleaved complex {@code [h, w, 2]} array (e.g. a pupil with phase errors).
 * Sample {@code [h/2, w/2]} sits at the aperture centre; placement uses the nearest sample, so
 * a sub-pixel centre moves the pupil by whole pixels only. Immutable; equal samples are equal.
 */
public final class SampledAperture implements Aperture {
    private final int h;
    private final int w;
    private final float[] re;
    private final float[] im;

    private SampledAperture(int h, int w, float[] re, float[] im) {
        this.h = h;
        this.w = w;
        this.re = re;
        this.im = im;
    }

    /** From a real {@code [h, w]} or complex {@code [h, w, 2]} float array; values must be finite. */
    public static SampledAperture of(INDArray samples) {
        Checks.check(samples != null, "samples", "null", "must be an array");
        long[] s = samples.shape();
        boolean complex = s.length == 3 && s[2] == 2;
        Checks.check(s.length == 2 || complex, "samples.shape", Arrays.toString(s), "must be [h, w] or [h, w, 2]");
        int h = (int) s[0];
        int w = (int) s[1];
        Checks.check(h > 0 && w > 0, "samples.shape", Arrays.toString(s), "must be non-empty");
        float[] flat = samples.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
        float[] re = new float[h * w];
        float[] im = new float[h * w];
        for (int k = 0; k < h * w; k++) {
            re[k] = complex ? flat[2 * k] : flat[k];
            im[k] = complex ? flat[2 * k + 1] : 0f;
        }
        return of(h, w, re, im);
    }

    private int index(double dy, double dx) {
        int i = (int) Math.round(dy) + h / 2;
        int j = (int) Math.round(dx) + w / 2;
        return i >= 0 && i < h && j >= 0 && j < w ? i * w + j : -1;
    }

    @Override
    public double boundingRadius() {
        return Math.hypot(h / 2.0 + 1, w / 2.0 + 1);
    }

    @Override
    public double amplitude(double dy, double dx) {
        int k = index(dy, dx);
        return k < 0 ? 0 : Math.hypot(re[k], im[k]);
    }

    @Override
    public double phase(double dy, double dx) {
        int k = index(dy, dx);
        return k < 0 ? 0 : Math.atan2(im[k], re[k]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SampledAperture a && a.h == h && a.w == w && Arrays.equals(a.re, re)
                && Arrays.equals(a.im, im);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(re) + Arrays.hashCode(im);
    }

    @Override
    public String toString() {
        return "SampledAperture[" + h + "x" + w + "]";
    }

    /** {@code type}, {@code height}, {@code width} and the samples' real and imaginary parts, row-major. */
    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "sampled");
        m.put("height", h);
        m.put("width", w);
        m.put("re", asList(re));
        m.put("im", asList(im));
        return m;
    }

    private static List<Double> asList(float[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (float x : v) {
            out.add((double) x);
        }
        return out;
    }

    /** From {@link #toMap()}'s parts (the real and imaginary samples, row-major), validated. */
    static SampledAperture of(int h, int w, float[] re, float[] im) {
        Checks.check(h > 0 && w > 0, "shape", h + "x" + w, "must be non-empty");
        Checks.check(re.length == h * w && im.length == h * w, "samples", re.length + " and " + im.length + " values",
                "must be height * width = " + h * w + " each");
        for (int k = 0; k < h * w; k++) {
            Checks.check(Float.isFinite(re[k]) && Float.isFinite(im[k]), "samples[" + k + "]",
                    re[k] + "+" + im[k] + "i", "must be finite");
        }
        return new SampledAperture(h, w, re.clone(), im.clone());
    }
}
