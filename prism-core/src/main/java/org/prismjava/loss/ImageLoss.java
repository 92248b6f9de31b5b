package org.prismjava.loss;

/**
 * A differentiable loss between a predicted and a target image of the same size (row-major
 * {@code h x w}). Implementations are immutable and thread-safe.
 */
public interface ImageLoss {
    /**
     * The loss; when {@code gradPred} is not null, d loss / d pred is written into it
     * (overwriting, length h*w).
     */
    double evaluate(float[] pred, float[] target, int h, int w, float[] gradPred);

    /** Short name for logs. */
    String name();
}
