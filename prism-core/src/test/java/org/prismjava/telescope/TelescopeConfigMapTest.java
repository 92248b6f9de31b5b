package org.prismjava.telescope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.prismjava.optics.Aperture;
import org.prismjava.optics.CompositeNoise;
import org.prismjava.optics.HexagonalAperture;
import org.prismjava.optics.ObscuredAperture;
import org.prismjava.optics.PropagatorKind;
import org.prismjava.optics.ReadoutNoise;
import org.prismjava.optics.SampledAperture;
import org.prismjava.optics.ShotNoise;
import org.prismjava.util.Json;

/**
 * {@link TelescopeConfig} round-trips through a plain map and its JSON text with every built-in
 * aperture and noise model; custom optics, unknown keys and wrong types are refused by key.
 */
class TelescopeConfigMapTest {
    private static final SampledAperture SAMPLED = SampledAperture.of(Nd4j.create(new float[] {
        0.1f, 0.7f, 0.3f, 1f / 3, 0.9f, 0.2f, 0f, 0.5f, 0.25f, 1e-7f, 0.6f, 0.8f}, 2, 3, 2));

    private static void assertRoundTrip(TelescopeConfig c) {
        assertEquals(c, TelescopeConfig.fromMap(c.toMap()), "map");
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) Json.parse(Json.write(c.toMap()));
        assertEquals(c, TelescopeConfig.fromMap(parsed), "JSON");
    }

    @Test
    void everyBuiltInApertureAndNoiseModelRoundTrips() {
        assertRoundTrip(TelescopeConfig.builder(64).build());
        assertRoundTrip(TelescopeConfig.builder(128).wavelength(6.5e-7).pixelSize(3e-6).apertureDiameter(0.3)
                .aperture(new HexagonalAperture(5.5)).snrDb(27.5).propagator(PropagatorKind.FRESNEL)
                .objectDistance(1.2e3).build());
        assertRoundTrip(TelescopeConfig.builder(64).aperture(new ObscuredAperture(9, 2.5, 0.75, 4))
                .noise(new CompositeNoise(List.of(new ShotNoise(30), new ReadoutNoise(0.01))))
                .propagator(PropagatorKind.ANGULAR_SPECTRUM).objectDistance(10).build());
        assertRoundTrip(TelescopeConfig.builder(32).aperture(SAMPLED).build());
    }

    @Test
    void sampledAperturesAreRecordedByTheirValues() {
        SampledAperture other = SampledAperture.of(Nd4j.zeros(2, 3, 2).addi(0.5));
        TelescopeConfig a = TelescopeConfig.builder(32).aperture(SAMPLED).build();
        TelescopeConfig b = TelescopeConfig.builder(32).aperture(other).build();
        assertNotEquals(a.toMap(), b.toMap(), "two sampled apertures of one size are told apart");
    }

    @Test
    void customOpticsAndBadMapsAreRefusedNamingTheKey() {
        Aperture custom = new Aperture() {
            @Override
            public double boundingRadius() {
                return 2;
            }

            @Override
            public double amplitude(double dy, double dx) {
                return 1;
            }
        };
        Map<String, Object> m = new LinkedHashMap<>(TelescopeConfig.builder(32).aperture(custom).build().toMap());
        assertMessage(m, "cannot be rebuilt from a map");
        m.put("aperture", Map.of("type", "circular", "radius", 3, "sides", 5));
        assertMessage(m, "unknown key sides");
        m.put("aperture", Map.of("type", "circular", "radius", "wide"));
        assertMessage(m, "key radius must be a number");
        m.put("aperture", Map.of("type", "circular", "radius", 3));
        m.put("propagator", "FAR_FIELD");
        assertMessage(m, "key propagator must be one of");
        m.put("propagator", "FRAUNHOFER");
        m.put("noise", Map.of("type", "poisson"));
        assertMessage(m, "type poisson cannot be rebuilt");
        m.put("noise", "none");
        m.put("focus", 1);
        assertMessage(m, "unknown key focus");
    }

    private static void assertMessage(Map<String, ?> m, String expected) {
        String msg = assertThrows(IllegalArgumentException.class, () -> TelescopeConfig.fromMap(m)).getMessage();
        assertTrue(msg.contains(expected), msg);
    }
}
