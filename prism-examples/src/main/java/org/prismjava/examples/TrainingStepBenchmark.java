package org.prismjava.examples;

import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One progressive training step (generator forward, dual-branch physics, normalised L1 on old
 * and new targets, physics backward, generator backward, Adam) at N = 512 / object 128 (the
 * seed benchmark's size), timed per phase. Prints medians over the measured steps after a
 * warm-up. Threads of ND4J's native ops follow {@code OMP_NUM_THREADS}. {@link MemoryCheck}
 * measures memory over a long run.
 *
 * <p>Arguments: {@code [N] [objectSize] [steps]} (defaults 512 128 50).
 */
public final class TrainingStepBenchmark {
    private TrainingStepBenchmark() {
    }

    /** Runs the benchmark and prints one table. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int obj = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        StepFixture f = new StepFixture(n, obj);
        String[] phases = {"generator fwd", "physics fwd", "loss", "physics bwd", "generator bwd", "adam", "total"};
        int warm = 10;
        double[][] t = new double[phases.length][steps];
        for (int s = 0; s < warm + steps; s++) {
            long t0 = System.nanoTime();
            f.generatorForward();
            long t1 = System.nanoTime();
            f.physicsForward();
            long t2 = System.nanoTime();
            f.loss();
            long t3 = System.nanoTime();
            f.physicsBackward();
            long t4 = System.nanoTime();
            f.generatorBackward();
            long t5 = System.nanoTime();
            f.adam();
            long t6 = System.nanoTime();
            if (s >= warm) {
                long[] marks = {t0, t1, t2, t3, t4, t5, t6};
                for (int p = 0; p < 6; p++) {
                    t[p][s - warm] = (marks[p + 1] - marks[p]) / 1e6;
                }
                t[6][s - warm] = (t6 - t0) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "training step, N = %d, object %d, %d parameters, ND4J threads %d, %d steps"
                + " after %d warm-up (medians, ms)%n", n, obj, f.parameterCount(),
                Nd4j.getEnvironment().maxMasterThreads(), steps, warm);
        for (int p = 0; p < phases.length; p++) {
            System.out.printf(Locale.ROOT, "  %-14s %8.2f%n", phases[p], BenchmarkStats.median(t[p]));
        }
    }
}
