package org.prismjava.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Spec 13.3 #14-15 and Appendix B.2 pixel counts. */
class ApertureTest {

    @Test
    void circularPixelCountsMatchGoldenValues() {
        assertEquals(225, new CircularAperture(8.5).pupil(256, Center.ORIGIN).pixelCount());
        assertEquals(317, new CircularAperture(10).pupil(256, Center.ORIGIN).pixelCount());
        assertEquals(1961, new CircularAperture(25).pupil(256, Center.ORIGIN).pixelCount());
        assertEquals(7845, new CircularAperture(50).pupil(256, Center.ORIGIN).pixelCount());
        assertTrue(new CircularAperture(10.5).pupil(256, Center.ORIGIN).pixelCount() > 317, "larger radius, more pixels");
    }

    @Test
    void hexagonParameterIsTheApothem() {
        Pupil p = new HexagonalAperture(20).pupil(256, Center.ORIGIN);
        assertEquals(1411, p.pixelCount());
        int minX = 999;
        int maxX = -999;
        int minY = 999;
        int maxY = -999;
        for (int r = 0; r < 256; r++) {
            for (int c = 0; c < 256; c++) {
                if (p.re(r, c) != 0) {
                    minX = Math.min(minX, c - 128);
                    maxX = Math.max(maxX, c - 128);
                    minY = Math.min(minY, r - 128);
                    maxY = Math.max(maxY, r - 128);
                }
            }
        }
        assertEquals(-20, minX);
        assertEquals(20, maxX);
        assertEquals(-23, minY);
        assertEquals(23, maxY);
    }

    @Test
    void obscuredWithSpidersMatchesGolden() {
        assertEquals(6800, new ObscuredAperture(50, 10, 2, 4).pupil(256, Center.ORIGIN).pixelCount());
        ObscuredAperture d = ObscuredAperture.of(40);
        assertEquals(4.0, d.innerRadius(), 1e-12);
        assertEquals(0, d.amplitude(0, 0), "centre is obscured by default");
    }

    @Test
    void aperturesAreTruncatedAtTheEdgeNotWrapped() {
        Pupil p = new CircularAperture(10).pupil(64, new Center(31, 0));
        assertTrue(p.pixelCount() < 317 && p.pixelCount() > 100);
        assertEquals(0f, p.re(0, 32), "no wrap-around to the top rows");
    }

    @Test
    void sampledAperturePlacesAComplexPupil() {
        float[] data = {1, 0, 0, 1, 0.5f, 0.5f, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, -1};
        SampledAperture a = SampledAperture.of(Nd4j.create(data, new long[] {3, 3, 2}));
        Pupil p = a.pupil(16, new Center(2, -1));
        // sample [0,1] (0+1i) lands one row above the centre, sample [2,2] (0-1i) one row below and right
        assertEquals(1f, p.re(10, 7), 1e-6); // sample [1,1] = 1 at grid (8+2, 8-1)
        assertEquals(1f, p.im(9, 7), 1e-6);
        assertEquals(-1f, p.im(11, 8), 1e-6);
        assertEquals(a, SampledAperture.of(Nd4j.create(data, new long[] {3, 3, 2})));
    }

    @Test
    void badInputIsRejectedWithTheParameterName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CircularAperture(0));
        assertTrue(e.getMessage().startsWith("radius = 0.0 is invalid"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CircularAperture(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new HexagonalAperture(-1));
        e = assertThrows(IllegalArgumentException.class, () -> new ObscuredAperture(10, 10, 0, 0));
        assertTrue(e.getMessage().contains("innerRadius"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CircularAperture(5).pupil(64, new Center(32, 0)));
        assertTrue(e.getMessage().contains("center.y = 32.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Center(Double.POSITIVE_INFINITY, 0));
        assertThrows(IllegalArgumentException.class, () -> new CircularAperture(5).pupil(100, Center.ORIGIN));
        e = assertThrows(IllegalArgumentException.class, () -> new CircularAperture(0.2).pupil(64, new Center(0.5, 0.5)));
        assertTrue(e.getMessage().contains("transmits no pixel"), e.getMessage());
    }
}
