package org.prismjava.model;

import java.util.Arrays;

/**
 * Bilinear upsampling by two of {@code [C, H, H]} images, with PyTorch's
 * {@code align_corners = false} sampling ({@code src = (o + 0.5) / 2 - 0.5}, clamped at 0, edge
 * pixels repeated), and its exact adjoint. Separable: a pass along rows into a work array, then
 * along columns. Allocates only at construction.
 */
final class Upsample2x {
    private final int channels;
    private final int in;
    private final int out;
    private final int[] first;
    private final int[] second;
    private final float[] firstWeight;
    private final float[] secondWeight;
    private final float[] work;

    Upsample2x(int channels, int inSize) {
        this.channels = channels;
        this.in = inSize;
        this.out = 2 * inSize;
        this.first = new int[out];
        this.second = new int[out];
        this.firstWeight = new float[out];
        this.secondWeight = new float[out];
        for (int o = 0; o < out; o++) {
            double src = Math.max(0, (o + 0.5) / 2 - 0.5);
            int i0 = Math.min((int) Math.floor(src), in - 1);
            double frac = src - i0;
            first[o] = i0;
            second[o] = Math.min(i0 + 1, in - 1);
            firstWeight[o] = (float) (1 - frac);
            secondWeight[o] = (float) frac;
        }
        this.work = new float[in * out];
    }

    /** Output edge {@code 2H}. */
    int outSize() {
        return out;
    }

    /** {@code dst[C, 2H, 2H] <- upsample(src[C, H, H])}. */
    void forward(float[] src, float[] dst) {
        for (int c = 0; c < channels; c++) {
            int ps = c * in * in;
            int pd = c * out * out;
            for (int y = 0; y < in; y++) {
                int s = ps + y * in;
                int w = y * out;
                for (int x = 0; x < out; x++) {
                    work[w + x] = firstWeight[x] * src[s + first[x]] + secondWeight[x] * src[s + second[x]];
                }
            }
            for (int y = 0; y < out; y++) {
                int a = first[y] * out;
                int b = second[y] * out;
                float wa = firstWeight[y];
                float wb = secondWeight[y];
                int d = pd + y * out;
                for (int x = 0; x < out; x++) {
                    dst[d + x] = wa * work[a + x] + wb * work[b + x];
                }
            }
        }
    }

    /** {@code dst[C, H, H] <- upsample^T(src[C, 2H, 2H])} (overwrites dst). */
    void adjoint(float[] src, float[] dst) {
        Arrays.fill(dst, 0, channels * in * in, 0f);
        for (int c = 0; c < channels; c++) {
            int ps = c * out * out;
            int pd = c * in * in;
            Arrays.fill(work, 0f);
            for (int y = 0; y < out; y++) {
                int a = first[y] * out;
                int b = second[y] * out;
                float wa = firstWeight[y];
                float wb = secondWeight[y];
                int s = ps + y * out;
                for (int x = 0; x < out; x++) {
                    float g = src[s + x];
                    work[a + x] += wa * g;
                    work[b + x] += wb * g;
                }
            }
            for (int y = 0; y < in; y++) {
                int w = y * out;
                int d = pd + y * in;
                for (int x = 0; x < out; x++) {
                    float g = work[w + x];
                    dst[d + first[x]] += firstWeight[x] * g;
                    dst[d + second[x]] += secondWeight[x] * g;
                }
            }
        }
    }
}
