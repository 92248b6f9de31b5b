package org.prismjava.optics;

import java.util.Arrays;
import org.prismjava.util.Checks;

/**
 * A rasterised pupil on an N x N grid: complex transmission inside a bounding {@link Region},
 * zero outside. Immutable. Binary pupils (transmission 0 or 1) are multiplied as masks.
 */
public final class Pupil {
    private final int n;
    private final Region box;
    private final float[] re;
    private final float[] im;
    private final boolean binary;
    private final int pixelCount;

    private Pupil(int n, Region box, float[] re, float[] im) {
        this.n = n;
        this.box = box;
        this.re = re;
        this.im = im;
        boolean bin = true;
        int count = 0;
        for (int i = 0; i < re.length; i++) {
            if (re[i] != 0 || im[i] != 0) {
                count++;
            }
            if (im[i] != 0 || (re[i] != 0 && re[i] != 1)) {
                bin = false;
            }
        }
        this.binary = bin;
        this.pixelCount = count;
    }

    /**
     * A pupil from transmission values inside {@code box} (row-major, {@code box.height() *
     * box.width()} each); copies the arrays.
     */
    public static Pupil of(int n, Region box, float[] re, float[] im) {
        Checks.powerOfTwo("n", n, 2);
        Checks.check(box.fitsIn(n), "box", box, "must lie within the " + n + "x" + n + " grid");
        int size = box.height() * box.width();
        Checks.check(re.length == size, "re.length", re.length, "must equal box area " + size);
        Checks.check(im.length == size, "im.length", im.length, "must equal box area " + size);
        for (int i = 0; i < size; i++) {
            Checks.check(Float.isFinite(re[i]) && Float.isFinite(im[i]), "transmission[" + i + "]",
                    re[i] + "+" + im[i] + "i", "must be finite");
        }
        return new Pupil(n, box, re.clone(), im.clone());
    }

    /** A binary pupil from a row-major N*N support mask (an empty mask gives an empty pupil). */
    public static Pupil fromMask(int n, boolean[] mask) {
        Checks.check(mask.length == n * n, "mask.length", mask.length, "must be " + n * n);
        Region box = Region.boundingBox(n, k -> mask[k]);
        if (box.isEmpty()) {
            return new Pupil(n, box, new float[0], new float[0]);
        }
        float[] re = new float[box.height() * box.width()];
        for (int r = box.rowFrom(); r < box.rowTo(); r++) {
            for (int c = box.colFrom(); c < box.colTo(); c++) {
                re[(r - box.rowFrom()) * box.width() + (c - box.colFrom())] = mask[r * n + c] ? 1f : 0f;
            }
        }
        return new Pupil(n, box, re, new float[re.length]);
    }

    /** Grid edge N. */
    public int size() {
        return n;
    }

    /** Bounding box of the transmitting pixels (may be larger than the support). */
    public Region box() {
        return box;
    }

    /** Whether every transmission is exactly 0 or 1. */
    public boolean isBinary() {
        return binary;
    }

    /** Number of pixels with non-zero transmission. */
    public int pixelCount() {
        return pixelCount;
    }

    /** Whether no pixel transmits. */
    public boolean isEmpty() {
        return pixelCount == 0;
    }

    /** Real part of the transmission at grid pixel (row, col). */
    public float re(int row, int col) {
        return inBox(row, col) ? re[(row - box.rowFrom()) * box.width() + col - box.colFrom()] : 0f;
    }

    /** Imaginary part of the transmission at grid pixel (row, col). */
    public float im(int row, int col) {
        return inBox(row, col) ? im[(row - box.rowFrom()) * box.width() + col - box.colFrom()] : 0f;
    }

    private boolean inBox(int row, int col) {
        return row >= box.rowFrom() && row < box.rowTo() && col >= box.colFrom() && col < box.colTo();
    }

    /** Sets {@code support[r*N + c] = true} wherever this pupil transmits (union into a mask). */
    public void orInto(boolean[] support) {
        Checks.check(support.length == n * n, "support.length", support.length, "must be " + n * n);
        int w = box.width();
        for (int r = box.rowFrom(); r < box.rowTo(); r++) {
            for (int c = box.colFrom(); c < box.colTo(); c++) {
                int k = (r - box.rowFrom()) * w + c - box.colFrom();
                if (re[k] != 0 || im[k] != 0) {
                    support[r * n + c] = true;
                }
            }
        }
    }

    /**
     * {@code dst <- src . P} (or {@code src . conj(P)} when {@code conjugate}); {@code dst} is
     * zeroed outside the box. {@code src} and {@code dst} may be the same field.
     */
    public void multiply(ComplexField src, ComplexField dst, boolean conjugate) {
        Checks.check(src.size() == n && dst.size() == n, "field.size()", src.size() + "/" + dst.size(),
                "must equal the pupil grid " + n);
        int w = box.width();
        float sign = conjugate ? -1f : 1f;
        for (int r = 0; r < n; r++) {
            float[] dr = dst.re[r];
            float[] di = dst.im[r];
            if (r < box.rowFrom() || r >= box.rowTo()) {
                Arrays.fill(dr, 0f);
                Arrays.fill(di, 0f);
                continue;
            }
            float[] sr = src.re[r];
            float[] si = src.im[r];
            int o = (r - box.rowFrom()) * w - box.colFrom();
            for (int c = box.colFrom(); c < box.colTo(); c++) {
                float pr = re[o + c];
                float pi = sign * im[o + c];
                float a = sr[c];
                float b = si[c];
                dr[c] = a * pr - b * pi;
                di[c] = a * pi + b * pr;
            }
            Arrays.fill(dr, 0, box.colFrom(), 0f);
            Arrays.fill(di, 0, box.colFrom(), 0f);
            Arrays.fill(dr, box.colTo(), n, 0f);
            Arrays.fill(di, box.colTo(), n, 0f);
        }
    }

    /**
     * {@code acc += src . conj(P)} inside the box (accumulating a k-space gradient);
     * outside the box {@code acc} is left unchanged.
     */
    public void multiplyConjugateAdd(ComplexField src, ComplexField acc) {
        int w = box.width();
        for (int r = box.rowFrom(); r < box.rowTo(); r++) {
            float[] sr = src.re[r];
            float[] si = src.im[r];
            float[] ar = acc.re[r];
            float[] ai = acc.im[r];
            int o = (r - box.rowFrom()) * w - box.colFrom();
            for (int c = box.colFrom(); c < box.colTo(); c++) {
                float pr = re[o + c];
                float pi = -im[o + c];
                float a = sr[c];
                float b = si[c];
                ar[c] += a * pr - b * pi;
                ai[c] += a * pi + b * pr;
            }
        }
    }

    /** The full N*N transmission as an interleaved complex field. */
    public ComplexField toField() {
        ComplexField f = ComplexField.zeros(n);
        for (int r = box.rowFrom(); r < box.rowTo(); r++) {
            for (int c = box.colFrom(); c < box.colTo(); c++) {
                f.set(r, c, re(r, c), im(r, c));
            }
        }
        return f;
    }
}
