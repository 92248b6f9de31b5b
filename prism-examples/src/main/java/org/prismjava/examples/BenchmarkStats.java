package org.prismjava.examples;

import java.util.Arrays;

/** Summary statistics shared by the example benchmarks. */
public final class BenchmarkStats {
    private BenchmarkStats() {
    }

    /** The median (mean of the two middle values for an even count). */
    public static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
