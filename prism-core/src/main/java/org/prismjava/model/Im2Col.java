package org.prismjava.model;

import java.util.Arrays;

/**
 * The gather/scatter pair behind the GEMM form of (transposed) convolution. An image
 * {@code [C, H, H]} and a column matrix {@code [C, k, k, G, G]} (row-major) are linked by
 * {@code image[c, gy*s - p + ky, gx*s - p + kx] <-> cols[c, ky, kx, gy, gx]}; positions outside
 * the image read as zero. {@link #gather} and {@link #scatter} are each other's adjoint.
 */
final class Im2Col {
    private final int channels;
    private final int imageSize;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int gridSize;

    Im2Col(int channels, int imageSize, int kernel, int stride, int padding, int gridSize) {
        this.channels = channels;
        this.imageSize = imageSize;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.gridSize = gridSize;
    }

    /** Number of column-matrix elements: {@code C k^2 G^2}. */
    int columnLength() {
        return channels * kernel * kernel * gridSize * gridSize;
    }

    /** Number of image elements: {@code C H^2}. */
    int imageLength() {
        return channels * imageSize * imageSize;
    }

    /** Writes every column entry from {@code image} (im2col). */
    void gather(float[] image, float[] cols) {
        int h = imageSize;
        int g = gridSize;
        int row = 0;
        for (int c = 0; c < channels; c++) {
            int plane = c * h * h;
            for (int ky = 0; ky < kernel; ky++) {
                for (int kx = 0; kx < kernel; kx++) {
                    int lo = firstInside(kx);
                    int hi = endInside(kx);
                    for (int gy = 0; gy < g; gy++, row += g) {
                        int iy = gy * stride - padding + ky;
                        if (iy < 0 || iy >= h || lo >= hi) {
                            Arrays.fill(cols, row, row + g, 0f);
                            continue;
                        }
                        int src = plane + iy * h - padding + kx;
                        Arrays.fill(cols, row, row + lo, 0f);
                        if (stride == 1) {
                            System.arraycopy(image, src + lo, cols, row + lo, hi - lo);
                        } else {
                            for (int gx = lo; gx < hi; gx++) {
                                cols[row + gx] = image[src + gx * stride];
                            }
                        }
                        Arrays.fill(cols, row + hi, row + g, 0f);
                    }
                }
            }
        }
    }

    /** Overwrites {@code image} with the sum of the column entries that map to each pixel (col2im). */
    void scatter(float[] cols, float[] image) {
        int h = imageSize;
        int g = gridSize;
        Arrays.fill(image, 0, imageLength(), 0f);
        int row = 0;
        for (int c = 0; c < channels; c++) {
            int plane = c * h * h;
            for (int ky = 0; ky < kernel; ky++) {
                for (int kx = 0; kx < kernel; kx++) {
                    int lo = firstInside(kx);
                    int hi = endInside(kx);
                    for (int gy = 0; gy < g; gy++, row += g) {
                        int iy = gy * stride - padding + ky;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        int dst = plane + iy * h - padding + kx;
                        for (int gx = lo; gx < hi; gx++) {
                            image[dst + gx * stride] += cols[row + gx];
                        }
                    }
                }
            }
        }
    }

    /** Smallest gx with {@code gx*s - p + kx >= 0}. */
    private int firstInside(int kx) {
        int need = padding - kx;
        return need <= 0 ? 0 : Math.min(gridSize, (need + stride - 1) / stride);
    }

    /** One past the largest gx with {@code gx*s - p + kx < H}. */
    private int endInside(int kx) {
        int limit = imageSize + padding - kx;
        return limit <= 0 ? 0 : Math.min(gridSize, (limit + stride - 1) / stride);
    }
}
