package org.prismjava.backend;

import java.util.Locale;
import org.prismjava.util.Checks;

/**
 * Arithmetic of the generator (DESIGN 4.7). {@link #FP32} everywhere, or mixed precision: the
 * generator's weights, activations and gradients are stored in a 16-bit format while products
 * accumulate in FP32 and the master weights, the optimizer and the physics stay FP32. On the CPU
 * the 16-bit storage is emulated by rounding FP32 values to the format ({@link #round}); a GPU
 * backend stores them natively.
 */
public enum Precision {
    /** Single precision throughout. */
    FP32("fp32"),
    /** IEEE half precision storage (max 65504, 11-bit significand), needs loss scaling. */
    MIXED_FP16("mixed-fp16"),
    /** bfloat16 storage (FP32's range, 8-bit significand). */
    MIXED_BF16("mixed-bf16");

    private final String id;

    Precision(String id) {
        this.id = id;
    }

    /** Command-line name: fp32, mixed-fp16, mixed-bf16. */
    public String id() {
        return id;
    }

    /** Whether the generator stores 16-bit values. */
    public boolean isMixed() {
        return this != FP32;
    }

    /**
     * {@code v} rounded to this format's nearest value (ties to even), as a float: identity for
     * FP32; FP16 overflows to infinity beyond 65504 and flushes below its smallest subnormal
     * (2^-24) to zero; NaN stays NaN.
     */
    public float round(float v) {
        return switch (this) {
            case FP32 -> v;
            case MIXED_BF16 -> roundBf16(v);
            case MIXED_FP16 -> roundFp16(v);
        };
    }

    /** Rounds every element of {@code a[0, length)} in place. */
    public void roundInPlace(float[] a, int length) {
        if (this == FP32) {
            return;
        }
        for (int i = 0; i < length; i++) {
            a[i] = round(a[i]);
        }
    }

    private static float roundBf16(float v) {
        if (Float.isNaN(v)) {
            return v;
        }
        int bits = Float.floatToRawIntBits(v);
        bits += 0x7FFF + ((bits >>> 16) & 1);
        return Float.intBitsToFloat(bits & 0xFFFF0000);
    }

    private static float roundFp16(float v) {
        if (Float.isNaN(v) || Float.isInfinite(v)) {
            return v;
        }
        float a = Math.abs(v);
        if (a >= 65520f) {
            // 65520 is the midpoint between 65504 and 2^16; ties to even round it up to infinity.
            return Math.copySign(Float.POSITIVE_INFINITY, v);
        }
        // Spacing of FP16 values around a: 2^(e - 10) for normal numbers, 2^-24 for subnormals.
        int exponent = Math.max(Math.getExponent(a), -14);
        float ulp = Math.scalb(1f, exponent - 10);
        return Math.copySign((float) (Math.rint(a / ulp) * ulp), v);
    }

    /** The precision with this command-line name (case-insensitive). */
    public static Precision byName(String name) {
        for (Precision p : values()) {
            if (p.id.equalsIgnoreCase(name) || p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw Checks.invalid("precision", name, "must be one of fp32, mixed-fp16, mixed-bf16");
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
