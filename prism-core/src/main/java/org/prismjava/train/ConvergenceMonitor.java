package org.prismjava.train;

import java.util.ArrayDeque;
import java.util.Iterator;
import org.prismjava.util.Checks;

/**
 * The reference's adaptive convergence monitor (spec 8.4), implemented faithfully: a bounded
 * loss history, best loss, steps since improvement, plateau detection and tier promotion.
 * {@link DefaultProgressiveTrainer} uses it differently from the reference (DESIGN-NOTES): it
 * escalates when the monitor has escalated itself, and records every non-converged exit as a
 * failure.
 */
final class ConvergenceMonitor {
    private static final int HISTORY = 1000;
    private final double threshold;
    private final int patience;
    private final int window;
    private final double plateauThreshold;
    private final int escalationSteps;
    private final ArrayDeque<Double> history = new ArrayDeque<>();
    private double best = Double.POSITIVE_INFINITY;
    private int sinceImprovement;
    private ConvergenceTier tier = ConvergenceTier.NORMAL;
    private int plateauCount;
    private boolean escalated;

    /**
     * @param threshold loss below which the monitor counts a step as converged
     * @param patience steps without improvement for a plateau
     * @param window losses examined for a plateau
     * @param plateauThreshold relative improvement counting as progress
     * @param escalationSteps losses needed before escalation
     */
    ConvergenceMonitor(double threshold, int patience, int window, double plateauThreshold,
            int escalationSteps) {
        this.threshold = Checks.nonNegative("threshold", threshold);
        this.patience = Checks.positive("patience", patience);
        this.window = Checks.positive("window", window);
        this.plateauThreshold = Checks.nonNegative("plateauThreshold", plateauThreshold);
        this.escalationSteps = Checks.positive("escalationSteps", escalationSteps);
    }

    /** Records a loss and updates the tier. */
    void update(double loss) {
        history.addLast(loss);
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
        if (loss < best * (1 - plateauThreshold)) {
            best = loss;
            sinceImprovement = 0;
        } else {
            sinceImprovement++;
        }
        if (isConverged()) {
            tier = ConvergenceTier.FAST;
            return;
        }
        if (isPlateau()) {
            plateauCount++;
            if (!escalated && history.size() >= escalationSteps) {
                tier = ConvergenceTier.AGGRESSIVE;
                escalated = true;
            } else if (escalated && plateauCount > 2) {
                tier = ConvergenceTier.RESCUE;
            }
        }
    }

    /** Enough history, no improvement for {@code patience} steps and little change over the window. */
    boolean isPlateau() {
        if (history.size() < window || sinceImprovement < patience) {
            return false;
        }
        int skip = history.size() - window;
        Iterator<Double> it = history.iterator();
        for (int i = 0; i < skip; i++) {
            it.next();
        }
        double first = it.next();
        double last = history.peekLast();
        return first == 0 || (first - last) / Math.abs(first) < plateauThreshold;
    }

    /** The last {@code min(patience, n)} losses are all below the threshold. */
    boolean isConverged() {
        if (history.isEmpty() || !(history.peekLast() < threshold)) {
            return false;
        }
        int k = Math.min(patience, history.size());
        Iterator<Double> it = history.descendingIterator();
        for (int i = 0; i < k; i++) {
            if (!(it.next() < threshold)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the monitor has promoted itself to an escalated tier. */
    boolean hasEscalated() {
        return escalated;
    }

    /** Sets the tier (escalating for AGGRESSIVE and RESCUE). */
    void setTier(ConvergenceTier t) {
        tier = t;
        escalated |= t == ConvergenceTier.AGGRESSIVE || t == ConvergenceTier.RESCUE;
    }

    /** Current tier. */
    ConvergenceTier tier() {
        return tier;
    }
}
