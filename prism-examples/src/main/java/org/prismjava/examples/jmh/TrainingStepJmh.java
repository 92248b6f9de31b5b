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
import org.prismjava.backend.Backends;
import org.prismjava.examples.StepFixture;

/** One training step (generator, fused physics, L1 on both targets, backward, Adam), ms per step. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TrainingStepJmh {
    @Param({"512"})
    public int n;

    private StepFixture fixture;

    /** The seed benchmark's size: object N/4. */
    @Setup
    public void setUp() {
        fixture = new StepFixture(Backends.cpu(), n, n / 4);
    }

    /** Forward, loss, backward and update. */
    @Benchmark
    public double step() {
        return fixture.step();
    }
}
