package org.prismjava.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Poisson deviates: mean and variance on both sides of the method switch, and log-factorials. */
class SeededRandomPoissonTest {
    @ParameterizedTest
    @ValueSource(doubles = {0.3, 4, 9.99, 10, 57, 5000})
    void meanAndVarianceAreTheMean(double mean) {
        SeededRandom r = new SeededRandom(42);
        int n = 40000;
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            long k = r.nextPoisson(mean);
            s += k;
            s2 += (double) k * k;
        }
        double m = s / n;
        double v = s2 / n - m * m;
        assertEquals(mean, m, 5 * Math.sqrt(mean / n), "mean");
        assertEquals(mean, v, 6 * mean * Math.sqrt(2.0 / n) + 5 * Math.sqrt(mean / n), "variance");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 19, 20, 21, 170})
    void logFactorialIsExact(long k) {
        double exact = 0;
        for (long i = 2; i <= k; i++) {
            exact += Math.log(i);
        }
        assertEquals(exact, SeededRandom.logFactorial(k), 1e-9 * Math.max(1, exact));
    }
}
