package org.prismjava.optics;

/**
 * Centered, orthonormal 2-D discrete Fourier transform on N x N fields (spec 1.1):
 * {@code CF(x) = fftshift(F(ifftshift(x)))} and its inverse {@code CIF}, with DC at pixel
 * {@code [N/2, N/2]}, {@code CIF(CF(x)) = x} and Parseval exact. {@code CF} and {@code CIF}
 * are each other's adjoint.
 *
 * <p>This is the service-provider seam for FFT engines: the CPU implementation is
 * {@link CpuFft2}; a GPU backend supplies its own. Implementations may exploit the optional
 * sparsity hints of the pruned overloads (input support, needed output rows) or ignore them.
 */
public interface Fft2 {
    /** Edge length N of the fields this plan transforms. */
    int size();

    /** In place: {@code f <- CF(f)}. */
    void forward(ComplexField f);

    /** In place: {@code f <- CIF(f)}. */
    void inverse(ComplexField f);

    /**
     * In place {@code CF}, given that {@code f} is zero outside {@code support}; only output rows
     * {@code [outRowFrom, outRowTo)} are guaranteed correct, other rows are unspecified.
     */
    default void forward(ComplexField f, Region support, int outRowFrom, int outRowTo) {
        forward(f);
    }

    /** Pruned {@code CIF}; the same contract as the pruned {@link #forward(ComplexField, Region, int, int)}. */
    default void inverse(ComplexField f, Region support, int outRowFrom, int outRowTo) {
        inverse(f);
    }

    /** The CPU plan for edge {@code n} (plans are immutable, cached per size and thread-safe). */
    static Fft2 cpu(int n) {
        return CpuFft2.forSize(n);
    }
}
