package org.prismjava.examples.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.prismjava.optics.ComplexField;
import org.prismjava.optics.Fft2;
import org.prismjava.util.SeededRandom;

/** Centred 2-D complex FFT, forward then inverse, on a random field (ms per round trip). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FftBenchmark {
    @Param({"256", "512", "1024"})
    public int n;

    private Fft2 fft;
    private ComplexField field;

    /** A random field of edge n and its plan. */
    @Setup
    public void setUp() {
        fft = Fft2.cpu(n);
        field = ComplexField.zeros(n);
        SeededRandom rng = new SeededRandom(n);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                field.set(r, c, (float) rng.nextGaussian(), (float) rng.nextGaussian());
            }
        }
    }

    /** Forward and inverse transform (the inverse restores the field). */
    @Benchmark
    public ComplexField roundTrip() {
        fft.forward(field);
        fft.inverse(field);
        return field;
    }
}
