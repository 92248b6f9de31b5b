package org.prismjava.telescope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prismjava.objects.ObservedObject;
import org.prismjava.optics.Center;
import org.prismjava.optics.ComplexField;
import org.prismjava.optics.Fft2;
import org.prismjava.optics.PropagatorKind;
import org.prismjava.optics.Pupil;
import org.prismjava.util.SeededRandom;

/**
 * Telescope oracles: spec Appendix B.1 golden values adapted to the true inverse transform (the
 * reference's flipped forward FFT shifts even-N images by one pixel, spec 14 #11: sums and
 * maxima are unchanged, argmax moves by +1 on both axes, the all-pass image is the object
 * itself), Airy pattern (13.2 #10), Rayleigh limit, PSF, homogeneity, noise.
 */
class TelescopeTest {

    static ObservedObject square16() {
        float[] a = new float[256];
        for (int r = 6; r <= 9; r++) {
            for (int c = 6; c <= 9; c++) {
                a[r * 16 + c] = 1;
            }
        }
        return ObservedObject.of("square", 16, a);
    }

    static Telescope telescope(int n, double radius) {
        return new SubApertureTelescope(TelescopeConfig.builder(n).apertureRadius(radius).build());
    }

    static double[] stats(Measurement m) {
        int n = m.size();
        double sum = 0;
        double sum2 = 0;
        double max = -1;
        int arg = -1;
        for (int k = 0; k < n * n; k++) {
            float v = m.get(k / n, k % n);
            sum += v;
            sum2 += v * v;
            if (v > max) {
                max = v;
                arg = k;
            }
        }
        return new double[] {sum, max, arg / n, arg % n, sum2};
    }

    @Test
    void goldenMeasurementsThroughSubApertures() {
        ObservedObject f = square16();
        Telescope t = telescope(16, 3);
        assertEquals(29, t.pupil(Center.ORIGIN).pixelCount());
        double[] s = stats(t.measure(f, Center.ORIGIN));
        assertEquals(27.267174, s[0], 2e-5 * 27);
        assertEquals(1.058426, s[1], 2e-5);
        assertEquals(7, s[2]); // reference (6,6) shifted by +1
        assertEquals(7, s[3]);
        assertEquals(12.624808, s[4], 2e-5 * 12);
        s = stats(t.measure(f, new Center(2, -1)));
        assertEquals(29.566337, s[0], 2e-5 * 29);
        assertEquals(0.713983, s[1], 2e-5);
        assertEquals(7, s[2]); // reference (6,7)
        assertEquals(8, s[3]);
        assertEquals(8.340378, s[4], 2e-5 * 8);
    }

    @Test
    void allPassApertureReturnsTheObjectExactly() {
        ObservedObject f = square16();
        Measurement m = telescope(16, 3).measure(f, Pupil.fromMask(16, allTrue(256)));
        for (int r = 0; r < 16; r++) {
            for (int c = 0; c < 16; c++) {
                assertEquals(f.get(r, c), m.get(r, c), 1e-5, r + "," + c);
            }
        }
    }

    static boolean[] allTrue(int len) {
        boolean[] b = new boolean[len];
        java.util.Arrays.fill(b, true);
        return b;
    }

    @Test
    void parsevalHoldsForEveryMeasurement() {
        ObservedObject f = square16();
        Telescope t = telescope(16, 3);
        Pupil p = t.pupil(new Center(2, -1));
        ComplexField k = ComplexField.fromReal(f.amplitude());
        Fft2.cpu(16).forward(k);
        p.multiply(k, k, false);
        assertEquals(k.energy(), stats(t.measure(f, p))[4], 1e-5);
    }

    @Test
    void homogeneity() {
        ObservedObject f = square16();
        float[] twice = new float[256];
        for (int k = 0; k < 256; k++) {
            twice[k] = 2.5f * f.get(k / 16, k % 16);
        }
        Telescope t = telescope(16, 3);
        Measurement a = t.measure(f, new Center(1, 2));
        Measurement b = t.measure(ObservedObject.of("x2.5", 16, twice), new Center(1, 2));
        for (int k = 0; k < 256; k++) {
            assertEquals(2.5 * a.get(k / 16, k % 16), b.get(k / 16, k % 16), 1e-5);
        }
    }

