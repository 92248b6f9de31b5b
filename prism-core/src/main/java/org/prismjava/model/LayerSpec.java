package org.prismjava.model;

/**
 * One layer of the decoder as spec 6.3 lists it.
 *
 * @param name stable name used in checkpoints (stem, up1.., refine1.., final)
 * @param transposed transposed convolution (stem and upsampling) or plain convolution
 * @param inChannels input channels
 * @param outChannels output channels
 * @param kernel kernel edge
 * @param stride stride
 * @param padding padding
 * @param bias whether the layer has a bias (final layer, or batch norm off)
 * @param batchNorm whether batch norm follows the convolution
 * @param relu whether ReLU follows (every layer but the final one)
 * @param inSize input spatial edge
 * @param outSize output spatial edge
 * @param upsample whether the input is first upsampled by two (bilinear) before a plain
 *     convolution (then {@code outSize = 2 inSize})
 */
public record LayerSpec(String name, boolean transposed, int inChannels, int outChannels, int kernel, int stride,
        int padding, boolean bias, boolean batchNorm, boolean relu, int inSize, int outSize, boolean upsample) {

    /** A layer without input upsampling. */
    public LayerSpec(String name, boolean transposed, int inChannels, int outChannels, int kernel, int stride,
            int padding, boolean bias, boolean batchNorm, boolean relu, int inSize, int outSize) {
        this(name, transposed, inChannels, outChannels, kernel, stride, padding, bias, batchNorm, relu, inSize, outSize,
                false);
    }

    /** Spatial edge of the image the convolution itself reads (the upsampled input, if any). */
    public int convolutionInSize() {
        return upsample ? 2 * inSize : inSize;
    }

    /** Weights, bias and batch-norm affine parameters of this layer. */
    public long parameterCount() {
        long w = (long) inChannels * outChannels * kernel * kernel;
        return w + (bias ? outChannels : 0) + (batchNorm ? 2L * outChannels : 0);
    }
}
