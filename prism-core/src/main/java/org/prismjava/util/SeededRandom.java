package org.prismjava.util;

/**
 * The single seeded random source of a run (SplitMix64), with a state that can be saved and
 * restored exactly so that a resumed run draws the same numbers as an uninterrupted one.
 *
 * <p>Not thread-safe: give each thread its own instance (see {@link #split()}).
 */
public final class SeededRandom {
    private static final double DOUBLE_UNIT = 0x1.0p-53;
    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    /** A generator whose whole sequence is determined by {@code seed}. */
    public SeededRandom(long seed) {
        this.state = seed;
    }

    private SeededRandom(State saved) {
        this.state = saved.counter();
        this.hasSpare = saved.hasSpareGaussian();
        this.spareGaussian = saved.spareGaussian();
    }

    /**
     * Generator number {@code index} of the family {@code seed}: a pure function of both, so a
     * draw can be repeated (e.g. sample k's detector noise) without replaying earlier draws.
     */
    public static SeededRandom stream(long seed, long index) {
        SeededRandom mixer = new SeededRandom(seed ^ (index * 0xD1B54A32D192ED03L));
        mixer.nextLong();
        return new SeededRandom(mixer.nextLong());
    }

    /** Recreates a generator from {@link #state()}. */
    public static SeededRandom restore(State saved) {
        return new SeededRandom(saved);
    }

    /** The complete state; {@link #restore(State)} continues the same sequence. */
    public State state() {
        return new State(state, hasSpare, spareGaussian);
    }

    /** Next 64 random bits. */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        Checks.positive("bound", bound);
        return (int) Math.floor(nextDouble() * bound);
    }

    /** Standard normal (Marsaglia polar method). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * m;
        hasSpare = true;
        return u * m;
    }

    /**
     * A Poisson deviate of the given mean: multiplication of uniforms below mean 10, Hoermann's
     * transformed rejection with squeeze (PTRS, 1993) above.
     *
     * @param mean finite and {@code >= 0}
     */
    public long nextPoisson(double mean) {
        Checks.check(Double.isFinite(mean) && mean >= 0, "mean", mean, "must be finite and >= 0");
        if (mean < 10) {
            double limit = Math.exp(-mean);
            long k = 0;
            double p = nextDouble();
            while (p > limit) {
                k++;
                p *= nextDouble();
            }
            return k;
        }
        double root = Math.sqrt(mean);
        double logMean = Math.log(mean);
        double b = 0.931 + 2.53 * root;
        double a = -0.059 + 0.02483 * b;
        double inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = nextDouble() - 0.5;
            double v = nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b)
                    <= -mean + k * logMean - logFactorial(k)) {
                return k;
            }
        }
    }

    /** {@code log(k!)}: summed below 20, Stirling's series (error under 1e-12) above. */
    static double logFactorial(long k) {
        if (k < 20) {
            double s = 0;
            for (long i = 2; i <= k; i++) {
                s += Math.log(i);
            }
            return s;
        }
        double z = k + 1;
        double z2 = z * z;
        return (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI)
                + 1 / (12 * z) - 1 / (360 * z * z2) + 1 / (1260 * z * z2 * z2);
    }

    /** An independent generator seeded from this one (advances this generator by one draw). */
    public SeededRandom split() {
        return new SeededRandom(nextLong());
    }

    /**
     * Saved generator state.
     *
     * @param counter the SplitMix64 counter
     * @param hasSpareGaussian whether a second normal deviate is pending
     * @param spareGaussian the pending deviate
     */
    public record State(long counter, boolean hasSpareGaussian, double spareGaussian) {
    }
}
