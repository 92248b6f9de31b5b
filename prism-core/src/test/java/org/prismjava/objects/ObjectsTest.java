package org.prismjava.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prismjava.optics.Region;

/** Spec 9.2 physics table (Appendix B.6), built-in objects, image round trip, validation. */
class ObjectsTest {

    @Test
    void presetPhysicsMatchesTheTable() {
        AstronomicalPreset e = AstronomicalPreset.EUROPA;
        assertEquals(4.2883e4, e.objectPixelSize(1024, 0.01), 5);
        assertEquals(73, e.objectPixels(1024, 0.01));
        assertEquals(17, e.derivedSampleDiameter(0.01));
        assertEquals(2.39e-4, e.fresnelNumber(1024, 0.01), 0.01e-4);
        assertEquals(36, e.objectPixels(512, 0.01));
        assertEquals(21, AstronomicalPreset.TITAN.objectPixels(1024, 0.01));
        assertEquals(235, AstronomicalPreset.NEPTUNE.objectPixels(1024, 0.01));
        assertEquals(117, AstronomicalPreset.NEPTUNE.objectPixels(512, 0.01));
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> AstronomicalPreset.BETELGEUSE.validatedObjectPixels(1024, 0.01));
        assertTrue(x.getMessage().startsWith("objectSize(betelgeuse) = 3"), x.getMessage());
        assertEquals(AstronomicalPreset.TITAN, AstronomicalPreset.byName("Titan"));
        assertThrows(IllegalArgumentException.class, () -> AstronomicalPreset.byName("pluto"));
    }

    @Test
    void builtInObjectsAreCentredAmplitudesInUnitRange() {
        for (String name : TestObjects.NAMES) {
            ObservedObject o = TestObjects.byName(name, 128, 64, 1);
            Region box = Region.centred(128, 64);
            assertTrue(o.support().rowFrom() >= box.rowFrom() && o.support().rowTo() <= box.rowTo(), name);
            assertTrue(o.support().colFrom() >= box.colFrom() && o.support().colTo() <= box.colTo(), name);
            assertTrue(o.support().height() >= 16, name);
            float max = 0;
            for (int r = 0; r < 128; r++) {
                for (int c = 0; c < 128; c++) {
                    max = Math.max(max, o.get(r, c));
                }
            }
            assertEquals(1f, max, 1e-6, name);
        }
        assertEquals(TestObjects.europaLike(64, 32, 5).fingerprint(), TestObjects.europaLike(64, 32, 5).fingerprint());
        assertNotEquals(TestObjects.europaLike(64, 32, 5).fingerprint(), TestObjects.europaLike(64, 32, 6).fingerprint());
        assertThrows(IllegalArgumentException.class, () -> TestObjects.byName("moon", 64, 32, 1));
        assertThrows(IllegalArgumentException.class, () -> TestObjects.europaLike(64, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> TestObjects.europaLike(64, 65, 1));
    }

    @Test
    void pngRoundTripKeepsTheAmplitudeConvention(@TempDir Path dir) throws Exception {
        ObservedObject star = TestObjects.siemensStar(64, 64, 8);
        float[] intensity = new float[64 * 64];
        for (int k = 0; k < intensity.length; k++) {
            float a = star.get(k / 64, k % 64);
            intensity[k] = a * a;
        }
        Path png = dir.resolve("star.png");
        ImageFiles.writePng(png, intensity, 64, 64);
        ObservedObject back = ImageFiles.load(png, 128, 64, false);
        assertEquals("star", back.name());
        // amplitude = sqrt(normalised intensity); 8-bit quantisation limits the agreement
        for (int r = 0; r < 64; r += 7) {
            for (int c = 0; c < 64; c += 5) {
                assertEquals(star.get(r, c), back.get(r + 32, c + 32), 0.05, r + "," + c);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ImageFiles.load(dir.resolve("missing.png"), 64, 32, false));
    }

    @Test
    void observedObjectRejectsBadAmplitudes() {
        float[] a = new float[64];
        a[3] = -1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ObservedObject.of("x", 8, a));
        assertTrue(e.getMessage().startsWith("amplitude[3] = -1.0"), e.getMessage());
        a[3] = Float.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> ObservedObject.of("x", 8, a));
        assertThrows(IllegalArgumentException.class, () -> ObservedObject.of("x", 8, new float[64]));
        assertThrows(IllegalArgumentException.class, () -> ObservedObject.of("x", 12, new float[144]));
        assertThrows(IllegalArgumentException.class, () -> ObservedObject.of("x", 8, new float[10]));
    }
}
