package org.prismjava.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.prismjava.backend.ComputeBackend;
import org.prismjava.backend.Precision;
import org.prismjava.examples.BenchmarkStats;
import org.prismjava.measure.CacheStats;
import org.prismjava.objects.ObservedObject;
import org.prismjava.objects.TestObjects;
import org.prismjava.sampling.Patterns;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.train.CachePolicy;
import org.prismjava.train.InitializationTarget;
import org.prismjava.train.ProgressiveTrainer;
import org.prismjava.train.Provenance;
import org.prismjava.train.Algorithm;
import org.prismjava.train.TrainerConfig;
import org.prismjava.train.TrainingResult;
import org.prismjava.util.AtomicFiles;
import org.prismjava.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code prism bench}: the seed's progressive benchmark (PRISM-SPEC 11.2), baseline and
 * optimized in one run. Both modes run the same trainer loop with {@code measure()} inside
 * every step; they differ only in the trainer's optimization switches.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Progressive-training benchmark, baseline vs optimized, measure() in every step.",
            "baseline:  cache cleared after every call, separate old/new physics, buffers",
            "           reallocated every step.",
            "optimized: cache kept, fused physics, buffers reused.",
            "Every sample runs all its epochs; no initialization phase.", ""})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--samples", paramLabel = "COUNT", defaultValue = "20",
            description = "Sample positions (Fermat). Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--epochs", paramLabel = "STEPS", defaultValue = "50",
            description = "Training steps per sample, each calling measure(). Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--image-size", paramLabel = "N", defaultValue = "512",
            description = "Grid size N. Default: ${DEFAULT-VALUE}.")
    int imageSize;

    @Option(names = "--object-size", paramLabel = "PX", defaultValue = "128",
            description = "Object size in pixels. Default: ${DEFAULT-VALUE}.")
    int objectSize;

    @Option(names = "--aperture-radius", paramLabel = "PX", defaultValue = "" + TelescopeConfig.DEFAULT_APERTURE_RADIUS,
            description = "Sub-aperture radius in pixels. Default: ${DEFAULT-VALUE} (the reference's 17 px"
                    + " diameter).")
    double apertureRadius;

    @Option(names = "--repeats", paramLabel = "COUNT", defaultValue = "1",
            description = "Runs per mode, alternating baseline and optimized; the table shows medians."
                    + " Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "auto",
            description = "Compute backend: auto, cpu, cuda. Default: ${DEFAULT-VALUE}.")
    String backend;

    @Option(names = "--precision", paramLabel = "NAME", defaultValue = "fp32",
            description = "Generator arithmetic: fp32, mixed-fp16, mixed-bf16 (emulated on the cpu backend)."
                    + " Default: ${DEFAULT-VALUE}.")
    String precision;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Override
    public Integer call() throws IOException {
        if (samples < 1 || epochs < 1 || repeats < 1) {
            throw new PrismCommand.UsageException("--samples, --epochs and --repeats must be >= 1 (got " + samples
                    + ", " + epochs + ", " + repeats + ")");
        }
        Precision arithmetic = Precision.byName(precision);
        ComputeBackend compute = Backends.resolve(backend, arithmetic);
        Telescope telescope = new SubApertureTelescope(
                TelescopeConfig.builder(imageSize).apertureRadius(apertureRadius).build(), compute.fft2(imageSize));
        ObservedObject object = TestObjects.europaLike(imageSize, objectSize, seed);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "bench: %d samples x %d epochs, N %d, object %d, aperture radius %.1f, %d repeat(s),"
                + " backend %s, %s%n", samples, epochs, imageSize, objectSize, apertureRadius, repeats, compute.name(),
                arithmetic.id());
        List<TrainingResult> base = new ArrayList<>();
        List<TrainingResult> opt = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            base.add(run(telescope, compute, arithmetic, object, false));
            out.printf(Locale.ROOT, "  repeat %d baseline  %.2f s%n", r + 1, base.get(r).seconds());
            opt.add(run(telescope, compute, arithmetic, object, true));
            out.printf(Locale.ROOT, "  repeat %d optimized %.2f s%n", r + 1, opt.get(r).seconds());
        }
        Map<String, Object> baseline = mode(base);
        Map<String, Object> optimized = mode(opt);
        double speedup = (double) baseline.get("totalSeconds") / (double) optimized.get("totalSeconds");
        out.println();
        out.println(table(baseline, optimized, speedup, compute.name(), arithmetic.id()));
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("baseline", baseline);
            doc.put("optimized", optimized);
            doc.put("speedup", speedup);
            Map<String, Object> config = config(compute, arithmetic);
            doc.put("config", config);
            doc.put("provenance", Provenance.of(compute, arithmetic, seed, config).toMap());
            AtomicFiles.writeString(json, Json.write(doc));
            out.println("wrote " + json);
        }
        return 0;
    }

    private TrainingResult run(Telescope telescope, ComputeBackend compute, Precision arithmetic, ObservedObject object,
            boolean optimized) {
        TrainerConfig c = TrainerConfig.builder(Algorithm.REFERENCE).stepsPerCycle(epochs).lossThreshold(Double.MIN_NORMAL)
                .initializationTarget(InitializationTarget.NONE).measureEveryStep(true).seed(seed)
                .cachePolicy(optimized ? CachePolicy.KEEP : CachePolicy.CLEAR_AFTER_EACH_CALL)
                .fusedPhysics(optimized).reuseBuffers(optimized).precision(arithmetic).build();
        return ProgressiveTrainer.builder().setTelescope(telescope).setObject(object)
                .setPattern(Patterns.fermat(samples, imageSize / 2.0)).optConfig(c).optBackend(compute).build().run();
    }

    private Map<String, Object> mode(List<TrainingResult> runs) {
        double[] seconds = runs.stream().mapToDouble(TrainingResult::seconds).toArray();
        double total = BenchmarkStats.median(seconds);
        TrainingResult last = runs.get(runs.size() - 1);
        CacheStats cs = last.cacheStats();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("totalSeconds", total);
        m.put("msPerIteration", total * 1000 / ((long) samples * epochs));
        m.put("cache", new LinkedHashMap<>(Map.of("hits", cs.hits(), "misses", cs.misses(), "hitRate",
                cs.hitRate())));
        m.put("ssim", last.last().map(s -> s.ssim()).orElse(Double.NaN));
        m.put("psnr", last.last().map(s -> s.psnr()).orElse(Double.NaN));
        m.put("runsSeconds", Arrays.stream(seconds).boxed().toList());
        return m;
    }

    private Map<String, Object> config(ComputeBackend compute, Precision arithmetic) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", samples);
        m.put("epochs", epochs);
        m.put("imageSize", imageSize);
        m.put("objectSize", objectSize);
        m.put("apertureRadius", apertureRadius);
        m.put("pattern", "fermat");
        m.put("patternRadius", imageSize / 2.0);
        m.put("repeats", repeats);
        m.put("seed", seed);
        m.put("backend", compute.name());
        m.put("precision", arithmetic.id());
        m.put("threads", System.getenv().getOrDefault("OMP_NUM_THREADS", "default"));
        return m;
    }

    private static String table(Map<String, Object> b, Map<String, Object> o, double speedup, String backend,
            String precision) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-10s %9s %9s %8s %6s %7s %7s %7s %7s %-8s %-9s%n", "mode", "total s",
                "ms/iter", "speedup", "hits", "misses", "hit %", "SSIM", "PSNR", "backend", "precision"));
        sb.append(row("baseline", b, 1.0, backend, precision));
        sb.append(row("optimized", o, speedup, backend, precision));
        return sb.toString();
    }

    private static String row(String name, Map<String, Object> m, double speedup, String backend,
            String precision) {
        @SuppressWarnings("unchecked")
        Map<String, Object> cache = (Map<String, Object>) m.get("cache");
        return String.format(Locale.ROOT, "%-10s %9.2f %9.2f %7.2fx %6d %7d %6.1f%% %7.3f %7.2f %-8s %-9s%n", name,
                (double) m.get("totalSeconds"), (double) m.get("msPerIteration"), speedup, (long) cache.get("hits"),
                (long) cache.get("misses"), 100 * (double) cache.get("hitRate"), (double) m.get("ssim"),
                (double) m.get("psnr"), backend, precision);
    }
}
