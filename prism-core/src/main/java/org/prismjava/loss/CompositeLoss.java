package org.prismjava.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.prismjava.util.Checks;

/**
 * A weighted sum of un-normalised losses (spec 7.1 "composite"): weights must be >= 0 and sum to
 * 1 within 0.01. Keeps its work array between calls; not thread-safe.
 */
public final class CompositeLoss implements ImageLoss {
    private final Map<LossType, Double> weights;
    private final Map<LossType, ImageLoss> parts = new LinkedHashMap<>();
    private float[] partGradient = new float[0];

    private CompositeLoss(Map<LossType, Double> weights) {
        this.weights = Map.copyOf(weights);
        weights.keySet().forEach(t -> parts.put(t, t.create(false)));
    }

    /** A composite of the given parts and weights. */
    public static CompositeLoss of(Map<LossType, Double> weights) {
        Checks.check(weights != null && !weights.isEmpty(), "weights", weights, "must name at least one loss");
        double sum = 0;
        for (Map.Entry<LossType, Double> e : weights.entrySet()) {
            Checks.check(e.getValue() != null && e.getValue() >= 0, "weights[" + e.getKey().id() + "]", e.getValue(),
                    "must be >= 0");
            sum += e.getValue();
        }
        Checks.check(Math.abs(sum - 1) <= 0.01, "sum(weights)", sum, "must be 1 within 0.01");
        return new CompositeLoss(new LinkedHashMap<>(weights));
    }

    @Override
    public double evaluate(float[] pred, float[] target, int h, int w, float[] grad) {
        double total = 0;
        if (grad != null && partGradient.length != h * w) {
            partGradient = new float[h * w];
        }
        float[] part = grad == null ? null : partGradient;
        if (grad != null) {
            java.util.Arrays.fill(grad, 0f);
        }
        for (Map.Entry<LossType, ImageLoss> e : parts.entrySet()) {
            float wt = weights.get(e.getKey()).floatValue();
            total += wt * e.getValue().evaluate(pred, target, h, w, part);
            if (grad != null) {
                for (int i = 0; i < part.length; i++) {
                    grad[i] += wt * part[i];
                }
            }
        }
        return total;
    }

    @Override
    public String name() {
        return "composite" + weights;
    }
}
