package org.prismjava.optics;

import java.util.concurrent.ConcurrentHashMap;
import org.prismjava.util.Checks;

/**
 * Pure-Java CPU implementation of {@link Fft2} for power-of-two N.
 *
 * <p>Algorithm: radix-2 decimation in frequency along the row index ("vertical" pass), with
 * each butterfly applied to two whole rows so that HotSpot vectorises the inner loop; the
 * horizontal direction is done as transpose, vertical pass, transpose. Bit reversal and the
 * centring shifts are permutations of row references and cost nothing. Stages run depth first
 * (each half is finished before the other starts) so that small sub-transforms stay in cache. Rows known to be zero
 * are skipped, and the inner loops run only over the columns that carry data (input support)
 * or are needed (output rows), which is what the physics operator exploits: the object is
 * zero-padded and sub-apertures are small.
 *
 * <p>Plans hold only immutable twiddle tables, so one plan is safely shared by all threads.
 */
final class CpuFft2 implements Fft2 {
    private static final ConcurrentHashMap<Integer, CpuFft2> PLANS = new ConcurrentHashMap<>();
    private static final int TRANSPOSE_BLOCK = 64;

    private final int n;
    private final int half;
    private final float[] cos;
    private final float[] sin;
    private final int[] bitReverse;
    private final float scale;

