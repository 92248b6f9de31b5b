package org.prismjava.measure;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.prismjava.telescope.Measurement;

/**
 * The two training targets of one progressive sample (spec 3.2): {@code old}, the previous
 * reconstruction seen through the cumulative mask (equal to {@code next} for the first sample),
 * and {@code next}, the object measured through the new aperture.
 *
 * @param old consistency target
 * @param next new-data target
 */
public record TargetPair(Measurement old, Measurement next) {
    /** The pair as a {@code [2, 1, N, N]} float32 array (index 0 old, 1 new), as in the reference. */
    public INDArray toArray() {
        int n = next.size();
        float[] flat = new float[2 * n * n];
        FloatBuffer a = old.amplitudeView();
        a.get(flat, 0, n * n);
        FloatBuffer b = next.amplitudeView();
        b.get(flat, n * n, n * n);
        return Nd4j.create(flat, new long[] {2, 1, n, n}, DataType.FLOAT);
    }
}
