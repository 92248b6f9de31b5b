package org.prismjava.model;

import java.util.Locale;
import org.prismjava.util.Checks;

/** The generator's output activation (spec 6.3 step 4), applied before crop and pad. */
public enum OutputActivation {
    /** max(0, x): non-negative, can reach exact zero. */
    RELU,
    /** Leaky ReLU with slope 0.2 (may go negative). */
    LEAKY,
    /** 1 / (1 + e^-x), range (0, 1): the default, because object amplitudes are non-negative. */
    SIGMOID,
    /** clip(x / 6 + 1/2, 0, 1). */
    HARDSIGMOID,
    /** sigmoid(x) (1 + 2s) - s with s = 0.01, range (-0.01, 1.01). */
    SCALESIGMOID,
    /** tanh(x) (may go negative). */
    TANH,
    /** Identity: the reference CLI default; can converge to a sign-flipped image (DESIGN 4.7). */
    NONE;

    private static final float LEAK = 0.2f;
    private static final float SCALE = 0.01f;

    /** f(x). */
    public float apply(float x) {
        return switch (this) {
            case RELU -> Math.max(0f, x);
            case LEAKY -> x > 0 ? x : LEAK * x;
            case SIGMOID -> sigmoid(x);
            case HARDSIGMOID -> Math.min(1f, Math.max(0f, x / 6f + 0.5f));
            case SCALESIGMOID -> sigmoid(x) * (1 + 2 * SCALE) - SCALE;
            case TANH -> (float) Math.tanh(x);
            case NONE -> x;
        };
    }

    /** f'(x), given the input {@code x} and the output {@code y = f(x)}. */
    public float derivative(float x, float y) {
        return switch (this) {
            case RELU -> x > 0 ? 1f : 0f;
            case LEAKY -> x > 0 ? 1f : LEAK;
            case SIGMOID -> y * (1 - y);
            case HARDSIGMOID -> x > -3f && x < 3f ? 1f / 6f : 0f;
            case SCALESIGMOID -> {
                float s = sigmoid(x);
                yield s * (1 - s) * (1 + 2 * SCALE);
            }
            case TANH -> 1 - y * y;
            case NONE -> 1f;
        };
    }

    /** Whether the output can never be negative (required for amplitudes, DESIGN 4.7). */
    public boolean isNonNegative() {
        return this == RELU || this == SIGMOID || this == HARDSIGMOID;
    }

    /** Whether the initialization target is min-max normalised for this activation (spec 8.2). */
    public boolean normalisesInitTarget() {
        return this == SIGMOID || this == HARDSIGMOID || this == SCALESIGMOID || this == NONE;
    }

    /** Lower-case name as the reference spells it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a reference name ({@code relu, leaky, sigmoid, hardsigmoid, scalesigmoid, tanh, none}). */
    public static OutputActivation byName(String name) {
        for (OutputActivation a : values()) {
            if (a.id().equals(name == null ? "" : name.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw Checks.invalid("outputActivation", name,
                "must be one of relu, leaky, sigmoid, hardsigmoid, scalesigmoid, tanh, none");
    }

    private static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }
}
