package org.prismjava.examples;

import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;
import org.prismjava.backend.Backends;
import org.prismjava.backend.ComputeBackend;

/**
 * One progressive training step (generator forward, dual-branch physics, normalised L1 on old
 * and new targets, physics backward, generator backward, Adam) at N = 512 / object 128 (the
 * seed benchmark's size), through a backend's {@link org.prismjava.step.TrainingStep}, timed in
 * its two halves (evaluate, update). Prints medians over the measured steps after a warm-up.
 * Threads of ND4J's native ops follow {@code OMP_NUM_THREADS}. {@link MemoryCheck} measures
 * memory over a long run.
 *
 * <p>Arguments: {@code [N] [objectSize] [steps] [backend]} (defaults 512 128 50 cpu).
 */
public final class TrainingStepBenchmark {
    private TrainingStepBenchmark() {
    }

    /** Runs the benchmark and prints one table. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int obj = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        ComputeBackend backend = Backends.byName(args.length > 3 ? args[3] : "cpu");
        StepFixture f = new StepFixture(backend, n, obj);
        String[] phases = {"evaluate", "update", "total"};
        int warm = 10;
        double[][] t = new double[phases.length][steps];
        for (int s = 0; s < warm + steps; s++) {
            long t0 = System.nanoTime();
            f.evaluate();
            long t1 = System.nanoTime();
            f.update();
            long t2 = System.nanoTime();
            if (s >= warm) {
                t[0][s - warm] = (t1 - t0) / 1e6;
                t[1][s - warm] = (t2 - t1) / 1e6;
                t[2][s - warm] = (t2 - t0) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "training step on %s, N = %d, object %d, %d parameters, ND4J threads %d, %d"
                + " steps after %d warm-up (medians, ms)%n", backend.name(), n, obj, f.parameterCount(),
                Nd4j.getEnvironment().maxMasterThreads(), steps, warm);
        for (int p = 0; p < phases.length; p++) {
            System.out.printf(Locale.ROOT, "  %-14s %8.2f%n", phases[p], BenchmarkStats.median(t[p]));
        }
    }
}
