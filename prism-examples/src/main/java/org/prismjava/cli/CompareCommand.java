package org.prismjava.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.prismjava.backend.ComputeBackend;
import org.prismjava.backend.Precision;
import org.prismjava.baseline.Reconstructor;
import org.prismjava.compare.Baselines;
import org.prismjava.compare.Comparison;
import org.prismjava.metrics.ImageMetrics;
import org.prismjava.objects.ImageFiles;
import org.prismjava.objects.ObservedObject;
import org.prismjava.telescope.Telescope;
import org.prismjava.train.Provenance;
import org.prismjava.train.RunSeeds;
import org.prismjava.train.TrainerConfig;
import org.prismjava.util.AtomicFiles;
import org.prismjava.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code prism compare}: PRISM and the classical baselines on identical measurements (same
 * object, pattern, noise draw, held-out pixels and seed), written as a side-by-side PNG, a
 * Markdown table and JSON.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run PRISM and classical baselines on identical measurements and write compare.png",
            "(truth, each method, |difference|), compare.md and compare.json (SSIM, PSNR, RMSE, seconds,",
            "steps) into a folder. Takes the run options of 'reconstruct'.", ""})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions options;

    @Option(names = "--methods", paramLabel = "LIST", split = ",", defaultValue = "prism,joint,joint-tv,mpie",
            description = "Methods, comma-separated: prism (with --algorithm; reported as prism-reference for"
                    + " the reference), joint, joint-tv, epie, mpie. Default: ${DEFAULT-VALUE}.")
    List<String> methods;

    @Option(names = "--stretch", paramLabel = "NAME", defaultValue = "linear",
            description = "Display stretch of the images: linear, asinh, log. Default: ${DEFAULT-VALUE}.")
    String stretch;

    @Option(names = "--name", paramLabel = "NAME", description = "Folder name. Default: compare-<timestamp>.")
    String name;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs",
            description = "Parent folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--quiet", description = "Print only the table.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        Stretch display = Stretch.byName(stretch);
        for (String m : methods) {
            PrismCommand.require(m.equals("prism") || Baselines.NAMES.contains(m), "--methods", m,
                    "must be one of prism, " + String.join(", ", Baselines.NAMES));
        }
        PrismCommand.require(methods.stream().distinct().count() == methods.size(), "--methods", methods,
                "must not repeat a method");
        RunSpec run = options.resolve(spec);
        Path folder = out.resolve(name != null ? name
                : "compare-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (Files.exists(folder)) {
            throw new PrismCommand.UsageException("folder " + folder + " already exists; choose another --name");
        }
        TrainerConfig prism = methods.contains("prism") ? run.trainerConfig() : null;
        ComputeBackend compute = Backends.resolve("auto", run.trainerConfig().precision());
        Telescope telescope = run.telescope(compute);
        ObservedObject truth = run.observedObject();
        boolean noisy = !Double.isNaN(run.snrDb());
        long holdoutSeed = RunSeeds.of(run.seed()).holdout();
        double holdout = run.holdout() > 0 ? run.holdout() : TrainerConfig.DEFAULT.holdoutFraction();
        List<Reconstructor> baselines = new ArrayList<>();
        for (String m : methods) {
            if (!m.equals("prism")) {
                baselines.add(Baselines.byName(m, noisy, holdout, holdoutSeed));
            }
        }
        PrintWriter w = spec.commandLine().getOut();
        if (!quiet) {
            w.printf(Locale.ROOT, "comparing %s on %s (N %d, object %d px, %d samples%s) -> %s%n",
                    String.join(", ", methods), run.object(), run.imageSize(), run.objectSize(), run.samples(),
                    noisy ? ", SNR " + run.snrDb() + " dB" : "", folder);
        }
        Comparison.Result result = Comparison.run(telescope, truth, run.samplingPattern(), run.seed(), prism,
                baselines, List.of());
        Files.createDirectories(folder);
        write(folder, run, truth, result, display, compute);
        w.print(table(result));
        if (!quiet) {
            w.println("wrote " + folder.resolve("compare.png") + ", compare.md, compare.json");
        }
        w.flush();
        return 0;
    }

    static String table(Comparison.Result r) {
        StringBuilder sb = new StringBuilder("| method | SSIM | PSNR dB | RMSE % | seconds | steps |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (Comparison.Entry e : r.entries()) {
            ImageMetrics.Quality q = e.quality();
            sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.2f | %.1f | %.1f | %d |%n", e.method(), q.ssim(),
                    q.psnr(), q.rmsePercent(), e.reconstruction().seconds(), e.reconstruction().iterations()));
        }
        return sb.toString();
    }

    private static void write(Path folder, RunSpec run, ObservedObject truth, Comparison.Result r, Stretch display,
            ComputeBackend compute) throws IOException {
        int n = run.imageSize();
        int size = r.support().height();
        float[] gt = new float[n * n];
        truth.amplitudeView().get(gt);
        List<String> names = new ArrayList<>();
        List<float[]> images = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        List<Object> rows = new ArrayList<>();
        for (Comparison.Entry e : r.entries()) {
            names.add(e.method());
            images.add(ImageMetrics.crop(e.reconstruction().image(), n, size));
            titles.add(String.format(Locale.ROOT, "SSIM %.3f, %.1f dB", e.quality().ssim(), e.quality().psnr()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("method", e.method());
            row.put("ssim", e.quality().ssim());
            row.put("psnr", e.quality().psnr());
            row.put("rmsePercent", e.quality().rmsePercent());
            row.put("seconds", e.reconstruction().seconds());
            row.put("steps", e.reconstruction().iterations());
            row.put("bestIteration", e.reconstruction().bestIteration());
            rows.add(row);
        }
        ImageFiles.writePng(folder.resolve("compare.png"),
                Plots.comparison(ImageMetrics.crop(gt, n, size), names, images, titles, size, display));
        AtomicFiles.writeString(folder.resolve("compare.md"), table(r));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run", run.toMap());
        doc.put("noisy", r.data().isNoisy());
        doc.put("methods", rows);
        doc.put("provenance", Provenance.of(compute, Precision.byName(run.precision()), run.seed(),
                Map.of("run", run.toMap())).toMap());
        AtomicFiles.writeString(folder.resolve("compare.json"), Json.write(doc));
    }
}
