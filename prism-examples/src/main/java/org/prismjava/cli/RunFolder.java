package org.prismjava.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.prismjava.measure.LineAcquisition;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.measure.MeasurementSystem;
import org.prismjava.metrics.ImageMetrics;
import org.prismjava.objects.FitsImage;
import org.prismjava.objects.ImageFiles;
import org.prismjava.objects.ObservedObject;
import org.prismjava.sampling.Sample;
import org.prismjava.telescope.Telescope;
import org.prismjava.train.Checkpoint;
import org.prismjava.train.CheckpointIO;
import org.prismjava.train.Provenance;
import org.prismjava.train.RefinementRecord;
import org.prismjava.train.RunSeeds;
import org.prismjava.train.SampleRecord;
import org.prismjava.train.TrainingResult;
import org.prismjava.util.AtomicFiles;
import org.prismjava.util.Json;

/** Writes a run folder's files, each atomically ({@link AtomicFiles}). */
final class RunFolder {
    static final String RUN_JSON = "run.json";
    static final String SUMMARY_JSON = "summary.json";
    static final String PROVENANCE_JSON = "provenance.json";
    static final String CHECKPOINT = "checkpoint";
    /** Every file a finished run folder holds. */
    static final List<String> FILES = List.of("reconstruction.png", "reconstruction.fits", "ground_truth.png",
            "measurements.png", "measurements.fits", "kspace_coverage.png", "loss_curve.png", "metrics.png", "metrics.csv",
            LossHistory.FILE, SUMMARY_JSON, PROVENANCE_JSON, RUN_JSON, RunReport.FILE);
    private static final int MOSAIC_TILES = 8;
    private final Path folder;

    private RunFolder(Path folder) {
        this.folder = folder;
    }

