package org.prismjava.model;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.prismjava.backend.Precision;
import org.prismjava.util.Checks;

/**
 * All trainable parameters of a model in one flat float32 array, with a gradient array of the
 * same layout and named, shaped views into both. Optimizers and checkpoints work on the flat
 * arrays; layers work on the views.
 */
public final class ParameterSet {
    private final List<Entry> entries;
    private final INDArray values;
    private final INDArray gradients;
    private final FloatBuffer valueBuffer;
    private final FloatBuffer gradientBuffer;
    private static final int BLOCK = 1 << 16;
    private final float[] block = new float[BLOCK];
    private INDArray computeValues;
    private FloatBuffer computeBuffer;

    /**
     * One named parameter tensor.
     *
     * @param name unique name, e.g. {@code up2.weight}
     * @param offset first element in the flat arrays
     * @param shape shape of the view (C order)
     */
    public record Entry(String name, long offset, long[] shape) {
        /** Copies the shape. */
        public Entry {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        /** Number of elements. */
        public long length() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.name.equals(name) && e.offset == offset && Arrays.equals(e.shape, shape);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return name + Arrays.toString(shape) + "@" + offset;
        }
    }

    private ParameterSet(List<Entry> entries, long size) {
        this.entries = List.copyOf(entries);
        this.values = Nd4j.create(DataType.FLOAT, size);
        this.gradients = Nd4j.create(DataType.FLOAT, size);
        this.valueBuffer = values.data().asNioFloat();
        this.gradientBuffer = gradients.data().asNioFloat();
    }

    /** Collects named shapes, then allocates one flat array for all of them. */
    static final class Layout {
        private final List<Entry> entries = new ArrayList<>();
        private long size;

        Entry add(String name, long... shape) {
            Entry e = new Entry(name, size, shape);
            entries.add(e);
            size += e.length();
            return e;
        }

        ParameterSet allocate() {
            Checks.check(size <= Integer.MAX_VALUE, "parameterCount", size, "must be <= " + Integer.MAX_VALUE);
            return new ParameterSet(entries, size);
        }
    }

    /** A set holding one flat vector {@code name} of {@code length} parameters (e.g. the pixels of an image). */
    public static ParameterSet vector(String name, int length) {
        Checks.positive("length", length);
        Layout l = new Layout();
        l.add(name, length);
        return l.allocate();
    }

    /** The parameter tensors in layout order. */
    public List<Entry> entries() {
        return entries;
    }

    /** Total number of scalars. */
    public int size() {
        return (int) values.length();
    }

    /** The live flat value array (writes change the model). */
    public INDArray values() {
        return values;
    }

    /** The live flat gradient array of the last backward pass. */
    public INDArray gradients() {
        return gradients;
    }

    /** Zero-copy buffer over {@link #values()}. */
    public FloatBuffer valueBuffer() {
        return valueBuffer;
    }

    /** Zero-copy buffer over {@link #gradients()}. */
    public FloatBuffer gradientBuffer() {
        return gradientBuffer;
    }

    /** A copy of all values in layout order. */
    public float[] copyValues() {
        float[] out = new float[size()];
        valueBuffer.get(0, out);
        return out;
    }

    /** Overwrites all values (length must equal {@link #size()}). */
    public void setValues(float[] v) {
        Checks.check(v.length == size(), "values.length", v.length, "must equal the parameter count " + size());
        valueBuffer.put(0, v);
    }

    /** The entry with this name. */
    public Entry entry(String name) {
        for (Entry e : entries) {
            if (e.name.equals(name)) {
                return e;
            }
        }
        throw Checks.invalid("name", name, "must be one of " + entries.stream().map(Entry::name).toList());
    }

    /** A shaped view of {@code e} into the value array. */
    public INDArray valueView(Entry e) {
        return view(values, e);
    }

    /**
     * {@code e} as a {@code [rows, length / rows]} matrix in the compute copy: the values rounded
     * to a 16-bit format by {@link #refreshComputeCopy} (mixed precision). Allocated on first use.
     */
    NativeMatrix computeMatrix(Entry e, int rows) {
        if (computeValues == null) {
            computeValues = Nd4j.create(DataType.FLOAT, size());
            computeBuffer = computeValues.data().asNioFloat();
        }
        return NativeMatrix.within(computeValues, e.offset, rows, (int) (e.length() / rows));
    }

    /** Rewrites the compute copy as the master values rounded to {@code precision}. */
    void refreshComputeCopy(Precision precision) {
        int n = size();
        for (int from = 0; from < n; from += BLOCK) {
            int len = Math.min(BLOCK, n - from);
            valueBuffer.get(from, block, 0, len);
            precision.roundInPlace(block, len);
            computeBuffer.put(from, block, 0, len);
        }
    }

    /**
     * Stores the gradients in {@code precision} (rounding each, as a 16-bit gradient would be),
     * then multiplies them by {@code factor} (the inverse loss scale).
     *
     * @return false if any gradient is infinite or NaN (an overflow: the step must be skipped)
     */
    public boolean unscaleGradients(Precision precision, double factor) {
        int n = size();
        float f = (float) factor;
        boolean finite = true;
        for (int from = 0; from < n; from += BLOCK) {
            int len = Math.min(BLOCK, n - from);
            gradientBuffer.get(from, block, 0, len);
            precision.roundInPlace(block, len);
            for (int i = 0; i < len; i++) {
                float g = block[i] * f;
                finite &= Float.isFinite(g);
                block[i] = g;
            }
            gradientBuffer.put(from, block, 0, len);
        }
        return finite;
    }

    /** {@code e} as a {@code [rows, length / rows]} matrix in the value array. */
    NativeMatrix valueMatrix(Entry e, int rows) {
        return NativeMatrix.within(values, e.offset, rows, (int) (e.length() / rows));
    }

    /** {@code e} as a {@code [rows, length / rows]} matrix in the gradient array. */
    NativeMatrix gradientMatrix(Entry e, int rows) {
        return NativeMatrix.within(gradients, e.offset, rows, (int) (e.length() / rows));
    }

    private static INDArray view(INDArray flat, Entry e) {
        return flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(e.offset, e.offset + e.length()))
                .reshape('c', e.shape);
    }
}
