package org.prismjava.optics;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.prismjava.util.Checks;

/**
 * A mutable N x N complex working array in planar layout (one real and one imaginary
 * {@code float[]} per row), the buffer the FFTs and propagators transform in place.
 *
 * <p>The planar row layout is what lets HotSpot vectorise butterflies across whole rows and
 * turns shifts and bit reversal into row-reference permutations (see DESIGN-NOTES.md). At the
 * public boundary complex data is exchanged as interleaved float32 {@link INDArray}s of shape
 * {@code [N, N, 2]} (re, im), the layout cuFFT uses. Not thread-safe.
 */
public final class ComplexField {
    private final int n;
    final float[][] re;
    final float[][] im;
    /** Work space for transforms on this field (row pointers and row flags), so they allocate nothing. */
    final float[][] rowScratch;
    final boolean[] rowFlags;

    private ComplexField(int n) {
        this.n = n;
        this.re = new float[n][n];
        this.im = new float[n][n];
        this.rowScratch = new float[n][];
        this.rowFlags = new boolean[n];
    }

    /** An all-zero field of edge {@code n} (a power of two >= 2). */
    public static ComplexField zeros(int n) {
        Checks.powerOfTwo("n", n, 2);
        return new ComplexField(n);
    }

    /** A field holding a real N x N image ({@code [N,N]} or {@code [1,1,N,N]}); imaginary part 0. */
    public static ComplexField fromReal(INDArray image) {
        int n = squareEdge("image", image, false);
        ComplexField f = zeros(n);
        FloatBuffer src = floatView(image);
        for (int r = 0; r < n; r++) {
            src.position(r * n);
            src.get(f.re[r], 0, n);
        }
        return f;
    }

    /** Edge length N. */
    public int size() {
        return n;
    }

    /** Real part at (row, col). */
    public float re(int row, int col) {
        return re[row][col];
    }

    /** Imaginary part at (row, col). */
    public float im(int row, int col) {
        return im[row][col];
    }

    /** Sets the value at (row, col). */
    public void set(int row, int col, float real, float imag) {
        re[row][col] = real;
        im[row][col] = imag;
    }

    /** Sets every value to zero. */
    public void clear() {
        for (int r = 0; r < n; r++) {
            Arrays.fill(re[r], 0f);
            Arrays.fill(im[r], 0f);
        }
    }

    /** Copies {@code other} (same size) into this field. */
    public void copyFrom(ComplexField other) {
        Checks.check(other.n == n, "other.size()", other.n, "must equal " + n);
        for (int r = 0; r < n; r++) {
            System.arraycopy(other.re[r], 0, re[r], 0, n);
            System.arraycopy(other.im[r], 0, im[r], 0, n);
        }
    }

    /** Loads a real row-major N*N image (imaginary part set to 0). */
    public void setReal(float[] image) {
        Checks.check(image.length == n * n, "image.length", image.length, "must be " + n * n);
        for (int r = 0; r < n; r++) {
            System.arraycopy(image, r * n, re[r], 0, n);
            Arrays.fill(im[r], 0f);
        }
    }

    /** Loads a real row-major N*N image from a buffer (from its position 0; imaginary part 0). */
    public void setReal(FloatBuffer image) {
        Checks.check(image.limit() >= n * n, "image.limit()", image.limit(), "must be >= " + n * n);
        for (int r = 0; r < n; r++) {
            image.get(r * n, re[r], 0, n);
            Arrays.fill(im[r], 0f);
        }
    }

    /** A deep copy. */
    public ComplexField copy() {
        ComplexField c = new ComplexField(n);
        c.copyFrom(this);
        return c;
    }

    /** Sum of |z|^2 over all pixels, accumulated in double. */
    public double energy() {
        double s = 0;
        for (int r = 0; r < n; r++) {
            float[] a = re[r];
            float[] b = im[r];
            for (int c = 0; c < n; c++) {
                s += (double) a[c] * a[c] + (double) b[c] * b[c];
            }
        }
        return s;
    }

    /** |z| as a row-major N*N array. */
    public float[] abs() {
        float[] out = new float[n * n];
        for (int r = 0; r < n; r++) {
            float[] a = re[r];
            float[] b = im[r];
            int o = r * n;
            for (int c = 0; c < n; c++) {
                out[o + c] = (float) Math.sqrt(a[c] * a[c] + b[c] * b[c]);
            }
        }
        return out;
    }

    /** |z| as an {@code [N, N]} float32 array. */
    public INDArray absToArray() {
        return Nd4j.create(abs(), new long[] {n, n}, DataType.FLOAT);
    }

    static int squareEdge(String name, INDArray a, boolean complex) {
        Checks.check(a != null, name, "null", "must be an array");
        long[] s = a.shape();
        int rank = s.length;
        boolean ok;
        if (complex) {
            ok = rank == 3 && s[2] == 2 && s[0] == s[1];
        } else {
            ok = (rank == 2 && s[0] == s[1])
                    || (rank == 4 && s[0] == 1 && s[1] == 1 && s[2] == s[3]);
        }
        Checks.check(ok, name + ".shape", Arrays.toString(s),
                complex ? "must be [N, N, 2] (interleaved re, im)" : "must be [N, N] or [1, 1, N, N]");
        int n = (int) s[rank - (complex ? 2 : 1)];
        Checks.powerOfTwo(name + " edge N", n, 2);
        return n;
    }

    static FloatBuffer floatView(INDArray a) {
        INDArray c = a.dataType() == DataType.FLOAT && a.ordering() == 'c' && !a.isView()
                ? a : a.castTo(DataType.FLOAT).dup('c');
        return c.data().asNioFloat();
    }
}