    private CpuFft2(int n) {
        this.n = n;
        this.half = n / 2;
        this.cos = new float[Math.max(1, n / 2)];
        this.sin = new float[Math.max(1, n / 2)];
        for (int k = 0; k < n / 2; k++) {
            double a = -2 * Math.PI * k / n;
            cos[k] = (float) Math.cos(a);
            sin[k] = (float) Math.sin(a);
        }
        int bits = Integer.numberOfTrailingZeros(n);
        this.bitReverse = new int[n];
        for (int i = 0; i < n; i++) {
            bitReverse[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
        this.scale = (float) (1 / Math.sqrt(n));
    }

    /** The shared plan for edge {@code n}, a power of two >= 2. */
    public static CpuFft2 forSize(int n) {
        Checks.powerOfTwo("n", n, 2);
        return PLANS.computeIfAbsent(n, CpuFft2::new);
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public void forward(ComplexField f) {
        transform(f, false, Region.full(n), 0, n);
    }

    @Override
    public void inverse(ComplexField f) {
        transform(f, true, Region.full(n), 0, n);
    }

    @Override
    public void forward(ComplexField f, Region support, int outRowFrom, int outRowTo) {
        transform(f, false, support, outRowFrom, outRowTo);
    }

    @Override
    public void inverse(ComplexField f, Region support, int outRowFrom, int outRowTo) {
        transform(f, true, support, outRowFrom, outRowTo);
    }

    private void transform(ComplexField f, boolean inverse, Region support, int outFrom, int outTo) {
        Checks.check(f.size() == n, "field.size()", f.size(), "must equal the plan size " + n);
        Checks.check(support.fitsIn(n), "support", support, "must lie within the " + n + "x" + n + " grid");
        Checks.check(0 <= outFrom && outFrom <= outTo && outTo <= n, "outRows",
                "[" + outFrom + ", " + outTo + ")", "must lie within [0, " + n + ")");
        if (support.isEmpty()) {
            f.clear();
            return;
        }
        boolean[] nonZero = f.rowFlags;
        java.util.Arrays.fill(nonZero, false);
        for (int r = support.rowFrom(); r < support.rowTo(); r++) {
            nonZero[r] = true;
        }
        // Pass 1: along y, over the columns that carry data.
        centredVertical(f, inverse, nonZero, support.colFrom(), support.colTo());
        transpose(f.re, 0, n, support.colFrom(), support.colTo());
        transpose(f.im, 0, n, support.colFrom(), support.colTo());
        // Pass 2: along x (rows now), only over the columns that become the needed output rows.
        java.util.Arrays.fill(nonZero, false);
        for (int r = support.colFrom(); r < support.colTo(); r++) {
            nonZero[r] = true;
        }
        centredVertical(f, inverse, nonZero, outFrom, outTo);
        transpose(f.re, 0, n, outFrom, outTo);
        transpose(f.im, 0, n, outFrom, outTo);
    }

    /** Centred 1-D transform along the row index of columns [c0, c1): shift, DIF, reorder. */
    private void centredVertical(ComplexField f, boolean inverse, boolean[] nonZero, int c0, int c1) {
        if (c0 == c1) {
            return;
        }
        float[][] re = f.re;
        float[][] im = f.im;
        // ifftshift on input: row m moves to m ^ half (rotation by N/2 for power-of-two N).
        permuteXor(re, half);
        permuteXor(im, half);
        for (int i = 0; i < half; i++) {
            boolean t = nonZero[i];
            nonZero[i] = nonZero[i + half];
            nonZero[i + half] = t;
        }
        float sign = inverse ? -1f : 1f;
        difRecursive(re, im, nonZero, 0, n, 1, c0, c1, sign);
        // DIF leaves X[k] at row bitrev(k); fftshift wants out[k] = X[k ^ half].
        reorder(re, f.rowScratch);
        reorder(im, f.rowScratch);
    }

    /** {@code rows[k] = old rows[bitrev(k ^ half)]}, through {@code scratch}. */
    private void reorder(float[][] rows, float[][] scratch) {
        System.arraycopy(rows, 0, scratch, 0, n);
        for (int k = 0; k < n; k++) {
            rows[k] = scratch[bitReverse[k ^ half]];
        }
    }

    /** Radix-2 DIF of the block of {@code len} rows starting at {@code s}, depth first. */
    private void difRecursive(float[][] re, float[][] im, boolean[] nonZero, int s, int len, int stride,
            int c0, int c1, float sign) {
        int h = len / 2;
        stage(re, im, nonZero, s, h, stride, c0, c1, sign);
        if (h > 1) {
            difRecursive(re, im, nonZero, s, h, stride * 2, c0, c1, sign);
            difRecursive(re, im, nonZero, s + h, h, stride * 2, c0, c1, sign);
        }
    }

    /** One butterfly stage of span {@code h} on the block starting at row {@code s}. */
    private void stage(float[][] re, float[][] im, boolean[] nonZero, int s, int h, int stride,
            int c0, int c1, float sign) {
        for (int p = 0; p < h; p++) {
            int a = s + p;
            int b = a + h;
            if (!nonZero[a] && !nonZero[b]) {
                continue;
            }
            nonZero[a] = true;
            nonZero[b] = true;
            if (h == 1) {
                lastButterfly(re[a], im[a], re[b], im[b], c0, c1, scale);
            } else if (p == 0) {
                plainButterfly(re[a], im[a], re[b], im[b], c0, c1);
            } else {
                butterfly(re[a], im[a], re[b], im[b], c0, c1, cos[p * stride], sign * sin[p * stride]);
            }
        }
    }

    private void permuteXor(float[][] rows, int mask) {
        for (int i = 0; i < n; i++) {
            int j = i ^ mask;
            if (j > i) {
                float[] t = rows[i];
                rows[i] = rows[j];
                rows[j] = t;
            }
        }
    }

    private static void butterfly(float[] ra, float[] ia, float[] rb, float[] ib, int c0, int c1, float wr, float wi) {
        for (int j = c0; j < c1; j++) {
            float ar = ra[j];
            float ai = ia[j];
            float br = rb[j];
            float bi = ib[j];
            float dr = ar - br;
            float di = ai - bi;
            ra[j] = ar + br;
            ia[j] = ai + bi;
            rb[j] = dr * wr - di * wi;
            ib[j] = dr * wi + di * wr;
        }
    }

    private static void plainButterfly(float[] ra, float[] ia, float[] rb, float[] ib, int c0, int c1) {
        for (int j = c0; j < c1; j++) {
            float ar = ra[j];
            float ai = ia[j];
            float br = rb[j];
            float bi = ib[j];
            ra[j] = ar + br;
            ia[j] = ai + bi;
            rb[j] = ar - br;
            ib[j] = ai - bi;
        }
    }

    private static void lastButterfly(float[] ra, float[] ia, float[] rb, float[] ib, int c0, int c1, float s) {
        for (int j = c0; j < c1; j++) {
            float ar = ra[j];
            float ai = ia[j];
            float br = rb[j];
            float bi = ib[j];
            ra[j] = (ar + br) * s;
            ia[j] = (ai + bi) * s;
            rb[j] = (ar - br) * s;
            ib[j] = (ai - bi) * s;
        }
    }

    /**
     * In-place transpose that moves the block rows [r0, r1) x cols [c0, c1) to its mirror; values
     * outside the block are assumed zero (they stay zero) or unspecified.
     */
    private static void transpose(float[][] a, int r0, int r1, int c0, int c1) {
        int b = TRANSPOSE_BLOCK;
        for (int i0 = r0; i0 < r1; i0 += b) {
            int i1 = Math.min(r1, i0 + b);
            for (int j0 = c0; j0 < c1; j0 += b) {
                int j1 = Math.min(c1, j0 + b);
                for (int i = i0; i < i1; i++) {
                    float[] ai = a[i];
                    // Pairs with both (i,j) and (j,i) inside the block are swapped once (i < j).
                    boolean mirrorRowInside = i >= c0 && i < c1;
                    for (int j = j0; j < j1; j++) {
                        if (mirrorRowInside && j >= r0 && j < r1 && j <= i) {
                            continue;
                        }
                        float[] aj = a[j];
                        float t = ai[j];
                        ai[j] = aj[i];
                        aj[i] = t;
                    }
                }
            }
        }
    }
}
