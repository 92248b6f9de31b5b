package org.prismjava.optics;

import java.util.Map;
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

    /**
     * {@code E sqrt(max(0, I + g sqrt(I / snr)))} for {@code I = a^2}: with {@code u = a sqrt(snr)}
     * it is {@code H(u) / sqrt(snr)}, {@code H(u) = E sqrt(max(0, u^2 + u g))}, a function of one
     * variable tabulated once ({@link BiasTable}); {@code H(u) -> u} for bright pixels.
     */
    @Override
    public double expectedAmplitude(double a) {
        double root = Math.sqrt(linearSnr());
        return BiasTable.value(Math.max(0, a) * root) / root;
    }

    @Override
    public double expectedAmplitudeSlope(double a) {
        return BiasTable.slope(Math.max(0, a) * Math.sqrt(linearSnr()));
    }

    /**
     * {@code H(u) = E sqrt(max(0, u^2 + u g))}, g standard normal, as {@code sqrt(u) h(u)} with
     * {@code h(u) = E sqrt(max(0, u + g))} tabulated on a grid of step 1/64 up to u = 64 (h is
     * smooth at 0 where H has a square-root cusp, so interpolating h is accurate everywhere);
     * {@code h} is computed by quadrature after substituting {@code g = t^2 - u}, which removes the
     * square root. Above the grid {@code H(u) = u - 1 / (8u)} (its asymptotic expansion).
     */
    static final class BiasTable {
        private static final double STEP = 1.0 / 64;
        private static final int SIZE = 64 * 64 + 1;
        private static final double[] SMOOTH = build();

        private BiasTable() {
        }

        private static double[] build() {
            double[] h = new double[SIZE];
            int steps = 2000;
            for (int i = 0; i < SIZE; i++) {
                double u = i * STEP;
                double top = Math.sqrt(u + 9);
                double dt = top / steps;
                double sum = 0;
                for (int k = 0; k <= steps; k++) {
                    double t = k * dt;
                    double g = t * t - u;
                    double f = 2 * t * t * Math.exp(-0.5 * g * g) / Math.sqrt(2 * Math.PI);
                    sum += (k == 0 || k == steps ? 1 : k % 2 == 1 ? 4 : 2) * f;
                }
                h[i] = sum * dt / 3;
            }
            return h;
        }

        static double value(double u) {
            if (u >= (SIZE - 1) * STEP) {
                return u - 1 / (8 * u);
            }
            double x = u / STEP;
            int i = (int) x;
            double f = x - i;
            return Math.sqrt(u) * (SMOOTH[i] + f * (SMOOTH[i + 1] - SMOOTH[i]));
        }

        /** dH/du; finite at u = 0 by evaluating it a quarter step away from the cusp. */
        static double slope(double u) {
            if (u >= (SIZE - 1) * STEP) {
                return 1 + 1 / (8 * u * u);
            }
            double v = Math.max(u, STEP / 4);
            double x = v / STEP;
            int i = (int) x;
            double f = x - i;
            double h = SMOOTH[i] + f * (SMOOTH[i + 1] - SMOOTH[i]);
            double dh = (SMOOTH[i + 1] - SMOOTH[i]) / STEP;
            return h / (2 * Math.sqrt(v)) + Math.sqrt(v) * dh;
        }
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

    @Override
    public Map<String, Object> toMap() {
        return Map.of("type", "shot", "snrDb", snrDb);
    }
}
