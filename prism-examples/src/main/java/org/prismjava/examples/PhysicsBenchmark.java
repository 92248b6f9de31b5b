package org.prismjava.examples;

import java.util.Locale;
import org.prismjava.measure.BoundedMeasurementCache;
import org.prismjava.measure.MeasurementCache;
import org.prismjava.measure.MeasurementKey;
import org.prismjava.objects.ObservedObject;
import org.prismjava.objects.TestObjects;
import org.prismjava.optics.Center;
import org.prismjava.optics.ComplexField;
import org.prismjava.optics.Fft2;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.util.SeededRandom;

/**
 * Benchmark of the physics foundation, single-threaded: centred 2-D complex FFT (forward, and
 * forward + inverse) at N = 256..2048, and one measurement-cache hit versus one miss (a full
 * sub-aperture measurement; a hit timed in batches of lookups) at N = 512 and 2048. Prints medians over repeats after warm-up as a
 * Markdown table. Run: {@code java -cp ... org.prismjava.examples.PhysicsBenchmark [repeats]}.
 */
public final class PhysicsBenchmark {
    private PhysicsBenchmark() {
    }

    /** Entry point; optional argument: repeats per size (default 31). */
    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 31;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Java %s, %s, %d cores available, single-threaded, medians of %d%n%n",
                System.getProperty("java.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), repeats));
        out.append("| N | FFT forward (ms) | FFT forward+inverse (ms) |\n|---|---|---|\n");
        for (int n : new int[] {256, 512, 1024, 2048}) {
            Fft2 fft = Fft2.cpu(n);
            ComplexField f = randomField(n);
            int warm = n >= 2048 ? 5 : 30;
            for (int i = 0; i < warm; i++) {
                fft.forward(f);
                fft.inverse(f);
            }
            double[] fwd = new double[repeats];
            double[] both = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                fft.forward(f);
                long t1 = System.nanoTime();
                fft.inverse(f);
                long t2 = System.nanoTime();
                fwd[i] = (t1 - t0) / 1e6;
                both[i] = (t2 - t0) / 1e6;
            }
            out.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f |%n", n, BenchmarkStats.median(fwd), BenchmarkStats.median(both)));
        }
        out.append(cacheTable(repeats, BoundedMeasurementCache::new));
        System.out.print(out);
    }

    /** Lookups per timed batch of hits (one hit is far below the timer's resolution). */
    private static final int HITS_PER_BATCH = 1000;

    /**
     * One cache miss (measure + put) against one hit (the median batch of {@value #HITS_PER_BATCH}
     * lookups of a cached key, divided by its size, after 200,000 warm-up lookups) at N = 512 and
     * 2048, for the cache {@code make} builds from (entries, bytes).
     */
    static String cacheTable(int repeats, java.util.function.BiFunction<Integer, Long, MeasurementCache> make) {
        StringBuilder out = new StringBuilder(
                "\n| N | cache miss: measure + put (ms) | cache hit (ms) | hit / miss |\n|---|---|---|---|\n");
        for (int n : new int[] {512, 2048}) {
            Telescope t = new SubApertureTelescope(TelescopeConfig.builder(n).apertureRadius(8.5).build());
            ObservedObject obj = TestObjects.europaLike(n, n / 4, 1);
            MeasurementCache cache = make.apply(4 * repeats + 64, Long.MAX_VALUE);
            double[] miss = new double[repeats];
            double[] hit = new double[repeats];
            int warm = n >= 2048 ? 3 : 20;
            for (int i = -warm; i < repeats; i++) {
                Center c = new Center(i + warm, 0.5 * i);
                MeasurementKey key = MeasurementKey.of(obj, t.config(), c);
                long t0 = System.nanoTime();
                cache.computeIfAbsent(key, () -> t.measure(obj, c));
                long t1 = System.nanoTime();
                if (i >= 0) {
                    miss[i] = (t1 - t0) / 1e6;
                }
            }
            MeasurementKey cached = MeasurementKey.of(obj, t.config(), new Center(warm, 0));
            for (int i = 0; i < 200_000; i++) {
                cache.computeIfAbsent(cached, () -> t.measure(obj, Center.ORIGIN));
            }
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                for (int j = 0; j < HITS_PER_BATCH; j++) {
                    cache.computeIfAbsent(cached, () -> t.measure(obj, Center.ORIGIN));
                }
                hit[i] = (System.nanoTime() - t0) / 1e6 / HITS_PER_BATCH;
            }
            double m = BenchmarkStats.median(miss);
            double h = BenchmarkStats.median(hit);
            out.append(String.format(Locale.ROOT, "| %d | %.3f | %.6f | %.5f%% |%n", n, m, h, 100 * h / m));
        }
        return out.toString();
    }

    private static ComplexField randomField(int n) {
        SeededRandom rng = new SeededRandom(n);
        ComplexField f = ComplexField.zeros(n);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                f.set(r, c, (float) rng.nextGaussian(), (float) rng.nextGaussian());
            }
        }
        return f;
    }
}
