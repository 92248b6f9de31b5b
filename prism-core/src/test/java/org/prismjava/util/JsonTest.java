package org.prismjava.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The library's JSON text: plain values round-trip, non-finite numbers survive, bad text is located. */
class JsonTest {
    @Test
    void plainValuesRoundTripInOrderWithNonFiniteNumbers() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", 4.0);
        m.put("nan", Double.NaN);
        m.put("inf", Double.NEGATIVE_INFINITY);
        m.put("list", List.of(1, 2.5, "x", true));
        m.put("nested", Map.of("k", List.of()));
        m.put("none", null);
        m.put("float", 0.1f);
        String text = Json.write(m);
        assertTrue(text.startsWith("{\n  \"z\": 1,\n  \"a\": 4.0,\n"), text);
        assertTrue(text.contains("\"list\": [1, 2.5, \"x\", true]"), text);
        assertTrue(text.endsWith("}\n"), text);
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) Json.parse(text);
        assertEquals(List.copyOf(m.keySet()), List.copyOf(back.keySet()), "insertion order");
        assertTrue(Double.isNaN(Json.number(back.get("nan"))));
        assertEquals(Double.NEGATIVE_INFINITY, Json.number(back.get("inf")));
        assertEquals(4.0, back.get("a"), "a whole double stays a double");
        assertEquals(1, ((Number) back.get("z")).intValue());
        assertEquals(0.1f, ((Number) back.get("float")).floatValue(), "a float survives exactly");
        assertEquals(null, back.get("none"));
    }

    @Test
    void badTextIsRefusedWithItsPosition() {
        String m = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1}\n  x")).getMessage();
        assertTrue(m.startsWith("invalid JSON at line 2, column 3"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": }")).getMessage();
        assertTrue(m.startsWith("invalid JSON at line 1"), m);
    }
}
