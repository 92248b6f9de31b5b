package org.prismjava.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.prismjava.objects.TestObjects;
import org.prismjava.sampling.Patterns;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.train.InitializationTarget;
import org.prismjava.train.ProgressiveTrainer;
import org.prismjava.train.Algorithm;
import org.prismjava.train.TrainerConfig;
import org.prismjava.train.TrainingContext;
import org.prismjava.train.TrainingListener;

/**
 * Runs the real trainer for many steps (every sample uses its whole budget) and prints the
 * process's resident memory after a warm-up and at the end, to check that memory does not grow.
 * Both points are read after a full garbage collection, so garbage waiting in a young generation
 * that has not been collected yet (the JVM sizes it to hundreds of MiB on a large machine) is
 * not mistaken for growth; the raw resident size is printed every 1,000 steps. The JVM grows
 * its heap on demand (up to a quarter of the machine's memory by default), which shows up as
 * resident memory until the heap reaches its working size; run with a bounded heap (e.g.
 * {@code -Xmx256m}) to see growth that is not the heap's. Linux only (reads /proc/self/status).
 *
 * <p>Arguments: {@code [N] [objectSize] [samples] [stepsPerSample] [warmupSteps]} (defaults
 * 512 128 10 1000 1000: 10,000 steps, measured from the end of the first sample).
 */
public final class MemoryCheck {
    private MemoryCheck() {
    }

    /** Runs the check and prints one line per 1,000 steps and a summary. */
    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int obj = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        long[] rss = new long[2];
        int[] count = new int[1];
        TrainingListener probe = new TrainingListener() {
            @Override
            public void onStepEnd(TrainingContext context, int sample, int step, double lossOld, double lossNew) {
                count[0]++;
                if (count[0] == warmup) {
                    rss[0] = residentAfterGcKiB();
                }
                if (count[0] % 1000 == 0) {
                    Runtime rt = Runtime.getRuntime();
                    System.out.printf(Locale.ROOT, "step %6d: resident %.1f MiB, heap committed %.1f MiB, used %.1f MiB%n",
                            count[0], residentKiB() / 1024.0, rt.totalMemory() / 1048576.0,
                            (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
                }
            }
        };
        TrainerConfig config = TrainerConfig.builder(Algorithm.REFERENCE).stepsPerCycle(steps).lossThreshold(Double.MIN_NORMAL)
                .initializationTarget(InitializationTarget.NONE).build();
        ProgressiveTrainer.builder()
                .setTelescope(new SubApertureTelescope(TelescopeConfig.builder(n).apertureRadius(16).build()))
                .setObject(TestObjects.europaLike(n, obj, 1)).setPattern(Patterns.fermat(samples, n / 2.0))
                .optConfig(config).addListener(probe).build().run();
        rss[1] = residentAfterGcKiB();
        System.out.printf(Locale.ROOT, "resident memory after a full GC: %.1f MiB after %d warm-up steps, %.1f MiB"
                + " after %d steps (%+.2f%%); N %d, object %d%n", rss[0] / 1024.0, warmup, rss[1] / 1024.0, count[0],
                100.0 * (rss[1] - rss[0]) / rss[0], n, obj);
    }

    private static long residentAfterGcKiB() {
        System.gc();
        return residentKiB();
    }

    /** VmRSS in KiB. */
    static long residentKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            throw new IllegalStateException("no VmRSS line in /proc/self/status");
        } catch (IOException e) {
            throw new IllegalStateException("resident memory needs Linux /proc/self/status", e);
        }
    }
}