    @Test
    void airyPatternOfACircularPupil() {
        int n = 1024;
        double radius = 32;
        Telescope t = telescope(n, radius);
        INDArray psf = t.psf(Center.ORIGIN);
        assertEquals(1.0, psf.maxNumber().doubleValue(), 1e-6);
        assertTrue(psf.minNumber().doubleValue() >= 0);
        // first minimum along the central row
        int firstMin = -1;
        for (int d = 1; d < 40; d++) {
            double v = psf.getDouble(n / 2, n / 2 + d);
            if (v < psf.getDouble(n / 2, n / 2 + d - 1) && v < psf.getDouble(n / 2, n / 2 + d + 1)) {
                firstMin = d;
                break;
            }
        }
        assertEquals(20, firstMin, "theory 0.61 N / R = 19.52 px");
        double total = psf.sumNumber().doubleValue();
        double inside = 0;
        double r0 = 0.61 * n / radius;
        for (int r = n / 2 - 25; r < n / 2 + 25; r++) {
            for (int c = n / 2 - 25; c < n / 2 + 25; c++) {
                if (Math.hypot(r - n / 2, c - n / 2) <= r0) {
                    inside += psf.getDouble(r, c);
                }
            }
        }
        assertEquals(0.8378, inside / total, 0.01, "encircled energy within the first dark ring");
        // radial profile against [2 J1(x) / x]^2 with x = 2 pi R r / N
        double err = 0;
        double norm = 0;
        for (int d = 1; d < 60; d++) {
            double x = 2 * Math.PI * radius * d / n;
            double j1 = besselJ1(x);
            double want = Math.pow(2 * j1 / x, 2);
            double got = psf.getDouble(n / 2, n / 2 + d);
            err += (got - want) * (got - want);
            norm += want * want;
        }
        assertTrue(Math.sqrt(err / norm) < 0.05, "relative L2 error " + Math.sqrt(err / norm));
    }

    /** J1 by its integral representation (Simpson, 2000 panels): plenty for a 5% oracle. */
    static double besselJ1(double x) {
        int m = 2000;
        double h = Math.PI / m;
        double s = 0;
        for (int i = 0; i <= m; i++) {
            double t = i * h;
            double w = i == 0 || i == m ? 1 : (i % 2 == 1 ? 4 : 2);
            s += w * Math.cos(t - x * Math.sin(t));
        }
        return s * h / 3 / Math.PI;
    }

    @Test
    void rayleighLimitIsExact() {
        TelescopeConfig c = TelescopeConfig.builder(64).wavelength(500e-9).apertureRadius(8.5).pixelSize(0.01).build();
        assertEquals(1.22 * 500e-9 / (17 * 0.01), new SubApertureTelescope(c).resolutionLimit(), 1e-15);
        TelescopeConfig d = c.toBuilder().apertureDiameter(2.4).build();
        assertEquals(1.22 * 500e-9 / 2.4, new SubApertureTelescope(d).resolutionLimit(), 1e-15);
    }

    @Test
    void psfShapeAndCentre() {
        INDArray psf = telescope(64, 5).psf(Center.ORIGIN);
        assertEquals(64, psf.rows());
        assertTrue(psf.getDouble(32, 32) > 0.8);
    }

