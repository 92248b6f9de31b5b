package org.prismjava.model;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A row-major float32 matrix inside an ND4J array's native memory, multiplied by calling the
 * OpenBLAS that ND4J ships ({@code cblas_sgemm}) directly: no ND4J op objects, no allocation per
 * product. Holds its owning array so the memory stays alive; not thread-safe.
 */
final class NativeMatrix {
    private final INDArray owner;
    private final FloatBuffer buffer;
    private final int offset;
    private final FloatPointer pointer;
    private final int rows;
    private final int cols;

    private NativeMatrix(INDArray owner, long offset, int rows, int cols) {
        if (owner.isView() || owner.ordering() != 'c' || offset < 0 || offset + (long) rows * cols > owner.length()) {
            throw new IllegalArgumentException("a native matrix needs a contiguous row-major array holding "
                    + rows + "x" + cols + " elements at offset " + offset);
        }
        this.owner = owner;
        this.buffer = owner.data().asNioFloat();
        this.offset = Math.toIntExact(offset);
        this.pointer = new FloatPointer(owner.data().addressPointer()).getPointer(offset);
        this.rows = rows;
        this.cols = cols;
    }

    /** A fresh zeroed {@code rows x cols} matrix. */
    static NativeMatrix allocate(int rows, int cols) {
        return new NativeMatrix(Nd4j.create(DataType.FLOAT, (long) rows * cols), 0, rows, cols);
    }

    /** The {@code rows x cols} block of a flat array starting at element {@code offset}. */
    static NativeMatrix within(INDArray flat, long offset, int rows, int cols) {
        return new NativeMatrix(flat, offset, rows, cols);
    }

    /** {@code c = op(a) op(b)}, where op transposes when asked; shapes must agree. */
    static void multiply(NativeMatrix a, boolean transposeA, NativeMatrix b, boolean transposeB, NativeMatrix c) {
        int m = transposeA ? a.cols : a.rows;
        int k = transposeA ? a.rows : a.cols;
        int kb = transposeB ? b.cols : b.rows;
        int n = transposeB ? b.rows : b.cols;
        if (m != c.rows || n != c.cols || k != kb) {
            throw new IllegalArgumentException("cannot multiply " + a + (transposeA ? "^T" : "") + " by " + b
                    + (transposeB ? "^T" : "") + " into " + c);
        }
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                m, n, k, 1f, a.pointer, a.cols, b.pointer, b.cols, 0f, c.pointer, c.cols);
    }

    /** Copies the matrix, row-major, into the start of {@code dst}. */
    void read(float[] dst) {
        buffer.get(offset, dst, 0, length());
    }

    /** Overwrites the matrix from the start of {@code src} (row-major). */
    void write(float[] src) {
        buffer.put(offset, src, 0, length());
    }

    int length() {
        return rows * cols;
    }

    @Override
    public String toString() {
        return "[" + rows + "x" + cols + "]";
    }
}
