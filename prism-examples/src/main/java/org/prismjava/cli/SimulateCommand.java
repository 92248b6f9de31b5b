package org.prismjava.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.prismjava.backend.Backends;
import org.prismjava.calibration.Calibration;
import org.prismjava.files.MeasurementFiles;
import org.prismjava.measure.FrameSimulator;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.measure.MeasurementSystem;
import org.prismjava.metrics.ImageMetrics;
import org.prismjava.objects.FitsImage;
import org.prismjava.objects.ObservedObject;
import org.prismjava.sampling.Sample;
import org.prismjava.telescope.Telescope;
import org.prismjava.train.Provenance;
import org.prismjava.train.RunSeeds;
import org.prismjava.util.AtomicFiles;
import org.prismjava.util.SeededRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code prism simulate}: a measurement file from an object, as an instrument would record it,
 * for {@code prism reconstruct --measurements}. Without {@code --photons}: the library's own
 * acquisition (amplitude frames, noise with {@code --snr}), exactly the data a {@code reconstruct
 * --object} run fits. With {@code --photons}: intensity frames in counts with Poisson noise and the
 * instrument errors asked for. Beside the file: the object as simulated ({@code -truth.fits}, for
 * {@code --truth}) and, for counts, the true calibration ({@code -calibration.csv}).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a measurement file (docs/data-format.md) of an object: FILE, FILE-truth.fits (the"
                + " object as simulated, for reconstruct --truth) and, with --photons, FILE-calibration.csv (the"
                + " true centre errors and fluxes). The object, grid, pattern, aperture, --snr and --seed options"
                + " are those of reconstruct; its training options do not apply here.", ""})
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions options;

    @Option(names = "--out", paramLabel = "FILE.fits", required = true,
            description = "The measurement file to write (never overwritten).")
    Path out;

    @Option(names = "--photons", paramLabel = "COUNT",
            description = "Record intensity in counts with Poisson noise: the expected counts of the frame nearest"
                    + " the k-space origin (e.g. 1e7). Default: amplitude frames as reconstruct --object fits.")
    Double photons;

    @Option(names = "--read-noise", paramLabel = "COUNTS", defaultValue = "0",
            description = "Gaussian read noise per pixel in counts (with --photons). Default: ${DEFAULT-VALUE}.")
    double readNoise;

    @Option(names = "--position-error", paramLabel = "PX", defaultValue = "0",
            description = "Root-mean-square error of the pupil centres the file reports, in pupil pixels (with"
                    + " --photons). Default: ${DEFAULT-VALUE}.")
    double positionError;

    @Option(names = "--flux-jitter", paramLabel = "SIGMA", defaultValue = "0",
            description = "Deviation of each frame's log flux, 0.1 = about 10% (with --photons). Default:"
                    + " ${DEFAULT-VALUE}.")
    double fluxJitter;

    @Option(names = "--background", paramLabel = "FRACTION", defaultValue = "0",
            description = "Background per pixel as a fraction of the peak of the frame nearest the origin (with"
                    + " --photons). Default: ${DEFAULT-VALUE}.")
    double background;

    /** Options of reconstruct that mean nothing for a file. */
    private static final List<String> TRAINING = List.of("--algorithm", "--steps-per-sample", "--refine-iterations",
            "--holdout", "--absorbed-ratio", "--tv-weight", "--loss", "--loss-threshold", "--init-target",
            "--init-steps-per-cycle", "--init-cycles", "--precision", "--measurements", "--truth", "--calibrate");

    @Override
    public Integer call() throws IOException {
        for (String option : TRAINING) {
            PrismCommand.require(!spec.commandLine().getParseResult().hasMatchedOption(option), option, "given",
                    "does not apply to prism simulate (it writes data; reconstruct trains)");
        }
        boolean counts = photons != null;
        for (String option : List.of("--read-noise", "--position-error", "--flux-jitter", "--background")) {
            PrismCommand.require(counts || !spec.commandLine().getParseResult().hasMatchedOption(option), option,
                    "given", "needs --photons: instrument errors are simulated on counts");
        }
        PrismCommand.require(!counts || options.snr == null, "--snr", options.snr,
                "cannot be combined with --photons: counts carry their own (Poisson) noise");
        PrismCommand.require(out.getFileName() != null && FitsImage.isFitsName(out), "--out", out,
                "must be a FITS file name (.fits, .fit, .fts)");
        RunSpec run = options.resolve(spec);
        String base = out.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        Path truthFile = out.resolveSibling(base + "-truth.fits");
        Path calibrationFile = out.resolveSibling(base + "-calibration.csv");
        for (Path p : counts ? List.of(out, truthFile, calibrationFile) : List.of(out, truthFile)) {
            if (Files.exists(p)) {
                throw new PrismCommand.UsageException(p + " already exists; choose another --out (files are never"
                        + " overwritten)");
            }
        }
        FrameSimulator.Settings settings = counts ? new FrameSimulator.Settings(photons, readNoise, positionError,
                fluxJitter, background) : null;
        Telescope telescope = run.telescope(Backends.cpu());
        ObservedObject object = run.observedObject();
        List<Sample> samples = run.samplingPattern().generate(new SeededRandom(RunSeeds.of(run.seed()).pattern()));
        MeasurementSet data;
        Calibration truth = null;
        if (counts) {
            FrameSimulator.Result r = FrameSimulator.simulate(telescope, object, samples, settings,
                    RunSeeds.of(run.seed()).noise());
            data = r.data();
            truth = r.truth();
        } else {
            data = MeasurementSet.acquire(new MeasurementSystem(telescope, null,
                    org.prismjava.measure.LineAcquisition.DEFAULT), object, samples, !Double.isNaN(run.snrDb()),
                    RunSeeds.of(run.seed()).noise());
        }
        Map<String, Object> cards = new LinkedHashMap<>();
        cards.put("OBJECT", QualityCommand.label(run.object()));
        cards.put("PATTERN", run.pattern());
        cards.put("SEED", run.seed());
        cards.put("PRISMVER", Provenance.LIBRARY_VERSION);
        if (counts) {
            cards.put("PHOTONS", photons);
            cards.put("POSERR", positionError);
            cards.put("FLUXJIT", fluxJitter);
            cards.put("BACKFRAC", background);
        }
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        MeasurementFiles.writeFits(out, data, cards);
        int n = run.imageSize();
        int s = data.objectSize();
        float[] amplitude = object.amplitudes();
        Map<String, Object> truthCards = new LinkedHashMap<>();
        truthCards.put("BUNIT", "amplitude");
        truthCards.put("OBJECT", QualityCommand.label(run.object()));
        truthCards.put("GRIDSIZE", n);
        truthCards.put("OBJSIZE", s);
        FitsImage.write(truthFile, s, s, List.of(ImageMetrics.crop(amplitude, n, s)), truthCards);
        if (counts) {
            AtomicFiles.writeString(calibrationFile, calibrationCsv(truth));
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "wrote %s: %d %s frames of %s (N %d, object %d px)%s%n", out, data.size(),
                data.unit().id(), QualityCommand.label(run.object()), n, s, counts ? String.format(Locale.ROOT,
                        ", centre errors %.2f px rms, %s and %s", truth.rmsOffset(), truthFile.getFileName(),
                        calibrationFile.getFileName()) : ", " + truthFile.getFileName());
        return 0;
    }

    /** The true calibration: one row per frame (offsets y up, as the file's centres), the background in a comment. */
    static String calibrationCsv(Calibration c) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "# background = %.8g counts per pixel", c.background()));
        lines.add("frame,offset_y,offset_x,flux");
        for (int k = 0; k < c.frames(); k++) {
            lines.add(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f", k + 1, 0.0 - c.offset(k).y(), c.offset(k).x(),
                    c.flux(k)));
        }
        return String.join("\n", lines) + "\n";
    }
}
