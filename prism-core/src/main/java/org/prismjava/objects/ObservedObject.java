package org.prismjava.objects;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.prismjava.optics.Region;
import org.prismjava.util.Checks;

/**
 * What the telescope looks at: a real, non-negative amplitude image (sqrt of normalised
 * intensity) zero-padded into an N x N grid, with a name, the bounding box of its non-zero
 * pixels, and a 64-bit content fingerprint computed once (measurement caches key on it, never
 * hashing pixels per call). Immutable: accessors return copies or read-only views.
 */
public final class ObservedObject {
    private final String name;
    private final int n;
    private final float[] amplitude;
    private final Region support;
    private final long fingerprint;

    private ObservedObject(String name, int n, float[] amplitude) {
        this.name = name;
        this.n = n;
        this.amplitude = amplitude;
        this.support = Region.boundingBox(n, k -> amplitude[k] != 0);
        Hasher h = Hashing.murmur3_128().newHasher().putInt(n);
        for (float v : amplitude) {
            h.putFloat(v);
        }
        this.fingerprint = h.hash().asLong();
    }

    /**
     * An object from a row-major N*N amplitude array (copied).
     *
     * @throws IllegalArgumentException if N is not a power of two >= 8, the length is not N*N,
     *     any value is negative, NaN or infinite, or every value is zero
     */
    public static ObservedObject of(String name, int n, float[] amplitude) {
        Checks.check(name != null && !name.isBlank(), "name", name, "must be a non-blank string");
        Checks.powerOfTwo("n", n, 8);
        Checks.check(amplitude.length == n * n, "amplitude.length", amplitude.length, "must be n*n = " + n * n);
        float[] copy = amplitude.clone();
        Checks.nonNegativeFinite("amplitude", copy);
        boolean any = false;
        for (float v : copy) {
            any |= v > 0;
        }
        Checks.check(any, "amplitude", "all zeros", "an object needs at least one non-zero pixel");
        return new ObservedObject(name, n, copy);
    }

    /** An object from an {@code [N, N]} or {@code [1, 1, N, N]} amplitude array (copied). */
    public static ObservedObject of(String name, INDArray amplitude) {
        Checks.check(amplitude != null, "amplitude", "null", "must be an array");
        long[] s = amplitude.shape();
        boolean ok = (s.length == 2 && s[0] == s[1]) || (s.length == 4 && s[0] == 1 && s[1] == 1 && s[2] == s[3]);
        Checks.check(ok, "amplitude.shape", Arrays.toString(s), "must be [N, N] or [1, 1, N, N]");
        int n = (int) s[s.length - 1];
        float[] data = amplitude.castTo(DataType.FLOAT).dup('c').data().asFloat();
        return of(name, n, Arrays.copyOf(data, n * n));
    }

    /** Display name. */
    public String name() {
        return name;
    }

    /** Grid edge N. */
    public int size() {
        return n;
    }

    /** Bounding box of the non-zero pixels. */
    public Region support() {
        return support;
    }

    /**
     * Edge of the smallest centred square ({@link Region#centred}) that holds the support, at
     * least 8 pixels: where reconstructions of this object live.
     */
    public int squareSize() {
        for (int size = Math.max(Math.max(support.height(), support.width()), 8); size < n; size++) {
            Region c = Region.centred(n, size);
            if (c.rowFrom() <= support.rowFrom() && c.rowTo() >= support.rowTo() && c.colFrom() <= support.colFrom()
                    && c.colTo() >= support.colTo()) {
                return size;
            }
        }
        return n;
    }

    /** Content fingerprint (murmur3 of size and pixels), computed once. */
    public long fingerprint() {
        return fingerprint;
    }

    /** A read-only view of the row-major N*N amplitudes (no copy). */
    public FloatBuffer amplitudeView() {
        return FloatBuffer.wrap(amplitude).asReadOnlyBuffer();
    }

    /** A copy of the amplitude, row-major N*N. */
    public float[] amplitudes() {
        return amplitude.clone();
    }

    /** A copy of the amplitudes as an {@code [N, N]} float32 array. */
    public INDArray amplitude() {
        return Nd4j.create(amplitude.clone(), new long[] {n, n}, DataType.FLOAT);
    }

    /** Amplitude at (row, col). */
    public float get(int row, int col) {
        return amplitude[row * n + col];
    }

    @Override
    public String toString() {
        return "ObservedObject[" + name + ", " + n + "x" + n + ", support " + support + "]";
    }
}
