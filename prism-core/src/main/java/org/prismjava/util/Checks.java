package org.prismjava.util;

import java.util.Locale;

/**
 * Argument validation that names the parameter, the offending value and what is allowed.
 *
 * <p>Every public entry point of the library validates through these helpers so that error
 * messages have one shape: {@code "radius = -1.0 is invalid: must be > 0"}.
 */
public final class Checks {
    private Checks() {
    }

    /** Throws unless {@code condition}; the message is "{@code name = value is invalid: allowed}". */
    public static void check(boolean condition, String name, Object value, String allowed) {
        if (!condition) {
            throw invalid(name, value, allowed);
        }
    }

    /** The exception {@link #check} throws, for callers that build the condition themselves. */
    public static IllegalArgumentException invalid(String name, Object value, String allowed) {
        return new IllegalArgumentException(
                String.format(Locale.ROOT, "%s = %s is invalid: %s", name, value, allowed));
    }

    /** Requires a finite value {@code > 0}. */
    public static double positive(String name, double value) {
        check(value > 0 && Double.isFinite(value), name, value, "must be finite and > 0");
        return value;
    }

    /** Requires a finite value {@code >= 0}. */
    public static double nonNegative(String name, double value) {
        check(value >= 0 && Double.isFinite(value), name, value, "must be finite and >= 0");
        return value;
    }

    /** Requires a finite value. */
    public static double finite(String name, double value) {
        check(Double.isFinite(value), name, value, "must be finite (not NaN or infinite)");
        return value;
    }

    /** Requires an integer {@code > 0}. */
    public static int positive(String name, int value) {
        check(value > 0, name, value, "must be > 0");
        return value;
    }

    /** Requires a power of two {@code >= minimum}. */
    public static int powerOfTwo(String name, int value, int minimum) {
        check(value >= minimum && Integer.bitCount(value) == 1, name, value,
                "must be a power of two >= " + minimum);
        return value;
    }

    /** Requires every value to be finite and {@code >= 0}; names the first offending index. */
    public static void nonNegativeFinite(String name, float[] values) {
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (!(v >= 0) || Float.isInfinite(v)) {
                throw invalid(name + "[" + i + "]", v, "amplitudes must be finite and >= 0");
            }
        }
    }
}