    @Test
    void noiseIsSeededAndInAmplitudeUnits() {
        TelescopeConfig c = TelescopeConfig.builder(64).apertureRadius(20).snrDb(30).build();
        Telescope t = new SubApertureTelescope(c);
        float[] flat = new float[64 * 64];
        java.util.Arrays.fill(flat, 0.5f);
        ObservedObject f = ObservedObject.of("flat", 64, flat);
        Measurement clean = t.measure(f, Center.ORIGIN);
        Measurement a = t.addNoise(clean, new SeededRandom(1));
        Measurement b = t.addNoise(clean, new SeededRandom(1));
        Measurement other = t.addNoise(clean, new SeededRandom(2));
        assertTrue(a.isNoisy() && !clean.isNoisy());
        assertEquals(a.get(10, 10), b.get(10, 10));
        assertNotEquals(a.get(10, 10), other.get(10, 10));
        // amplitude units: the noisy amplitude stays near the clean amplitude (not its square)
        double mean = 0;
        for (int k = 0; k < 64 * 64; k++) {
            mean += a.get(k / 64, k % 64) - clean.get(k / 64, k % 64);
        }
        assertEquals(0, mean / (64 * 64), 0.01);
        // variance of intensity is I / snr_lin: check on the central pixel region
        double var = 0;
        int count = 0;
        for (int k = 0; k < 64 * 64; k++) {
            double i0 = Math.pow(clean.get(k / 64, k % 64), 2);
            double i1 = Math.pow(a.get(k / 64, k % 64), 2);
            if (i0 > 0.2) {
                var += (i1 - i0) * (i1 - i0) / (i0 / 1000.0);
                count++;
            }
        }
        assertEquals(1.0, var / count, 0.15, "normalised intensity variance");
    }

    @Test
    void configValidationNamesTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TelescopeConfig.builder(100).build());
        assertTrue(e.getMessage().startsWith("gridSize = 100"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TelescopeConfig.builder(64).wavelength(-1).build());
        assertTrue(e.getMessage().startsWith("wavelength = -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TelescopeConfig.builder(64).propagator(PropagatorKind.FRESNEL).build());
        assertTrue(e.getMessage().contains("objectDistance"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TelescopeConfig.builder(64).apertureRadius(-2).build());
        assertThrows(IllegalArgumentException.class, () -> TelescopeConfig.builder(64).apertureRadius(64).build());
        assertThrows(IllegalArgumentException.class, () -> TelescopeConfig.builder(64).snrDb(Double.NaN).build());
        Telescope t = telescope(32, 4);
        assertThrows(IllegalArgumentException.class, () -> t.measure(square16(), Center.ORIGIN));
    }

    @Test
    void nearFieldPropagatorsAreReallyUsed() {
        // Same object and aperture: Fresnel at a short distance differs from Fraunhofer.
        int n = 32;
        float[] a = new float[n * n];
        for (int k = 0; k < a.length; k++) {
            int r = k / n;
            int c = k % n;
            a[k] = (r >= 12 && r < 20 && c >= 10 && c < 22) ? 1 : 0;
        }
        ObservedObject f = ObservedObject.of("bar", n, a);
        TelescopeConfig base = TelescopeConfig.builder(n).wavelength(500e-9).pixelSize(1e-4).apertureRadius(6).build();
        TelescopeConfig near = base.toBuilder().propagator(PropagatorKind.FRESNEL).objectDistance(0.5).build();
        Measurement far = new SubApertureTelescope(base).measure(f, new Center(1, 2));
        Measurement fres = new SubApertureTelescope(near).measure(f, new Center(1, 2));
        double diff = 0;
        for (int k = 0; k < n * n; k++) {
            diff += Math.abs(far.get(k / n, k % n) - fres.get(k / n, k % n));
        }
        assertTrue(diff > 1e-2, "Fresnel must change the measurement, diff " + diff);
    }

    @Test
    void thePsfUsesTheInjectedFft() {
        int[] forwards = {0};
        org.prismjava.optics.Fft2 cpu = org.prismjava.optics.Fft2.cpu(32);
        org.prismjava.optics.Fft2 counting = new org.prismjava.optics.Fft2() {
            @Override
            public int size() {
                return 32;
            }

            @Override
            public void forward(org.prismjava.optics.ComplexField f) {
                forwards[0]++;
                cpu.forward(f);
            }

            @Override
            public void inverse(org.prismjava.optics.ComplexField f) {
                cpu.inverse(f);
            }
        };
        SubApertureTelescope t = new SubApertureTelescope(TelescopeConfig.builder(32).apertureRadius(4).build(), counting);
        INDArray psf = t.psf(Center.ORIGIN);
        assertEquals(1, forwards[0], "the PSF is the injected FFT's transform of the pupil");
        assertEquals(1.0, psf.maxNumber().doubleValue(), 1e-6);
    }
}
