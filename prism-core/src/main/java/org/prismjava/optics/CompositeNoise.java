package org.prismjava.optics;

import java.util.List;
import java.util.Map;
import org.prismjava.util.Checks;
import org.prismjava.util.SeededRandom;

/**
 * Several noise models applied in order (e.g. shot noise, then read-out noise).
 *
 * @param models the models, at least one
 */
public record CompositeNoise(List<NoiseModel> models) implements NoiseModel {
    /** Validates and copies the list. */
    public CompositeNoise {
        Checks.check(models != null && !models.isEmpty(), "models", models, "must name at least one noise model");
        models = List.copyOf(models);
    }

    @Override
    public void apply(float[] intensity, SeededRandom rng) {
        for (NoiseModel m : models) {
            m.apply(intensity, rng);
        }
    }

    @Override
    public Map<String, Object> toMap() {
        return Map.of("type", "composite", "models", models.stream().map(NoiseModel::toMap).toList());
    }
}
