package org.prismjava.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prismjava.util.Json;

/** {@link DecoderConfig} round-trips through a plain map and its JSON text; bad maps are refused by key. */
class DecoderConfigMapTest {
    @Test
    void everyArchitectureRoundTripsThroughAMapAndJson() {
        for (DecoderConfig c : List.of(DecoderConfig.builder(64, 24).build(), DecoderConfig.reference(128, 32).build(),
                DecoderConfig.builder(32, 32).latentChannels(7).channelProgression(List.of(12, 10, 8, 6, 5, 1))
                        .batchNorm(false).outputActivation(OutputActivation.TANH).upsampling(Upsampling.TRANSPOSED)
                        .finalPadding(0).build())) {
            assertEquals(c, DecoderConfig.fromMap(c.toMap()), "map");
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = (Map<String, Object>) Json.parse(Json.write(c.toMap()));
            DecoderConfig back = DecoderConfig.fromMap(parsed);
            assertEquals(c, back, "JSON");
            assertEquals(c.layers(), back.layers(), "the same layers");
        }
    }

    @Test
    void badMapsAreRefusedNamingTheKey() {
        Map<String, Object> m = new LinkedHashMap<>(DecoderConfig.builder(64, 24).build().toMap());
        m.put("parameters", 12);
        assertMessage(m, "key parameters is 12 but the settings give");
        m.remove("parameters");
        m.put("channelProgression", List.of(8, "x", 1));
        assertMessage(m, "key channelProgression must hold integers");
        m.remove("channelProgression");
        m.put("upsampling", "nearest");
        assertMessage(m, "upsampling");
        m.put("upsampling", "bilinear");
        m.put("dropout", 0.1);
        assertMessage(m, "unknown key dropout");
        assertMessage(Map.of("objectSize", 8), "key gridSize is missing");
    }

    private static void assertMessage(Map<String, ?> m, String expected) {
        String msg = assertThrows(IllegalArgumentException.class, () -> DecoderConfig.fromMap(m)).getMessage();
        assertTrue(msg.contains(expected), msg);
    }
}
