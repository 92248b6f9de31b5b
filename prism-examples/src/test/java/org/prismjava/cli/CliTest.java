package org.prismjava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.measure.MeasurementSystem;
import org.prismjava.metrics.ImageMetrics;
import org.prismjava.objects.FitsImage;
import org.prismjava.objects.TestObjects;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.train.Checkpoint;
import org.prismjava.train.CheckpointIO;
import org.prismjava.train.Provenance;
import org.prismjava.train.RunSeeds;
import org.prismjava.util.Json;

/** The prism command line: parsing, run folders, resume, and bad arguments. */
class CliTest {
    /** A small, fast run: N 32, object 8, short initialization. */
    private static final List<String> SMALL = List.of("--image-size", "32", "--object-size", "8", "--samples", "3",
            "--steps-per-sample", "4", "--init-steps-per-cycle", "5", "--init-cycles", "2", "--quiet");

    @TempDir
    Path tmp;

    record Outcome(int code, String out, String err) {
    }

    static Outcome prism(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PrismCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    private Outcome reconstruct(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("reconstruct", "--out", tmp.toString(), "--name", name));
        args.addAll(SMALL);
        args.addAll(Arrays.asList(extra));
        return prism(args.toArray(String[]::new));
    }

    private static Map<?, ?> json(Path p) throws IOException {
        return (Map<?, ?>) Json.parse(Files.readString(p));
    }

    @Test
    void helpListsEveryCommandAndDocumentsDefaults() {
        Outcome top = prism("--help");
        assertEquals(0, top.code());
        for (String c : List.of("reconstruct", "compare", "quality", "bench", "patterns", "inspect", "backends")) {
            assertTrue(top.out().contains(c), c);
        }
        Outcome rec = prism("reconstruct", "--help");
        assertEquals(0, rec.code());
        String help = rec.out().replaceAll("\\s+", " ");
        for (String s : List.of("--object", "--image-size", "--object-size", "--samples", "--pattern",
                "--aperture-radius", "--snr", "--steps-per-sample", "--loss", "--loss-threshold", "--seed",
                "--precision", "--backend", "--name", "--out", "--resume", "--quiet", "Default: 48",
                "Default: europa")) {
            assertTrue(help.contains(s), s);
        }
        assertTrue(prism("bench", "--help").out().contains("Default: 20"));
    }

    @Test
    void reconstructWritesTheRunFolder() throws IOException {
        Outcome o = reconstruct("r1");
        assertEquals(0, o.code(), o.err());
        Path run = tmp.resolve("r1");
        for (String f : RunFolder.FILES) {
            assertTrue(Files.size(run.resolve(f)) > 0, f);
        }
        assertTrue(Files.isRegularFile(run.resolve("checkpoint/LATEST")));
        Map<?, ?> summary = json(run.resolve("summary.json"));
        for (String key : List.of("ssim", "psnr", "rmsePercent", "samples", "failedSamples", "steps", "wallSeconds",
                "backend", "precision")) {
            assertTrue(summary.containsKey(key), key);
        }
        assertEquals(3, ((Number) summary.get("samples")).intValue());
        assertEquals(12, ((Number) summary.get("steps")).intValue(), "3 samples x 4 steps (none converges)");
        assertEquals(List.of(1.0, 2.0, 3.0), ((List<?>) summary.get("failedSamples")).stream()
                .map(v -> ((Number) v).doubleValue()).toList());
        assertEquals("cpu", summary.get("backend"));
        assertEquals("fp32", summary.get("precision"));
        List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(4, csv.size());
        assertTrue(csv.get(1).startsWith("1,"));
        BufferedImage truth = ImageIO.read(run.resolve("ground_truth.png").toFile());
        BufferedImage rec = ImageIO.read(run.resolve("reconstruction.png").toFile());
        assertEquals(truth.getWidth(), rec.getWidth());
        assertTrue(truth.getWidth() >= 128);
        BufferedImage k = ImageIO.read(run.resolve("kspace_coverage.png").toFile());
        assertEquals(640, k.getWidth());
        assertTrue(countColour(k, 0xFF0000) > 0, "the aperture centres are drawn in red");
        assertTrue(countColour(k, 0xB0B0B0) > 0, "the covered k-space in grey");
        for (String chart : List.of("loss_curve.png", "metrics.png")) {
            assertTrue(ImageIO.read(run.resolve(chart).toFile()).getWidth() >= 900, chart);
        }
        Map<?, ?> prov = json(run.resolve("provenance.json"));
        assertEquals("cpu", prov.get("backend"));
        assertEquals(8.0, ((Number) ((Map<?, ?>) prov.get("run")).get("objectSize")).doubleValue());
    }

