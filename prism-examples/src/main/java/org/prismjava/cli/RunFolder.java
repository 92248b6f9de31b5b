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
import org.prismjava.calibration.Calibration;
import org.prismjava.files.MeasurementFiles;
import org.prismjava.measure.FrameUnit;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.metrics.ImageMetrics;
import org.prismjava.objects.FitsImage;
import org.prismjava.objects.ImageFiles;
import org.prismjava.objects.ObservedObject;
import org.prismjava.sampling.Sample;
import org.prismjava.train.Checkpoint;
import org.prismjava.train.CheckpointIO;
import org.prismjava.train.Provenance;
import org.prismjava.train.RefinementRecord;
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
            "frames.csv", "residuals.png", LossHistory.FILE, SUMMARY_JSON, PROVENANCE_JSON, RUN_JSON, RunReport.FILE);
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

    void writeResults(RunSpec run, Optional<ObservedObject> truth, TrainingResult result, LossHistory history,
            String backend, String precision, Stretch stretch) throws IOException {
        int n = run.imageSize();
        int view = Math.min(n, run.objectSize() + Math.max(4, run.objectSize() / 4));
        if (truth.isPresent()) {
            float[] groundTruth = truth.get().amplitudes();
            float[] truthView = ImageMetrics.crop(groundTruth, n, view);
            picture("ground_truth.png", () -> Charts.image("Ground truth: " + QualityCommand.label(run.recorded()
                    ? run.truth() : run.object()), truthView, view, stretch, "amplitude"));
        }
        float[] reconstructionView = ImageMetrics.crop(result.reconstruction(), n, view);
        String quality = result.quality().map(q -> String.format(Locale.ROOT, ": SSIM %.3f, PSNR %.2f dB", q.ssim(),
                q.psnr())).orElse(run.recorded() ? " (no truth)" : "");
        picture("reconstruction.png", () -> Charts.image("Reconstruction" + quality, reconstructionView, view, stretch,
                "amplitude"));
        Checkpoint last = CheckpointIO.read(folder.resolve(CHECKPOINT));
        MeasurementSet data = result.measurements().orElseThrow(
                () -> new IllegalStateException("a finished run carries the measurements it fitted"));
        int tile = Math.min(n, 2 * run.objectSize());
        writeMeasurements(data, n, tile, Math.max(1, 128 / tile));
        List<Sample> done = last.samples().subList(0, last.nextSample());
        picture("kspace_coverage.png", () -> Charts.kspaceCoverage(last.measurement().mask(), n, done));
        picture("loss_curve.png", () -> Charts.lossCurve(history, run.lossThreshold()));
        if (truth.isPresent()) {
            picture("metrics.png", () -> Charts.metricCurves(result.samples()));
        }
        double[] residuals = result.frameResiduals();
        boolean counts = data.unit() == FrameUnit.INTENSITY;
        if (residuals.length > 0) {
            picture(RESIDUALS_PNG, () -> Charts.frameResiduals(residuals, counts));
        }
        Optional<Calibration> calibration = result.calibrationEstimate();
        if (calibration.isPresent()) {
            picture(CALIBRATION_PNG, () -> Charts.calibration(data.samples(), calibration.get(), n));
        }
        writeFits(run, truth, data, result);
        writeText(FRAMES_CSV, framesCsv(data, result));
        writeText("metrics.csv", metricsCsv(result.samples()));
        writeText(SUMMARY_JSON, Json.write(summary(result, backend, precision)));
        Map<String, Object> provenance = new LinkedHashMap<>(result.provenance().toMap());
        provenance.put("run", run.toMap());
        writeText(PROVENANCE_JSON, Json.write(provenance));
        RunReport.write(folder);
    }

    static final String FRAMES_CSV = "frames.csv";
    static final String GROUND_TRUTH_FITS = "ground_truth.fits";
    static final String RESIDUALS_PNG = "residuals.png";
    static final String CALIBRATION_PNG = "calibration.png";

    /**
     * {@code reconstruction.fits} (float32 amplitude of the object square) and
     * {@code measurements.fits} (the frames the run fitted, as {@link MeasurementFiles} writes
     * them: {@code prism reconstruct --measurements} reads them back) and, with a truth,
     * {@code ground_truth.fits} (its object square as amplitudes: {@code --truth} reads it as it
     * is), each with the run in its header.
     */
    private void writeFits(RunSpec run, Optional<ObservedObject> truth, MeasurementSet data, TrainingResult result)
            throws IOException {
        int n = run.imageSize();
        int s = run.objectSize();
        Map<String, Object> cards = new LinkedHashMap<>();
        cards.put("OBJECT", QualityCommand.label(run.recorded() ? run.measurements() : run.object()));
        cards.put("PATTERN", run.pattern());
        cards.put("ALGORITH", run.algorithm());
        cards.put("SEED", run.seed());
        cards.put("PRISMVER", Provenance.LIBRARY_VERSION);
        Map<String, Object> image = new LinkedHashMap<>(cards);
        image.put("BUNIT", "amplitude");
        image.put("GRIDSIZE", n);
        image.put("OBJSIZE", s);
        image.put("APRADIUS", run.apertureRadius());
        image.put("NSAMPLES", data.size());
        if (!Double.isNaN(run.snrDb())) {
            image.put("SNRDB", run.snrDb());
        }
        if (data.unit() == FrameUnit.INTENSITY) {
            image.put("ISCALE", data.intensityFrames().scale());
        }
        result.quality().ifPresent(q -> {
            image.put("SSIM", q.ssim());
            if (Double.isFinite(q.psnr())) {
                image.put("PSNR", q.psnr());
            }
        });
        FitsImage.write(folder.resolve("reconstruction.fits"), s, s,
                List.of(ImageMetrics.crop(result.reconstruction(), n, s)), image);
        if (truth.isPresent()) {
            float[] t = truth.get().amplitudes();
            Map<String, Object> truthCards = new LinkedHashMap<>(cards);
            truthCards.put("BUNIT", "amplitude");
            truthCards.put("GRIDSIZE", n);
            int square = data.objectSize();
            truthCards.put("OBJSIZE", square);
            FitsImage.write(folder.resolve(GROUND_TRUTH_FITS), square, square, List.of(ImageMetrics.crop(t, n, square)),
                    truthCards);
        }
        MeasurementFiles.writeFits(folder.resolve("measurements.fits"), data, cards);
    }

    /** The first few frames as recorded (intensity, each tile to its own maximum), cropped around the object. */
    private void writeMeasurements(MeasurementSet data, int n, int crop, int scale) throws IOException {
        int size = crop * scale;
        List<float[]> tiles = new ArrayList<>();
        for (int k = 0; k < Math.min(MOSAIC_TILES, data.size()); k++) {
            float[] intensity = data.amplitude(k);
            for (int i = 0; i < intensity.length; i++) {
                intensity[i] *= intensity[i];
            }
            tiles.add(Plots.centredCrop(intensity, n, crop, scale));
        }
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < tiles.size(); k++) {
            labels.add("sample " + (k + 1));
        }
        String what = data.unit() == FrameUnit.INTENSITY ? "recorded counts less the background"
                : data.isNoisy() ? "detector intensity as measured (noisy)" : "detector intensity";
        picture("measurements.png", () -> Plots.labelledMosaic(tiles, size, 4, labels,
                what + ", each tile to its own maximum"));
    }

    /**
     * One row per frame: its nominal centre (y up, as in measurement files), its residual and,
     * for self-calibrated intensity frames, the estimated centre correction, corrected centre
     * and relative flux, and whether the correction reached its bound.
     */
    private static String framesCsv(MeasurementSet data, TrainingResult r) {
        Optional<Calibration> c = r.calibrationEstimate();
        double[] residuals = r.frameResiduals();
        StringBuilder sb = new StringBuilder("frame,nominal_y,nominal_x,residual"
                + (c.isPresent() ? ",offset_y,offset_x,estimated_y,estimated_x,flux,at_bound" : "") + "\n");
        for (int k = 0; k < data.size(); k++) {
            double y = 0.0 - data.sample(k).start().y();
            double x = data.sample(k).start().x();
            sb.append(String.format(Locale.ROOT, "%d,%.4f,%.4f,%s", k + 1, y, x,
                    k < residuals.length ? String.format(Locale.ROOT, "%.6g", residuals[k]) : ""));
            if (c.isPresent()) {
                double oy = 0.0 - c.get().offset(k).y();
                double ox = c.get().offset(k).x();
                sb.append(String.format(Locale.ROOT, ",%.4f,%.4f,%.4f,%.4f,%.5f,%b", oy, ox, y + oy, x + ox,
                        c.get().flux(k), r.framesAtCalibrationBound().contains(k)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String metricsCsv(List<SampleRecord> records) {
        StringBuilder sb = new StringBuilder(
                "sample,loss_old,loss_new,ssim,psnr_db,rmse_percent,steps,seconds,learning_rate,tier,outcome\n");
        for (SampleRecord r : records) {
            sb.append(String.format(Locale.ROOT, "%d,%.6g,%.6g,%s,%s,%s,%d,%.3f,%.3g,%s,%s%n", r.index() + 1,
                    r.lossOld(), r.lossNew(), cell("%.6f", r.ssim()), cell("%.4f", r.psnr()),
                    cell("%.4f", r.rmsePercent()), r.steps(), r.seconds(), r.learningRate(), r.tier(), r.outcome()));
        }
        return sb.toString();
    }

    /** A number for a CSV cell; empty where there is none (no truth). */
    private static String cell(String format, double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, format, v);
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
        double[] residuals = r.frameResiduals();
        if (residuals.length > 0) {
            double[] sorted = residuals.clone();
            java.util.Arrays.sort(sorted);
            int worst = 0;
            for (int k = 1; k < residuals.length; k++) {
                worst = residuals[k] > residuals[worst] ? k : worst;
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("median", sorted[sorted.length / 2]);
            f.put("worst", sorted[sorted.length - 1]);
            f.put("worstFrame", worst + 1);
            f.put("meaning", r.measurements().map(d -> d.unit() == FrameUnit.INTENSITY).orElse(false)
                    ? "2 x Poisson deviance per pixel: about 1 where the model explains a frame to its noise"
                    : "the data loss of each frame");
            m.put("frameResiduals", f);
        }
        r.calibrationEstimate().ifPresent(c -> {
            Map<String, Object> cal = new LinkedHashMap<>();
            cal.put("rmsOffsetPixels", c.rmsOffset());
            cal.put("largestOffsetPixels", c.maxOffset());
            cal.put("background", c.background());
            cal.put("framesAtBound", r.framesAtCalibrationBound().stream().map(i -> i + 1).toList());
            cal.put("intensityScale", r.measurements().orElseThrow().intensityFrames().scale());
            m.put("calibration", cal);
        });
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
