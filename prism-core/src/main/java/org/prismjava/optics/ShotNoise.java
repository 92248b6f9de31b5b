package org.prismjava.optics;

import org.prismjava.util.Checks;
import org.prismjava.util.SeededRandom;

/**
 * Photon shot noise in the Gaussian approximation at a signal-to-noise ratio in dB (spec 2.5):
 * {@code I <- max(0, I + g sqrt(I / snr))} with {@code snr = 10^(dB/10)} and {@code g} a standard
 * normal field rescaled to unit sample standard deviation. Unlike the reference, it is applied
 * to intensity and callers convert back to amplitude, so targets stay in amplitude units
 * (spec 14 #1).
 *
 * @param snrDb signal-to-noise ratio in decibels (power, 10 log10), finite and {@code > 0}
 */
public record ShotNoise(double snrDb) implements NoiseModel {
    /** Validates the SNR. */
    public ShotNoise {
        Checks.positive("snrDb", snrDb);
    }

    /** The linear SNR {@code 10^(dB/10)}. */
    public double linearSnr() {
        return Math.pow(10, snrDb / 10);
    }

    @Override
    public void apply(float[] intensity, SeededRandom rng) {
        int m = intensity.length;
        double[] g = new double[m];
        double mean = 0;
        for (int i = 0; i < m; i++) {
            g[i] = rng.nextGaussian();
            mean += g[i];
        }
        mean /= m;
        double var = 0;
        for (int i = 0; i < m; i++) {
            var += (g[i] - mean) * (g[i] - mean);
        }
        double std = m > 1 ? Math.sqrt(var / (m - 1)) : 1;
        double snr = linearSnr();
        for (int i = 0; i < m; i++) {
            double v = intensity[i];
            intensity[i] = (float) Math.max(0, v + g[i] / std * Math.sqrt(Math.max(v, 0) / snr));
        }
    }
}
