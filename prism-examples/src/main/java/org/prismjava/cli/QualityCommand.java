package org.prismjava.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.prismjava.backend.ComputeBackend;
import org.prismjava.baseline.Reconstructor;
import org.prismjava.compare.Baselines;
import org.prismjava.compare.Comparison;
import org.prismjava.examples.BenchmarkStats;
import org.prismjava.objects.ObservedObject;
import org.prismjava.telescope.Telescope;
import org.prismjava.train.Algorithm;
import org.prismjava.train.Provenance;
import org.prismjava.train.RunSeeds;
import org.prismjava.train.TrainerConfig;
import org.prismjava.util.AtomicFiles;
import org.prismjava.util.Json;
import org.prismjava.util.StoredFields;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code prism quality}: the reconstruction-quality benchmark. Every combination of object,
 * sample count, noise level and seed is one {@link Comparison} (all methods on identical
 * measurements, the defaults of {@code prism reconstruct} otherwise); the table gives, per
 * object, sample count and noise level, each method's median and worst SSIM, median PSNR and
 * median seconds. Runs are independent and spread over {@code --threads} workers (one BLAS
 * thread each); every finished run is saved to the JSON at once, so a long benchmark loses
 * nothing when stopped.
 */
@Command(name = "quality", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark reconstruction quality: PRISM and the classical baselines on identical",
            "measurements over objects x sample counts x noise levels x seeds; writes JSON and a Markdown table.",
            ""})
