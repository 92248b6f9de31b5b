package org.prismjava.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.prismjava.util.SeededRandom;

/**
 * The expected recorded amplitude of shot noise against a Monte-Carlo average of the noise model
 * itself, and its slope against finite differences.
 */
class ShotNoiseBiasTest {
    @ParameterizedTest
    @CsvSource({"20, 0.002", "20, 0.01", "20, 0.05", "20, 0.3", "20, 1.0", "30, 0.01", "10, 0.2"})
    void expectedAmplitudeIsTheMeanOfTheRecordedAmplitude(double snrDb, double a) {
        ShotNoise noise = new ShotNoise(snrDb);
        int m = 400_000;
        float[] intensity = new float[m];
        java.util.Arrays.fill(intensity, (float) (a * a));
        noise.apply(intensity, new SeededRandom(11));
        double mean = 0;
        for (float v : intensity) {
            mean += Math.sqrt(Math.max(0, v));
        }
        mean /= m;
        double expected = noise.expectedAmplitude(a);
        assertEquals(mean, expected, 0.004 * mean + 1e-6, "SNR " + snrDb + " dB, a = " + a);
        if (a < 0.02 && snrDb == 20) {
            assertTrue(expected > 1.2 * a, "dim pixels record more than their noiseless amplitude on average");
        }
        double h = 1e-4 * Math.max(a, 0.01);
        double fd = (noise.expectedAmplitude(a + h) - noise.expectedAmplitude(a - h)) / (2 * h);
        assertEquals(fd, noise.expectedAmplitudeSlope(a), 0.02 * Math.abs(fd) + 1e-3, "slope");
    }

    @ParameterizedTest
    @CsvSource({"0.0", "0.5", "2.0"})
    void modelsWithoutAKnownBiasUseTheIdentity(double a) {
        NoiseModel readout = new ReadoutNoise(0.1);
        assertEquals(a, readout.expectedAmplitude(a));
        assertEquals(1, readout.expectedAmplitudeSlope(a));
    }
}
