package org.prismjava.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.prismjava.util.SeededRandom;

/** Oracles of spec 13.1 for the centred orthonormal FFT, plus agreement with a naive DFT. */
public class FftTest {

    public static ComplexField random(int n, long seed) {
        SeededRandom rng = new SeededRandom(seed);
        ComplexField f = ComplexField.zeros(n);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                f.set(r, c, (float) rng.nextGaussian(), (float) rng.nextGaussian());
            }
        }
        return f;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8, 16, 32})
    void matchesTheDefinition(int n) {
        NaiveDft.assertMatchesDefinition(Fft2.cpu(n), 7 + n);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 128, 256})
    void parsevalAndRoundTrip(int n) {
        ComplexField x = random(n, n);
        ComplexField orig = x.copy();
        double e0 = x.energy();
        Fft2 fft = Fft2.cpu(n);
        fft.forward(x);
        assertEquals(e0, x.energy(), 1e-5 * e0, "Parseval");
        fft.inverse(x);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                assertEquals(orig.re(r, c), x.re(r, c), 1e-4);
                assertEquals(orig.im(r, c), x.im(r, c), 1e-4);
            }
        }
    }

    @Test
    void dcOfOnesIsN() {
        ComplexField f = ComplexField.zeros(8);
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                f.set(r, c, 1, 0);
            }
        }
        Fft2.cpu(8).forward(f);
        assertEquals(8.0, f.re(4, 4), 1e-5);
        assertEquals(0.0, f.re(3, 4), 1e-5);
    }

    @Test
    void linearity() {
        int n = 64;
        ComplexField a = random(n, 1);
        ComplexField b = random(n, 2);
        ComplexField sum = a.copy();
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                sum.set(r, c, a.re(r, c) + b.re(r, c), a.im(r, c) + b.im(r, c));
            }
        }
        Fft2 fft = Fft2.cpu(n);
        fft.forward(a);
        fft.forward(b);
        fft.forward(sum);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                assertEquals(a.re(r, c) + b.re(r, c), sum.re(r, c), 1e-4);
                assertEquals(a.im(r, c) + b.im(r, c), sum.im(r, c), 1e-4);
            }
        }
    }

    @Test
    void doubleForwardIsAPointReflectionAboutTheCentre() {
        // spec 13.1 #5 adapted: CF(CF(delta at centre offset)) lands at the reflected pixel
        int n = 8;
        ComplexField f = ComplexField.zeros(n);
        f.set(5, 2, 1, 0);
        Fft2 fft = Fft2.cpu(n);
        fft.forward(f);
        fft.forward(f);
        // index i -> (N - i) mod N for even N: (5,2) -> (3,6)
        assertEquals(1.0, f.re(3, 6), 1e-5);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void prunedTransformEqualsFullOnTheNeededRows(boolean inverse) {
        int n = 64;
        Region support = new Region(20, 31, 5, 17);
        ComplexField x = ComplexField.zeros(n);
        ComplexField dense = random(n, 3);
        for (int r = support.rowFrom(); r < support.rowTo(); r++) {
            for (int c = support.colFrom(); c < support.colTo(); c++) {
                x.set(r, c, dense.re(r, c), dense.im(r, c));
            }
        }
        ComplexField full = x.copy();
        Fft2 fft = Fft2.cpu(n);
        if (inverse) {
            fft.inverse(full);
            fft.inverse(x, support, 10, 40);
        } else {
            fft.forward(full);
            fft.forward(x, support, 10, 40);
        }
        for (int r = 10; r < 40; r++) {
            for (int c = 0; c < n; c++) {
                assertEquals(full.re(r, c), x.re(r, c), 1e-5);
                assertEquals(full.im(r, c), x.im(r, c), 1e-5);
            }
        }
        // With all output rows requested, the pruned transform is the full transform everywhere.
        ComplexField y = ComplexField.zeros(n);
        for (int r = support.rowFrom(); r < support.rowTo(); r++) {
            for (int c = support.colFrom(); c < support.colTo(); c++) {
                y.set(r, c, dense.re(r, c), dense.im(r, c));
            }
        }
        if (inverse) {
            fft.inverse(y, support, 0, n);
        } else {
            fft.forward(y, support, 0, n);
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                assertEquals(full.re(r, c), y.re(r, c), 1e-5);
            }
        }
    }

    @Test
    void rejectsBadSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fft2.cpu(100));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("n = 100"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fft2.cpu(0));
        assertThrows(IllegalArgumentException.class, () -> Fft2.cpu(-8));
        assertThrows(IllegalArgumentException.class, () -> Fft2.cpu(64).forward(ComplexField.zeros(32)));
    }
}