final class QualityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--objects", paramLabel = "LIST", split = ",", defaultValue = "europa,siemens-star,bars",
            description = "Objects: built-in names or image/FITS files. Default: ${DEFAULT-VALUE}.")
    List<String> objects;

    @Option(names = "--samples", paramLabel = "LIST", split = ",", defaultValue = "8,16,48",
            description = "Sample counts. Default: ${DEFAULT-VALUE}.")
    List<Integer> samples;

    @Option(names = "--snr", paramLabel = "LIST", split = ",", defaultValue = "none,20",
            description = "Noise levels: none or an SNR in dB. Default: ${DEFAULT-VALUE}.")
    List<String> snrs;

    @Option(names = "--seeds", paramLabel = "LIST", split = ",", defaultValue = "0,1,2,3,4",
            description = "Seeds. Default: ${DEFAULT-VALUE}.")
    List<Long> seeds;

    @Option(names = "--methods", paramLabel = "LIST", split = ",",
            defaultValue = "prism,prism-reference,joint,joint-tv,mpie",
            description = "Methods: prism, prism-reference, joint, joint-tv, epie, mpie. Default: ${DEFAULT-VALUE}.")
    List<String> methods;

    @Option(names = "--reference-seeds", paramLabel = "LIST", split = ",", defaultValue = "0",
            description = "Seeds on which prism-reference runs (it is the slowest and only shows the departure)."
                    + " Default: ${DEFAULT-VALUE}.")
    List<Long> referenceSeeds;

    @Option(names = "--image-size", paramLabel = "N", defaultValue = "128",
            description = "Grid size N. Default: ${DEFAULT-VALUE}.")
    int imageSize;

    @Option(names = "--object-size", paramLabel = "PX", defaultValue = "32",
            description = "Object size. Default: ${DEFAULT-VALUE}.")
    int objectSize;

    @Option(names = "--threads", paramLabel = "COUNT", defaultValue = "2",
            description = "Runs in parallel. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--json", paramLabel = "FILE", description = "Results, one entry per run (required to run).")
    Path json;

    @Option(names = "--table-from", paramLabel = "FILES", split = ",",
            description = "Run nothing: print (and --markdown) the table of results already in these JSON files,"
                    + " merged.")
    List<Path> tableFrom;

    @Option(names = "--markdown", paramLabel = "FILE", description = "The table (also printed).")
    Path markdown;

    /** One run of the benchmark. */
    private record Task(String object, int samples, double snrDb, long seed) {
        String noise() {
            return Double.isNaN(snrDb) ? "none" : String.format(Locale.ROOT, "%.0f dB", snrDb);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (tableFrom != null) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Path p : tableFrom) {
                PrismCommand.require(Files.isRegularFile(p), "--table-from", p, "must be a results file of this command");
                List<?> runs = StoredFields.parse(Files.readString(p), p.toString()).list("runs");
                for (int i = 0; i < runs.size(); i++) {
                    rows.add(savedRun(StoredFields.of(runs.get(i), p + ", runs[" + i + "]")));
                }
            }
            String table = table(rows);
            out.print(table);
            if (markdown != null) {
                AtomicFiles.writeString(markdown, table);
            }
            out.flush();
            return 0;
        }
        PrismCommand.require(json != null, "--json", "missing", "is required to run the benchmark");
        List<Double> levels = new ArrayList<>();
        for (String s : snrs) {
            levels.add(s.equalsIgnoreCase("none") ? Double.NaN : parseSnr(s));
        }
        for (String m : methods) {
            PrismCommand.require(m.equals("prism") || m.equals("prism-reference") || Baselines.NAMES.contains(m),
                    "--methods", m, "must be one of prism, prism-reference, " + String.join(", ", Baselines.NAMES));
        }
        PrismCommand.require(threads >= 1, "--threads", threads, "must be >= 1");
        for (String o : objects) {
            RunSpec.objectSizeFor(o, imageSize, objectSize, objectSize);
        }
        List<Task> tasks = new ArrayList<>();
        for (String o : objects) {
            for (int k : samples) {
                PrismCommand.require(k >= 1, "--samples", k, "must be >= 1");
                for (double snr : levels) {
                    for (long seed : seeds) {
                        tasks.add(new Task(o, k, snr, seed));
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "%d runs (%d objects x %d sample counts x %d noise levels x %d seeds), %d threads%n",
                tasks.size(), objects.size(), samples.size(), levels.size(), seeds.size(), threads);
        out.flush();
        List<Map<String, Object>> rows = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Task t : tasks) {
                futures.add(pool.submit(() -> {
                    List<Map<String, Object>> r = run(t);
                    synchronized (rows) {
                        rows.addAll(r);
                        save(rows, t0);
                        out.printf(Locale.ROOT, "[%d/%d] %s, %d samples, noise %s, seed %d: %s%n",
                                rows.stream().map(x -> x.get("task")).distinct().count(), tasks.size(), t.object(),
                                t.samples(), t.noise(), t.seed(), summary(r));
                        out.flush();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        String table = table(rows);
        out.print(table);
        if (markdown != null) {
            AtomicFiles.writeString(markdown, table);
        }
        out.printf(Locale.ROOT, "wrote %s (%.0f s)%n", json, (System.nanoTime() - t0) * 1e-9);
        return 0;
    }

    /** A run read back from a results file, every field the table uses checked for its type. */
    private static Map<String, Object> savedRun(StoredFields run) {
        for (String key : List.of("object", "noise", "method")) {
            run.string(key);
        }
        run.integer("samples");
        for (String key : List.of("ssim", "psnr", "seconds")) {
            run.number(key);
        }
        return run.toMap();
    }

    private static double parseSnr(String s) {
        try {
            double v = Double.parseDouble(s);
            PrismCommand.require(v > 0 && Double.isFinite(v), "--snr", s, "must be none or a finite SNR > 0 dB");
            return v;
        } catch (NumberFormatException e) {
            throw new PrismCommand.UsageException("--snr " + s + " is invalid: must be none or an SNR in dB");
        }
    }

    private List<Map<String, Object>> run(Task t) throws IOException {
        RunSpec replay = RunSpec.standard(t.object(), imageSize, objectSize, t.samples(), t.snrDb(), t.seed(),
                Algorithm.REPLAY);
        ComputeBackend cpu = Backends.resolve("cpu", TrainerConfig.DEFAULT.precision());
        Telescope telescope = replay.telescope(cpu);
        ObservedObject truth = replay.observedObject();
        boolean noisy = !Double.isNaN(t.snrDb());
        long holdoutSeed = RunSeeds.of(t.seed()).holdout();
        List<Reconstructor> baselines = new ArrayList<>();
        for (String m : methods) {
            if (Baselines.NAMES.contains(m)) {
                baselines.add(Baselines.byName(m, noisy, TrainerConfig.DEFAULT.holdoutFraction(), holdoutSeed));
            }
        }
        List<Comparison.Entry> entries = new ArrayList<>(Comparison.run(telescope, truth, replay.samplingPattern(),
                t.seed(), methods.contains("prism") ? replay.trainerConfig() : null, baselines, List.of()).entries());
        if (methods.contains("prism-reference") && referenceSeeds.contains(t.seed())) {
            RunSpec reference = RunSpec.standard(t.object(), imageSize, objectSize, t.samples(), t.snrDb(), t.seed(),
                    Algorithm.REFERENCE);
            entries.addAll(Comparison.run(telescope, truth, reference.samplingPattern(), t.seed(),
                    reference.trainerConfig(), List.of(), List.of()).entries());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Comparison.Entry e : entries) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("task", t.toString());
            row.put("object", t.object());
            row.put("samples", t.samples());
            row.put("noise", t.noise());
            row.put("seed", t.seed());
            row.put("method", e.method());
            row.put("ssim", e.quality().ssim());
            row.put("psnr", e.quality().psnr());
            row.put("rmsePercent", e.quality().rmsePercent());
            row.put("seconds", e.reconstruction().seconds());
            row.put("steps", e.reconstruction().iterations());
            out.add(row);
        }
        return out;
    }

    private static String summary(List<Map<String, Object>> rows) {
        List<String> parts = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            parts.add(String.format(Locale.ROOT, "%s %.3f", r.get("method"), Json.number(r.get("ssim"))));
        }
        return String.join(", ", parts);
    }

    private void save(List<Map<String, Object>> rows, long t0) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("objects", objects);
        settings.put("samples", samples);
        settings.put("snr", snrs);
        settings.put("seeds", seeds);
        settings.put("methods", methods);
        settings.put("referenceSeeds", referenceSeeds);
        settings.put("imageSize", imageSize);
        settings.put("objectSize", objectSize);
        settings.put("threads", threads);
        doc.put("settings", settings);
        doc.put("elapsedSeconds", (System.nanoTime() - t0) * 1e-9);
        doc.put("provenance", Provenance.of(Backends.resolve("cpu", TrainerConfig.DEFAULT.precision()),
                TrainerConfig.DEFAULT.precision(), 0, settings).toMap());
        doc.put("runs", new ArrayList<>(rows));
        if (json.getParent() != null) {
            Files.createDirectories(json.getParent());
        }
        AtomicFiles.writeString(json, Json.write(doc));
    }

    /** A built-in object's name, or an image file's name without folders and extension. */
    static String label(String object) {
        String file = java.nio.file.Path.of(object).getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /** Per object, sample count and noise: each method's median / worst SSIM, median PSNR and seconds. */
    static String table(List<Map<String, Object>> rows) {
        List<String> methodOrder = new ArrayList<>();
        Map<String, Map<String, List<Map<String, Object>>>> groups = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            String m = (String) r.get("method");
            if (!methodOrder.contains(m)) {
                methodOrder.add(m);
            }
        }
        List<Map<String, Object>> sorted = new ArrayList<>(rows);
        sorted.sort(java.util.Comparator.comparing((Map<String, Object> r) -> label((String) r.get("object")))
                .thenComparing(r -> ((Number) r.get("samples")).intValue()).thenComparing(r -> (String) r.get("noise")));
        for (Map<String, Object> r : sorted) {
            String key = label((String) r.get("object")) + " | " + r.get("samples") + " | " + r.get("noise");
            groups.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .computeIfAbsent((String) r.get("method"), k -> new ArrayList<>()).add(r);
        }
        StringBuilder sb = new StringBuilder("| object | samples | noise |");
        StringBuilder rule = new StringBuilder("|---|---|---|");
        for (String m : methodOrder) {
            sb.append(' ').append(m).append(" SSIM median / worst (PSNR dB, s) |");
            rule.append("---|");
        }
        sb.append(" PRISM - best baseline (median SSIM) |\n");
        rule.append("---|\n");
        sb.append(rule);
        for (Map.Entry<String, Map<String, List<Map<String, Object>>>> g : groups.entrySet()) {
            sb.append("| ").append(g.getKey()).append(" |");
            double prism = Double.NaN;
            double bestBaseline = Double.NaN;
            for (String m : methodOrder) {
                List<Map<String, Object>> runs = g.getValue().get(m);
                if (runs == null) {
                    sb.append(" - |");
                    continue;
                }
                double[] ssim = runs.stream().mapToDouble(r -> Json.number(r.get("ssim"))).toArray();
                double median = BenchmarkStats.median(ssim);
                double worst = java.util.Arrays.stream(ssim).min().orElse(Double.NaN);
                double psnr = BenchmarkStats.median(runs.stream().mapToDouble(r -> Json.number(r.get("psnr"))).toArray());
                double secs = BenchmarkStats.median(runs.stream().mapToDouble(r -> Json.number(r.get("seconds"))).toArray());
                sb.append(String.format(Locale.ROOT, " %.3f / %.3f (%.1f, %.1f) |", median, worst, psnr, secs));
                if (m.equals("prism")) {
                    prism = median;
                } else if (!m.startsWith("prism") && (Double.isNaN(bestBaseline) || median > bestBaseline)) {
                    bestBaseline = median;
                }
            }
            sb.append(Double.isNaN(prism) || Double.isNaN(bestBaseline) ? " - |"
                    : String.format(Locale.ROOT, " %+.3f |", prism - bestBaseline));
            sb.append('\n');
        }
        return sb.toString();
    }
}
