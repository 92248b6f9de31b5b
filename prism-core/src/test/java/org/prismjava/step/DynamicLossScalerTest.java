package org.prismjava.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DynamicLossScalerTest {

    @Test
    void growsAfterACleanIntervalAndBacksOffOnOverflow() {
        DynamicLossScaler s = new DynamicLossScaler(1024, 2, 0.5, 3);
        assertTrue(s.update(false));
        assertTrue(s.update(false));
        assertEquals(1024, s.scale());
        assertTrue(s.update(false));
        assertEquals(2048, s.scale(), "third clean step grows the scale");
        assertTrue(s.update(false));
        assertFalse(s.update(true), "an overflowing step is skipped");
        assertEquals(1024, s.scale());
        assertEquals(1, s.skippedSteps());
        assertTrue(s.update(false));
        assertTrue(s.update(false));
        assertEquals(1024, s.scale(), "the overflow restarted the clean count");
        assertTrue(s.update(false));
        assertEquals(2048, s.scale());
    }

    @Test
    void rejectsBadSettingsByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DynamicLossScaler(0, 2, 0.5, 1))
                .getMessage().contains("initialScale"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DynamicLossScaler(1, 1, 0.5, 1))
                .getMessage().contains("growthFactor"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DynamicLossScaler(1, 2, 1, 1))
                .getMessage().contains("backoffFactor"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DynamicLossScaler(1, 2, 0.5, 0))
                .getMessage().contains("growthInterval"));
    }
}
