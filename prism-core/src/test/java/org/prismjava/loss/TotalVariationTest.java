package org.prismjava.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.prismjava.optics.Region;
import org.prismjava.util.SeededRandom;

/** Total variation: golden values, gradient against finite differences, region and validation. */
class TotalVariationTest {
    static final int N = 8;
    static final Region R = new Region(2, 6, 1, 6);

    @Test
    void constantImagesHaveNoVariationAndAStepHasItsHeight() {
        float[] img = new float[N * N];
        java.util.Arrays.fill(img, 0.7f);
        assertEquals(0, TotalVariation.STANDARD.addTo(img, N, R, 1, null), 1e-12);
        // A vertical step of 1 between columns 3 and 4 inside the 4x5 region: 4 of the 31 pairs differ by 1.
        for (int r = 0; r < N; r++) {
            for (int c = 4; c < N; c++) {
                img[r * N + c] = 1.7f;
            }
        }
        double pairs = 4 * 4 + 5 * 3;
        double expected = 4 * (Math.sqrt(1 + 1e-6) - 1e-3) / pairs;
        assertEquals(expected, TotalVariation.STANDARD.addTo(img, N, R, 1, null), 1e-7);
        assertEquals(3 * expected, TotalVariation.STANDARD.addTo(img, N, R, 3, null), 1e-7, "weight scales it");
    }

    @Test
    void gradientMatchesFiniteDifferencesAndStaysInTheRegion() {
        TotalVariation tv = new TotalVariation(0.05);
        SeededRandom rng = new SeededRandom(3);
        float[] img = new float[N * N];
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) rng.nextDouble();
        }
        float[] grad = new float[N * N];
        grad[0] = 5;
        tv.addTo(img, N, R, 2, grad);
        assertEquals(5, grad[0], 0, "the gradient is added, and nothing outside the region");
        for (int r = R.rowFrom(); r < R.rowTo(); r++) {
            for (int c = R.colFrom(); c < R.colTo(); c++) {
                int k = r * N + c;
                float h = 1e-3f;
                float[] p = img.clone();
                float[] m = img.clone();
                p[k] += h;
                m[k] -= h;
                double fd = (tv.addTo(p, N, R, 2, null) - tv.addTo(m, N, R, 2, null)) / (2 * h);
                assertEquals(fd, grad[k], 1e-3 * Math.max(1, Math.abs(fd)), "pixel " + k);
            }
        }
        assertEquals(0, grad[N * N - 1], 0);
    }

    @Test
    void badInputIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TotalVariation(0)).getMessage()
                .startsWith("epsilon = 0.0 is invalid"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TotalVariation.STANDARD.addTo(new float[N * N], N, R, -1, null)).getMessage()
                .startsWith("weight = -1.0 is invalid"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TotalVariation.STANDARD.addTo(new float[N * N], N, new Region(0, 9, 0, 2), 1, null)).getMessage()
                .startsWith("region = Region[rowFrom=0, rowTo=9"));
    }
}
