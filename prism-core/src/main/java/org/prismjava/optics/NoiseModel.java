package org.prismjava.optics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.prismjava.util.SeededRandom;
import org.prismjava.util.StoredFields;

/**
 * Detector noise, applied in place to an intensity image (row-major N*N). Implementations draw
 * every random number from the given seeded source so runs are reproducible. Compose with
 * {@link CompositeNoise}.
 */
public interface NoiseModel {
    /** Adds noise to {@code intensity} in place. */
    void apply(float[] intensity, SeededRandom rng);

    /**
     * The mean of the recorded amplitude {@code sqrt(max(0, noisy I))} of a pixel whose noiseless
     * amplitude is {@code a}: reconstruction methods compare it, not {@code a}, with measured
     * amplitudes, so that the noise's bias (the square root of a clamped intensity is larger on
     * average than the noiseless amplitude) is not fitted as structure. The default is the
     * identity (a model that does not know its bias).
     */
    default double expectedAmplitude(double a) {
        return a;
    }

    /** d {@link #expectedAmplitude} / d a. */
    default double expectedAmplitudeSlope(double a) {
        return 1;
    }

    /**
     * The noiseless amplitude whose {@link #expectedAmplitude} is {@code measured} (0 when even
     * a dark pixel records more on average): the bias-corrected value for methods that replace
     * amplitudes instead of fitting them, such as ePIE. Bisection, 40 halvings of [0, 2 measured + 1].
     */
    default double unbiasedAmplitude(double measured) {
        if (!(measured > expectedAmplitude(0))) {
            return 0;
        }
        double lo = 0;
        double hi = 2 * measured + 1;
        for (int i = 0; i < 40; i++) {
            double mid = 0.5 * (lo + hi);
            if (expectedAmplitude(mid) < measured) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /**
     * This model as a plain map ({@code type} plus its parameters); {@link #fromMap} reads the
     * built-in types back. A custom model is recorded by class name and {@code toString()}.
     */
    default Map<String, Object> toMap() {
        return Map.of("type", getClass().getName(), "description", toString());
    }

    /**
     * The built-in model a {@link #toMap()} map describes: {@code shot}, {@code readout} or
     * {@code composite}; other types are refused naming the type.
     */
    static NoiseModel fromMap(Map<String, ?> map) {
        StoredFields f = StoredFields.of(map, "noise model");
        String type = f.string("type");
        return switch (type) {
            case "shot" -> new ShotNoise(f.requireOnly(List.of("type", "snrDb")).number("snrDb"));
            case "readout" -> new ReadoutNoise(f.requireOnly(List.of("type", "sigma")).number("sigma"));
            case "composite" -> {
                List<NoiseModel> models = new ArrayList<>();
                List<?> stored = f.requireOnly(List.of("type", "models")).list("models");
                for (int i = 0; i < stored.size(); i++) {
                    models.add(fromMap(StoredFields.of(stored.get(i), f.source() + ", models[" + i + "]").toMap()));
                }
                yield new CompositeNoise(models);
            }
            default -> throw f.invalid("type " + type + " cannot be rebuilt from a map (built-in types: shot,"
                    + " readout, composite); build a telescope with a custom noise model in code");
        };
    }
}