    @Test
    void theRunFolderHoldsTheReconstructionAndTheMeasurementsAsFits() throws IOException {
        Outcome o = reconstruct("fits", "--snr", "25", "--refine-iterations", "0");
        assertEquals(0, o.code(), o.err());
        Path run = tmp.resolve("fits");
        FitsImage rec = FitsImage.read(run.resolve("reconstruction.fits"));
        assertEquals(8, rec.width(), "the object square");
        float[] full = CheckpointIO.read(run.resolve("checkpoint")).reconstruction();
        float[] square = ImageMetrics.crop(full, 32, 8);
        for (int i = 0; i < square.length; i++) {
            assertEquals(Float.floatToRawIntBits(square[i]), Float.floatToRawIntBits((float) rec.pixels()[i]),
                    "pixel " + i + " as the run ended, bit for bit");
        }
        Map<?, ?> summary = json(run.resolve("summary.json"));
        assertEquals(((Number) summary.get("ssim")).doubleValue(), Double.parseDouble(rec.header().get("SSIM")), 0.0);
        assertEquals("europa", rec.header().get("OBJECT"));
        assertEquals("32", rec.header().get("GRIDSIZE"));
        assertEquals("25.0", rec.header().get("SNRDB"));
        assertEquals(Provenance.LIBRARY_VERSION, rec.header().get("PRISMVER"));
        FitsImage last = FitsImage.read(run.resolve("measurements.fits"), new FitsImage.Selection("0", 2));
        assertEquals("3", last.header().get("NAXIS3"), "one plane per sample");
        assertEquals(32, last.width());
        assertTrue(last.header().containsKey("SY00003") && last.header().containsKey("SX00003"), "sample centres");
        // The trainer's data, rebuilt from the checkpoint's telescope map, samples and the run's seed.
        Checkpoint c = CheckpointIO.read(run.resolve("checkpoint"));
        @SuppressWarnings("unchecked")
        TelescopeConfig config = TelescopeConfig.fromMap((Map<String, Object>) c.run().get("telescope"));
        MeasurementSet data = MeasurementSet.acquire(MeasurementSystem.withDefaults(new SubApertureTelescope(config)),
                TestObjects.europaLike(32, 8, 0), c.samples(), true, RunSeeds.of(0).noise());
        assertTrue(data.isNoisy());
        float[] want = data.amplitude(2);
        for (int i = 0; i < want.length; i++) {
            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits((float) last.pixels()[i]),
                    "measured pixel " + i + ", noise included, as the trainer saw it");
        }
    }

    @Test
    void aFitsExtensionIsSelectedByIndexOrName() throws IOException {
        float[] disk = new float[20 * 20];
        for (int i = 0; i < disk.length; i++) {
            int y = i / 20 - 10;
            int x = i % 20 - 10;
            disk[i] = x * x + y * y < 64 ? 1 : 0;
        }
        Path cube = tmp.resolve("cube.fits");
        FitsImage.write(cube, 20, 20, List.of(new float[400], disk), Map.of("EXTNAME", "SCI"));
        assertEquals(0, reconstruct("plane", "--object", cube + "[0][1]").code());
        Outcome o = reconstruct("noplane", "--object", cube.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("holds a cube of 2 planes; choose one with cube.fits[0][PLANE]"), o.err());
        o = reconstruct("badname", "--object", cube + "[DQ]");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("has no HDU with EXTNAME DQ"), o.err());
    }

    @Test
    void resumedRunEndsWhereAnUninterruptedRunEnds() throws IOException {
        assertEquals(0, reconstruct("full").code());
        // --time-limit 0.001 stops after the first sample; --resume continues from its checkpoint.
        assertEquals(0, reconstruct("part", "--time-limit", "0.001").code());
        assertEquals(1, ((Number) json(tmp.resolve("part/summary.json")).get("samples")).intValue());
        // What a crash between the history's append and the checkpoint leaves: rows of a sample the
        // checkpoint does not hold, the last one cut short. The resume must drop them.
        Files.writeString(tmp.resolve("part/loss_history.csv"), "2,1,0.5,0.25\n2,2,0.4", StandardOpenOption.APPEND);
        Outcome resumed = prism("reconstruct", "--resume", tmp.resolve("part").toString(), "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        Map<?, ?> full = json(tmp.resolve("full/summary.json"));
        Map<?, ?> part = json(tmp.resolve("part/summary.json"));
        assertEquals(3, ((Number) part.get("samples")).intValue());
        assertEquals(full.get("ssim"), part.get("ssim"));
        assertEquals(full.get("psnr"), part.get("psnr"));
        assertEquals(Files.readString(tmp.resolve("full/metrics.csv")).lines().map(CliTest::withoutSeconds).toList(),
                Files.readString(tmp.resolve("part/metrics.csv")).lines().map(CliTest::withoutSeconds).toList());
        List<String> history = Files.readAllLines(tmp.resolve("full/loss_history.csv"));
        assertEquals("sample,step,loss_old,loss_new", history.get(0));
        assertEquals(1 + 12, history.size(), "3 samples x 4 steps");
        assertEquals(history, Files.readAllLines(tmp.resolve("part/loss_history.csv")),
                "the resumed run's loss history covers the whole run, step for step");
    }

    /** metrics.csv without its wall-time column. */
    private static String withoutSeconds(String line) {
        String[] f = line.split(",");
        f[7] = "";
        return String.join(",", f);
    }

    @Test
    void reconstructsAnObjectFromAnImageFile() throws IOException {
        Path png = tmp.resolve("disk.png");
        BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                img.getRaster().setSample(x, y, 0, (x - 10) * (x - 10) + (y - 10) * (y - 10) < 64 ? 200 : 0);
            }
        }
        ImageIO.write(img, "png", png.toFile());
        Outcome o = reconstruct("file", "--object", png.toString());
        assertEquals(0, o.code(), o.err());
        assertEquals(png.toString(), json(tmp.resolve("file/run.json")).get("object"));
    }

    @Test
    void mixedPrecisionRunsOnTheCpuAndIsRecorded() throws IOException {
        Outcome o = reconstruct("half", "--precision", "mixed-fp16", "--time-limit", "0.001");
        assertEquals(0, o.code(), o.err());
        assertEquals("mixed-fp16", json(tmp.resolve("half/summary.json")).get("precision"));
        assertEquals("mixed-fp16", json(tmp.resolve("half/provenance.json")).get("precision"));
        Outcome resume = prism("reconstruct", "--resume", tmp.resolve("half").toString(), "--quiet");
        assertEquals(0, resume.code(), resume.err());
        assertEquals(3, ((Number) json(tmp.resolve("half/summary.json")).get("samples")).intValue());
    }

    @Test
    void inspectPrintsSummaryRunAndCheckpoint() {
        assertEquals(0, reconstruct("r2").code());
        Outcome o = prism("inspect", tmp.resolve("r2").toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("== summary") && o.out().contains("\"ssim\""));
        assertTrue(o.out().contains("== provenance") && o.out().contains("== checkpoint"));
        assertTrue(o.out().contains("next sample 4 of 3"), o.out());
        Outcome cp = prism("inspect", tmp.resolve("r2/checkpoint").toString());
        assertEquals(0, cp.code(), cp.err());
        assertFalse(cp.out().contains("== summary"));
    }

    @Test
    void patternsListShowAndStats() throws IOException {
        Outcome list = prism("patterns", "list");
        assertEquals(0, list.code());
        assertTrue(list.out().contains("fermat") && list.out().contains("jittered"));
        Path png = tmp.resolve("p.png");
        assertEquals(0, prism("patterns", "show", "fermat", "--samples", "10", "--image-size", "64", "--out",
                png.toString()).code());
        assertEquals(640, ImageIO.read(png.toFile()).getWidth());
        Outcome stats = prism("patterns", "stats", "fermat", "--samples", "10");
        assertEquals(0, stats.code());
        assertTrue(stats.out().contains("10 samples") && stats.out().contains("first sample at (0.00, 0.00)"),
                stats.out());
    }

    @Test
    void benchWritesTheTableAndJson() throws IOException {
        Path file = tmp.resolve("bench.json");
        Outcome o = prism("bench", "--samples", "2", "--epochs", "3", "--image-size", "32", "--object-size", "8",
                "--precision", "mixed-bf16", "--json", file.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("baseline") && o.out().contains("optimized") && o.out().contains("hit %"));
        Map<?, ?> doc = json(file);
        Map<?, ?> base = (Map<?, ?>) ((Map<?, ?>) doc.get("baseline")).get("cache");
        Map<?, ?> opt = (Map<?, ?>) ((Map<?, ?>) doc.get("optimized")).get("cache");
        assertEquals(0, ((Number) base.get("hits")).intValue());
        assertEquals(6, ((Number) base.get("misses")).intValue());
        assertEquals(4, ((Number) opt.get("hits")).intValue(), "one miss per sample, then hits");
        assertEquals(2, ((Number) opt.get("misses")).intValue());
        for (String key : List.of("speedup", "config", "provenance")) {
            assertTrue(doc.containsKey(key), key);
        }
        assertTrue(((Map<?, ?>) doc.get("optimized")).containsKey("msPerIteration"));
        Map<?, ?> config = (Map<?, ?>) doc.get("config");
        assertEquals("cpu", config.get("backend"));
        assertEquals("mixed-bf16", config.get("precision"));
        Map<?, ?> provenance = (Map<?, ?>) doc.get("provenance");
        assertEquals("mixed-bf16", provenance.get("precision"));
        assertTrue(((String) provenance.get("device")).contains("processors"), provenance.toString());
    }

    @Test
    void backendsListsEachInstalledBackendWithItsStatus() {
        Outcome o = prism("backends");
        assertEquals(0, o.code(), o.err());
        List<String> lines = o.out().lines().toList();
        assertEquals(4, lines.size(), o.out());
        assertTrue(lines.get(1).matches("cuda +100 +unavailable .+"), lines.get(1));
        assertTrue(lines.get(2).matches("cpu +0 +available .*processors"), lines.get(2));
        assertEquals("auto picks cpu (precisions [fp32, mixed-fp16, mixed-bf16])", lines.get(3));
        String reason = lines.get(1).replaceFirst("cuda +100 +unavailable ", "");
        Outcome cuda = prism("reconstruct", "--backend", "cuda");
        assertEquals(PrismCommand.BAD_ARGUMENTS, cuda.code());
        assertTrue(cuda.err().startsWith("prism reconstruct: --backend cuda is not available here: " + reason),
                cuda.err());
    }

    static List<List<String>> badArguments() {
        return List.of(
                List.of("reconstruct", "--no-such-option"),
                List.of("reconstruct", "--image-size", "abc"),
                List.of("reconstruct", "--image-size", "100"),
                List.of("reconstruct", "--samples", "0"),
                List.of("reconstruct", "--samples", "2147483647"),
                List.of("reconstruct", "--pattern-radius", "0"),
                List.of("reconstruct", "--pattern-radius", "100"),
                List.of("reconstruct", "--keep-checkpoints", "0"),
                List.of("reconstruct", "--image-size", "4096"),
                List.of("reconstruct", "--pattern", "spiral"),
                List.of("reconstruct", "--loss", "l3"),
                List.of("reconstruct", "--backend", "tpu"),
                List.of("reconstruct", "--backend", "cuda"),
                List.of("reconstruct", "--precision", "fp8"),
                List.of("reconstruct", "--object", "no-such-file.png"),
                List.of("reconstruct", "--object", "missing-galaxy.fits"),
                List.of("reconstruct", "--object", "preset:pluto"),
                List.of("reconstruct", "--object", "preset:titan", "--object-size", "16"),
                List.of("reconstruct", "--name", "../escape"),
                List.of("reconstruct", "--aperture-radius", "-1"),
                List.of("reconstruct", "--object-size", "200"),
                List.of("reconstruct", "--init-target", "square"),
                List.of("reconstruct", "--resume", "no-such-run"),
                List.of("reconstruct", "--resume", "no-such-run", "--samples", "5"),
                List.of("reconstruct", "--algorithm", "ptycho"),
                List.of("reconstruct", "--algorithm", "reference", "--refine-iterations", "10"),
                List.of("reconstruct", "--holdout", "0.9"),
                List.of("reconstruct", "--tv-weight", "-1"),
                List.of("reconstruct", "--refine-iterations", "-2"),
                List.of("reconstruct", "--resume", "no-such-run", "--algorithm", "reference"),
                List.of("compare", "--methods", "prism,gerchberg"),
                List.of("compare", "--methods", "joint,joint"),
                List.of("compare", "--stretch", "gamma"),
                List.of("reconstruct", "--stretch", "gamma"),
                List.of("reconstruct", "--snr", "NaN"),
                List.of("compare", "--snr", "-3"),
                List.of("reconstruct", "--absorbed-ratio", "-1"),
                List.of("quality", "--json", "q.json", "--snr", "loud"),
                List.of("quality", "--json", "q.json", "--methods", "prism,magic"),
                List.of("quality", "--json", "q.json", "--threads", "0"),
                List.of("quality", "--json", "q.json", "--objects", "no-such-image.png"),
                List.of("bench", "--repeats", "0"),
                List.of("bench", "--precision", "fp8"),
                List.of("bench", "--backend", "cuda"),
                List.of("patterns", "show", "nope"),
                List.of("inspect", "no-such-folder"),
                List.of("frobnicate"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentsGiveOneLineAndExitCode2(List<String> args) {
        Outcome o = prism(args.toArray(String[]::new));
        assertEquals(PrismCommand.BAD_ARGUMENTS, o.code(), args + " -> " + o.err());
        List<String> lines = o.err().lines().toList();
        assertEquals(2, lines.size(), "an error line and a hint: " + o.err());
        assertTrue(lines.get(0).startsWith("prism"), o.err());
        assertTrue(lines.get(1).startsWith("hint:"), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace without --debug");
    }

    @Test
    void theReplayRunRecordsItsRefinementAndTheReferenceRunNone() throws IOException {
        assertEquals(0, reconstruct("replay", "--refine-iterations", "30").code());
        Map<?, ?> summary = json(tmp.resolve("replay/summary.json"));
        Map<?, ?> refinement = (Map<?, ?>) summary.get("refinement");
        assertEquals(30, ((Number) refinement.get("iterations")).intValue());
        assertEquals(refinement.get("ssimAfter"), summary.get("ssim"), "the summary reports the refined image");
        assertEquals("replay", json(tmp.resolve("replay/run.json")).get("algorithm"));
        Outcome ref = reconstruct("reference", "--algorithm", "reference");
        assertEquals(0, ref.code(), ref.err());
        Map<?, ?> refSummary = json(tmp.resolve("reference/summary.json"));
        assertNull(refSummary.get("refinement"));
        assertTrue(((Number) refSummary.get("initializationSteps")).intValue() > 0, "the reference initializes");
        Map<?, ?> run = json(tmp.resolve("reference/run.json"));
        assertEquals("circle", run.get("initTarget"), "the reference's own default");
        assertEquals(0.0, ((Number) run.get("refineIterations")).doubleValue());
    }

    @Test
    void theDisplayStretchBrightensFaintPixelsAndLeavesTheDataAlone() throws IOException {
        assertEquals(0, reconstruct("lin", "--refine-iterations", "5").code());
        assertEquals(0, reconstruct("asinh", "--refine-iterations", "5", "--stretch", "asinh").code());
        BufferedImage lin = ImageIO.read(tmp.resolve("lin/ground_truth.png").toFile());
        BufferedImage as = ImageIO.read(tmp.resolve("asinh/ground_truth.png").toFile());
        int brighter = 0;
        int darker = 0;
        // the middle of the plot's image area (titles, axes and the colour bar's labels differ)
        for (int y = lin.getHeight() / 4; y < lin.getHeight() * 3 / 4; y++) {
            for (int x = lin.getWidth() / 4; x < lin.getWidth() * 3 / 5; x++) {
                int a = lin.getRaster().getSample(x, y, 0);
                int b = as.getRaster().getSample(x, y, 0);
                brighter += b > a ? 1 : 0;
                darker += b < a ? 1 : 0;
            }
        }
        assertTrue(brighter > 0 && darker == 0, "asinh lifts mid-tones and never darkens: " + brighter + "/" + darker);
        assertEquals(json(tmp.resolve("lin/summary.json")).get("ssim"), json(tmp.resolve("asinh/summary.json")).get("ssim"),
                "the stretch is display only");
    }

    @Test
    void everyRunWritesASelfContainedReportAndReportRewritesIt() throws IOException {
        assertEquals(0, reconstruct("rep").code());
        Path run = tmp.resolve("rep");
        String html = Files.readString(run.resolve("report.html"));
        assertEquals(6, html.split("src=\"data:image/png;base64,", -1).length - 1, "every picture inlined");
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"),
                "readable offline: no links, no scripts");
        Map<?, ?> summary = json(run.resolve("summary.json"));
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "%.6g", ((Number) summary.get("ssim"))
                .doubleValue())), "the SSIM");
        for (Object key : json(run.resolve("run.json")).keySet()) {
            assertTrue(html.contains("<th>" + key + "</th>"), "setting " + key);
        }
        assertTrue(html.contains("<th>sample</th><th>loss_old</th>"), "the per-sample table");
        Files.delete(run.resolve("report.html"));
        Files.delete(run.resolve("metrics.png"));
        Outcome o = prism("report", run.toString());
        assertEquals(0, o.code(), o.err());
        String again = Files.readString(run.resolve("report.html"));
        assertTrue(again.contains("(metrics.png was not drawn)"), "a missing picture is named");
        Outcome notRun = prism("report", tmp.toString());
        assertEquals(2, notRun.code());
        assertTrue(notRun.err().contains("is not a finished run folder: summary.json is missing"), notRun.err());
    }

    private static int countColour(BufferedImage img, int rgb) {
        int count = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                count += (img.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return count;
    }

    @Test
    void compareRunsEveryMethodOnTheSameMeasurementsAndWritesTheSheet() throws IOException {
        Outcome o = prism("compare", "--out", tmp.toString(), "--name", "cmp", "--image-size", "32", "--object-size",
                "8", "--samples", "4", "--steps-per-sample", "5", "--refine-iterations", "20", "--snr", "25",
                "--methods", "prism,joint,epie", "--stretch", "asinh", "--quiet");
        assertEquals(0, o.code(), o.err());
        Path dir = tmp.resolve("cmp");
        BufferedImage sheet = ImageIO.read(dir.resolve("compare.png").toFile());
        assertTrue(sheet.getWidth() > 4 * 160 && sheet.getHeight() > 2 * 160, "truth + 3 methods, two rows");
        String table = Files.readString(dir.resolve("compare.md"));
        assertEquals(table, o.out(), "the printed table is the written one");
        List<String> rows = table.lines().toList();
        assertEquals(5, rows.size());
        assertTrue(rows.get(2).startsWith("| prism |") && rows.get(3).startsWith("| joint |")
                && rows.get(4).startsWith("| epie |"), table);
        Map<?, ?> doc = json(dir.resolve("compare.json"));
        assertEquals(Boolean.TRUE, doc.get("noisy"));
        List<?> methods = (List<?>) doc.get("methods");
        assertEquals(3, methods.size());
        for (Object m : methods) {
            Map<?, ?> row = (Map<?, ?>) m;
            double ssim = ((Number) row.get("ssim")).doubleValue();
            assertTrue(ssim > -1 && ssim <= 1, row.toString());
            assertTrue(((Number) row.get("seconds")).doubleValue() >= 0);
        }
        assertEquals(25.0, ((Number) ((Map<?, ?>) doc.get("run")).get("snrDb")).doubleValue());
    }

    @Test
    void qualityBenchmarkWritesEveryRunAndTheTable() throws IOException {
        Path out = tmp.resolve("q.json");
        Path md = tmp.resolve("q.md");
        Outcome o = prism("quality", "--objects", "europa,bars", "--samples", "3", "--snr", "none", "--seeds", "0,1",
                "--methods", "joint,epie", "--image-size", "32", "--object-size", "8", "--threads", "2", "--json",
                out.toString(), "--markdown", md.toString());
        assertEquals(0, o.code(), o.err());
        Map<?, ?> doc = json(out);
        assertEquals(2 * 2 * 2, ((List<?>) doc.get("runs")).size(), "2 objects x 2 seeds x 2 methods");
        List<String> table = Files.readAllLines(md);
        assertEquals(4, table.size(), "header, rule, one row per object: " + table);
        assertTrue(table.get(2).startsWith("| bars | 3 | none |"), table.get(2));
        assertTrue(o.out().contains("[4/4]"), o.out());
    }

    @Test
    void debugShowsTheStackTrace() {
        Outcome o = prism("--debug", "reconstruct", "--backend", "tpu");
        assertEquals(PrismCommand.BAD_ARGUMENTS, o.code());
        assertTrue(o.err().contains("\tat "), o.err());
    }

    @Test
    void existingRunFolderIsNotOverwritten() throws IOException {
        Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(tmp.resolve("taken/keep.txt"), "x");
        Outcome o = reconstruct("taken");
        assertEquals(PrismCommand.BAD_ARGUMENTS, o.code());
        assertTrue(o.err().contains("already exists"), o.err());
        assertEquals("x", Files.readString(tmp.resolve("taken/keep.txt")));
    }
}