    /** Creates the folder (and its parents), with an error that says why it cannot be. */
    static RunFolder create(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run folder " + folder + ": "
                    + (e instanceof AccessDeniedException ? "permission denied for " + e.getMessage()
                    + " (is --out writable?)" : e.toString()), e);
        }
        return new RunFolder(folder);
    }

    void writeRun(RunSpec run) throws IOException {
        writeText(RUN_JSON, Json.write(run.toMap()));
    }

    void writeResults(RunSpec run, Telescope telescope, ObservedObject truth, TrainingResult result,
            LossHistory history, String backend, String precision, Stretch stretch) throws IOException {
        int n = run.imageSize();
        int view = Math.min(n, run.objectSize() + Math.max(4, run.objectSize() / 4));
        float[] groundTruth = new float[n * n];
        truth.amplitudeView().get(0, groundTruth);
        float[] truthView = ImageMetrics.crop(groundTruth, n, view);
        picture("ground_truth.png", () -> Charts.image("Ground truth: " + QualityCommand.label(run.object()),
                truthView, view, stretch, "amplitude"));
        float[] reconstructionView = ImageMetrics.crop(result.reconstruction(), n, view);
        String quality = result.quality().map(q -> String.format(Locale.ROOT, ": SSIM %.3f, PSNR %.2f dB", q.ssim(),
                q.psnr())).orElse("");
        picture("reconstruction.png", () -> Charts.image("Reconstruction" + quality, reconstructionView, view, stretch,
                "amplitude"));
        Checkpoint last = CheckpointIO.read(folder.resolve(CHECKPOINT));
        int tile = Math.min(n, 2 * run.objectSize());
        writeMeasurements(last.samples(), telescope, truth, n, tile, Math.max(1, 128 / tile));
        List<Sample> done = last.samples().subList(0, last.nextSample());
        picture("kspace_coverage.png", () -> Charts.kspaceCoverage(last.measurement().mask(), n, done));
        picture("loss_curve.png", () -> Charts.lossCurve(history, run.lossThreshold()));
        picture("metrics.png", () -> Charts.metricCurves(result.samples()));
        writeFits(run, telescope, truth, result, last.samples());
        writeText("metrics.csv", metricsCsv(result.samples()));
        writeText(SUMMARY_JSON, Json.write(summary(result, backend, precision)));
        Map<String, Object> provenance = new LinkedHashMap<>(result.provenance().toMap());
        provenance.put("run", run.toMap());
        writeText(PROVENANCE_JSON, Json.write(provenance));
        RunReport.write(folder);
    }

    /**
     * {@code reconstruction.fits} (float32 amplitude of the object square) and
     * {@code measurements.fits} (the measured amplitude of every sample, N x N planes, noise as
     * the trainer saw it: the same seeds rebuild the same data), each with the run in its header.
     */
    private void writeFits(RunSpec run, Telescope telescope, ObservedObject truth, TrainingResult result,
            List<Sample> samples) throws IOException {
        int n = run.imageSize();
        int s = run.objectSize();
        Map<String, Object> cards = new LinkedHashMap<>();
        cards.put("OBJECT", QualityCommand.label(run.object()));
        cards.put("BUNIT", "amplitude");
        cards.put("GRIDSIZE", n);
        cards.put("OBJSIZE", s);
        cards.put("APRADIUS", run.apertureRadius());
        cards.put("PATTERN", run.pattern());
        cards.put("NSAMPLES", samples.size());
        cards.put("ALGORITH", run.algorithm());
        cards.put("WAVELEN", telescope.config().wavelength());
        cards.put("PUPILPIX", telescope.config().pixelSize());
        if (!Double.isNaN(run.snrDb())) {
            cards.put("SNRDB", run.snrDb());
        }
        cards.put("SEED", run.seed());
        cards.put("PRISMVER", Provenance.LIBRARY_VERSION);
        Map<String, Object> image = new LinkedHashMap<>(cards);
        result.quality().ifPresent(q -> {
            image.put("SSIM", q.ssim());
            if (Double.isFinite(q.psnr())) {
                image.put("PSNR", q.psnr());
            }
        });
        FitsImage.write(folder.resolve("reconstruction.fits"), s, s,
                List.of(ImageMetrics.crop(result.reconstruction(), n, s)), image);
        // Measured one sample at a time as the trainer did (same noise streams): one plane in memory.
        MeasurementSystem system = new MeasurementSystem(telescope, null, LineAcquisition.DEFAULT);
        long noiseSeed = RunSeeds.of(run.seed()).noise();
        Map<String, Object> stack = new LinkedHashMap<>(cards);
        stack.put("BUNIT", "amplitude (sqrt of detector intensity)");
        for (int k = 0; k < samples.size(); k++) {
            Sample sample = samples.get(k);
            String index = String.format(Locale.ROOT, "%05d", k + 1);
            stack.put("SY" + index, sample.start().y());
            stack.put("SX" + index, sample.start().x());
            if (!sample.isPoint()) {
                stack.put("EY" + index, sample.end().y());
                stack.put("EX" + index, sample.end().x());
            }
        }
        FitsImage.write(folder.resolve("measurements.fits"), n, n, samples.size(), k -> {
            float[] amplitude = new float[n * n];
            MeasurementSet.measureSample(system, truth, samples.get(k), k, true, noiseSeed).amplitudeView()
                    .get(0, amplitude);
            return amplitude;
        }, stack);
    }

    /** Intensity images of the first few sub-apertures, each cropped around the object and tiled. */
    private void writeMeasurements(List<Sample> samples, Telescope telescope, ObservedObject truth, int n, int crop,
            int scale) throws IOException {
        int size = crop * scale;
        List<float[]> tiles = new ArrayList<>();
        for (Sample s : samples.subList(0, Math.min(MOSAIC_TILES, samples.size()))) {
            float[] intensity = new float[n * n];
            telescope.measure(truth, s.midpoint()).intensity().data().asNioFloat().get(0, intensity);
            tiles.add(Plots.centredCrop(intensity, n, crop, scale));
        }
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < tiles.size(); k++) {
            labels.add("sample " + (k + 1));
        }
        picture("measurements.png", () -> Plots.labelledMosaic(tiles, size, 4, labels,
                "noiseless detector intensity, each tile to its own maximum"));
    }

    private static String metricsCsv(List<SampleRecord> records) {
        StringBuilder sb = new StringBuilder(
                "sample,loss_old,loss_new,ssim,psnr_db,rmse_percent,steps,seconds,learning_rate,tier,outcome\n");
        for (SampleRecord r : records) {
            sb.append(String.format(Locale.ROOT, "%d,%.6g,%.6g,%.6f,%.4f,%.4f,%d,%.3f,%.3g,%s,%s%n", r.index() + 1,
                    r.lossOld(), r.lossNew(), r.ssim(), r.psnr(), r.rmsePercent(), r.steps(), r.seconds(),
                    r.learningRate(), r.tier(), r.outcome()));
        }
        return sb.toString();
    }

    private static Map<String, Object> summary(TrainingResult r, String backend, String precision) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ssim", r.quality().map(q -> q.ssim()).orElse(null));
        m.put("psnr", r.quality().map(q -> q.psnr()).orElse(null));
        m.put("rmsePercent", r.quality().map(q -> q.rmsePercent()).orElse(null));
        m.put("samples", r.samples().size());
        m.put("failedSamples", r.failedSamples().stream().map(i -> i + 1).toList());
        m.put("steps", r.samples().stream().mapToLong(SampleRecord::steps).sum());
        m.put("initializationSteps", r.initialization() == null ? 0 : r.initialization().steps());
        m.put("wallSeconds", r.seconds());
        m.put("backend", backend);
        m.put("precision", precision);
        m.put("skippedSteps", r.skippedSteps());
        m.put("stopReason", r.stopReason());
        m.put("refinement", r.refinementRecord().map(RefinementRecord::toMap).orElse(null));
        m.put("cache", Map.of("hits", r.cacheStats().hits(), "misses", r.cacheStats().misses(), "hitRate",
                r.cacheStats().hitRate()));
        return m;
    }

    /** Writes a chart, unless this JVM cannot draw one (then the run goes on without it). */
    private void picture(String file, java.util.function.Supplier<java.awt.image.BufferedImage> chart)
            throws IOException {
        Optional<java.awt.image.BufferedImage> img = Charts.render(file, chart);
        if (img.isPresent()) {
            ImageFiles.writePng(folder.resolve(file), img.get());
        }
    }

    private void writeText(String file, String text) throws IOException {
        AtomicFiles.writeString(folder.resolve(file), text);
    }
}
