package org.prismjava.telescope;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.prismjava.util.Checks;

/**
 * One detector image: the amplitude {@code sqrt(I)} of the recorded intensity on the N x N
 * detector, and whether noise was added. Immutable, so caches can hand out the same instance
 * without copying; {@link #amplitude()} and {@link #intensity()} return fresh arrays.
 */
public final class Measurement {
    private final int n;
    private final float[] amplitude;
    private final boolean noisy;

    private Measurement(int n, float[] amplitude, boolean noisy) {
        this.n = n;
        this.amplitude = amplitude;
        this.noisy = noisy;
    }

    /** Wraps a row-major N*N amplitude array, which the caller must not modify afterwards. */
    public static Measurement ofOwned(int n, float[] amplitude, boolean noisy) {
        Checks.check(amplitude.length == n * n, "amplitude.length", amplitude.length, "must be " + n * n);
        return new Measurement(n, amplitude, noisy);
    }

    /** Grid edge N. */
    public int size() {
        return n;
    }

    /** Whether detector noise was added. */
    public boolean isNoisy() {
        return noisy;
    }

    /** Amplitude at (row, col). */
    public float get(int row, int col) {
        return amplitude[row * n + col];
    }

    /** A read-only view of the row-major amplitudes (no copy). */
    public FloatBuffer amplitudeView() {
        return FloatBuffer.wrap(amplitude).asReadOnlyBuffer();
    }

    /** Copy of the amplitudes as an {@code [N, N]} float32 array. */
    public INDArray amplitude() {
        return Nd4j.create(amplitude.clone(), new long[] {n, n}, DataType.FLOAT);
    }

    /** The detector intensity {@code amplitude^2} as a new {@code [N, N]} float32 array. */
    public INDArray intensity() {
        float[] i = new float[amplitude.length];
        for (int k = 0; k < i.length; k++) {
            i[k] = amplitude[k] * amplitude[k];
        }
        return Nd4j.create(i, new long[] {n, n}, DataType.FLOAT);
    }

    /** Sum of amplitudes (double accumulation). */
    public double sum() {
        double s = 0;
        for (float v : amplitude) {
            s += v;
        }
        return s;
    }

    /** Memory held by the pixels, bytes. */
    public long sizeBytes() {
        return 4L * amplitude.length;
    }
}
