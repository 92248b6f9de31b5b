package org.prismjava.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** 16-bit rounding against values fixed by the IEEE binary16 and bfloat16 formats. */
class PrecisionTest {
    private static final Precision H = Precision.MIXED_FP16;
    private static final Precision B = Precision.MIXED_BF16;

    @Test
    void fp16RoundsToNearestEvenWithItsRange() {
        assertEquals(1f, H.round(1f));
        assertEquals(0.333251953125f, H.round(1f / 3));           // 0x3555
        assertEquals(65504f, H.round(65504f));                    // largest finite
        assertEquals(65504f, H.round(65519.99f));
        assertEquals(Float.POSITIVE_INFINITY, H.round(65520f));   // tie between 65504 and 2^16: overflow
        assertEquals(Float.NEGATIVE_INFINITY, H.round(-1e6f));
        assertEquals(2048f, H.round(2049f));                      // tie, even significand
        assertEquals(2052f, H.round(2051f));
        assertEquals(0x1p-24f, H.round(6e-8f));                   // smallest subnormal
        assertEquals(0f, H.round(2e-8f));                          // below half of it
        assertEquals(-0.5f, H.round(-0.5f));
        assertTrue(Float.isNaN(H.round(Float.NaN)));
    }

    @Test
    void bf16KeepsTheRangeAndEightBitsOfSignificand() {
        assertEquals(1f, B.round(1.00390625f));                   // 1 + 2^-8: tie, to even
        assertEquals(1.015625f, B.round(1.01171875f));            // 1 + 3*2^-8: tie, to even
        assertEquals(3.140625f, B.round((float) Math.PI));
        assertTrue(Float.isFinite(B.round(3.0e38f)));
        assertEquals(1e-30f, B.round(1e-30f), 1e-32f);
        assertTrue(Float.isNaN(B.round(Float.NaN)));
    }

    @Test
    void fp32IsTheIdentityAndNamesParse() {
        assertEquals(0.1f, Precision.FP32.round(0.1f));
        float[] a = {0.1f, 1f / 3};
        Precision.FP32.roundInPlace(a, 2);
        assertEquals(1f / 3, a[1]);
        H.roundInPlace(a, 2);
        assertEquals(0.333251953125f, a[1]);
        assertEquals(Precision.MIXED_BF16, Precision.byName("mixed-bf16"));
        assertEquals(Precision.FP32, Precision.byName("FP32"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Precision.byName("fp8"));
        assertTrue(e.getMessage().contains("precision") && e.getMessage().contains("fp8"));
    }
}
