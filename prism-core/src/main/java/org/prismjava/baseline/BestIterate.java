package org.prismjava.baseline;

import org.prismjava.util.Checks;

/**
 * Early stopping on a validation score: keeps a copy of the best-scoring image seen so far and
 * says when {@code patience} iterations have passed without improvement. Not thread-safe.
 */
public final class BestIterate {
    private final int patience;
    private float[] best;
    private double bestScore = Double.POSITIVE_INFINITY;
    private int bestIteration = -1;

    /** @param patience iterations without a better score after which {@link #shouldStop} is true (>= 1) */
    public BestIterate(int patience) {
        this.patience = Checks.positive("patience", patience);
    }

    /** Records {@code image} (copied only when it is the best so far) with its score at {@code iteration}. */
    public void offer(int iteration, double score, float[] image) {
        Checks.check(!Double.isNaN(score), "validation score", score, "must not be NaN");
        if (score < bestScore) {
            bestScore = score;
            bestIteration = iteration;
            if (best == null) {
                best = image.clone();
            } else {
                System.arraycopy(image, 0, best, 0, best.length);
            }
        }
    }

    /** Whether {@code patience} iterations have passed since the best score. */
    public boolean shouldStop(int iteration) {
        return bestIteration >= 0 && iteration - bestIteration >= patience;
    }

    /** Whether any image was offered. */
    public boolean hasBest() {
        return best != null;
    }

    /** The best image (a copy). */
    public float[] best() {
        Checks.check(best != null, "best", null, "no image was offered yet");
        return best.clone();
    }

    /** Its score. */
    public double bestScore() {
        return bestScore;
    }

    /** Its iteration. */
    public int bestIteration() {
        return bestIteration;
    }
}
