package org.prismjava.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.prismjava.backend.ComputeBackend;
import org.prismjava.backend.Precision;
import org.prismjava.measure.FrameUnit;
import org.prismjava.metrics.ImageMetrics;
import org.prismjava.objects.ObservedObject;
import org.prismjava.telescope.Telescope;
import org.prismjava.train.Algorithm;
import org.prismjava.train.CheckpointListener;
import org.prismjava.train.EarlyStopListener;
import org.prismjava.train.ProgressiveTrainer;
import org.prismjava.train.TrainerConfig;
import org.prismjava.train.TrainingResult;
import org.prismjava.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code prism reconstruct}: one progressive reconstruction, written to a run folder. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reconstruct an object from sparse sub-aperture measurements into a run folder:",
            "reconstruction.png, ground_truth.png, measurements.png, kspace_coverage.png,",
            "loss_curve.png, metrics.csv, summary.json, provenance.json, run.json, checkpoint/.",
            "With no options: the built-in Europa-like object, under two minutes on 2 cores.",
            "Samples are numbered from 1; lengths are in grid pixels.", ""})
final class ReconstructCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions options;

    @Option(names = "--time-limit", paramLabel = "SECONDS",
            description = "Stop after the sample that passes this wall time (results are kept). Default: none.")
    Double timeLimit;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "auto",
            description = "Compute backend: auto, cpu, cuda. Default: ${DEFAULT-VALUE} (cpu here).")
    String backend;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Run folder name. Default: a timestamp.")
    String name;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs",
            description = "Parent folder of run folders. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_FOLDER",
            description = "Continue a stopped run from its checkpoint, with its own settings, in its folder.")
    Path resume;

    @Option(names = "--quiet", description = "Print only the final summary line.")
    boolean quiet;

    @Option(names = "--stretch", paramLabel = "NAME", defaultValue = "linear",
            description = "Display stretch of reconstruction.png and ground_truth.png: linear, asinh (faint"
                    + " structure beside a bright core), log. The data are not changed. Default: ${DEFAULT-VALUE}.")
    String stretch;

    @Option(names = "--keep-checkpoints", paramLabel = "COUNT", defaultValue = "1",
            description = "Checkpoints kept in checkpoint/, the newest (older ones are deleted as new ones are"
                    + " written). Default: ${DEFAULT-VALUE}.")
    int keepCheckpoints;

    @Override
    public Integer call() throws IOException {
        PrismCommand.require(timeLimit == null || timeLimit > 0, "--time-limit", timeLimit, "must be > 0 seconds");
        PrismCommand.require(keepCheckpoints >= 1, "--keep-checkpoints", keepCheckpoints, "must be >= 1");
        Stretch display = Stretch.byName(stretch);
        RunSpec run;
        Path folder;
        boolean fromCheckpoint = false;
        if (resume != null) {
            rejectWithResume();
            folder = resume;
            Path runJson = folder.resolve(RunFolder.RUN_JSON);
            if (!Files.isRegularFile(runJson)) {
                throw new PrismCommand.UsageException("--resume " + resume + " is not a run folder: it has no "
                        + RunFolder.RUN_JSON);
            }
            run = RunSpec.read(runJson);
            fromCheckpoint = Files.exists(folder.resolve(RunFolder.CHECKPOINT).resolve("LATEST"));
        } else {
            run = options.resolve(spec);
            folder = out.resolve(name != null ? checkedName(name)
                    : LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            requireUnused(folder);
        }
        TrainerConfig trainerConfig = run.trainerConfig();
        ComputeBackend compute = Backends.resolve(backend, trainerConfig.precision());
        PrintWriter w = spec.commandLine().getOut();
        MemoryEstimate needs = MemoryEstimate.of(run);
        needs.requireFits(Runtime.getRuntime().maxMemory());
        needs.requireDisk(folder, keepCheckpoints);
        ProgressiveTrainer.Builder b = ProgressiveTrainer.builder().optConfig(trainerConfig).optBackend(compute);
        Optional<ObservedObject> truth;
        if (run.recorded()) {
            b.optMeasurements(run.measurementSet()).optCalibration(run.calibrationConfig());
            truth = run.truthObject();
            truth.ifPresent(b::optTruth);
        } else {
            truth = Optional.of(run.observedObject());
            b.setTelescope(run.telescope(compute)).setObject(truth.get()).setPattern(run.samplingPattern());
        }
        LossHistory history = new LossHistory(folder.resolve(LossHistory.FILE));
        b.addListener(history)
                .addListener(new CheckpointListener(folder.resolve(RunFolder.CHECKPOINT), 1, keepCheckpoints));
        if (fromCheckpoint) {
            b.optResumeFrom(folder.resolve(RunFolder.CHECKPOINT));
        }
        if (!quiet) {
            b.addListener(new ProgressBar(w, System.console() != null, run.stepsPerSample()));
        }
        if (timeLimit != null) {
            b.addListener(EarlyStopListener.afterSeconds(timeLimit));
        }
        // Everything is validated by now: only a valid run creates its folder.
        ProgressiveTrainer trainer = b.build();
        RunFolder files = RunFolder.create(folder);
        try (RunLock lock = RunLock.acquire(folder)) {
            if (resume == null) {
                requireUnused(folder);
            } else if (!fromCheckpoint && !quiet) {
                w.printf(Locale.ROOT, "%s: no sample finished before the run stopped; starting it again%n", folder);
            }
            files.writeRun(run);
            if (!quiet) {
                w.printf(Locale.ROOT, "reconstructing %s (N %d, object %d px) from %d %s samples -> %s%n",
                        run.recorded() ? run.measurements() : run.object(), run.imageSize(), run.objectSize(),
                        run.samples(), run.recorded() ? "recorded" : run.pattern(), folder);
            }
            TrainingResult result = trainer.run();
            files.writeResults(run, truth, result, history, compute.name(), run.precision(), display);
            w.println(doneLine(result, folder));
        }
        return 0;
    }

    /**
     * The final line: the quality against the truth when there is one; without, what the data
     * say: the frames' residuals (about 1 where the model explains a frame of counts to its
     * noise) and the calibration estimate.
     */
    static String doneLine(TrainingResult result, Path folder) {
        String samples = String.format(Locale.ROOT, "%d samples (%d did not converge), %.1f s -> %s",
                result.samples().size(), result.failedSamples().size(), result.seconds(), folder);
        Optional<ImageMetrics.Quality> q = result.quality();
        String quality = q.map(v -> String.format(Locale.ROOT, "SSIM %.3f, PSNR %.2f dB, RMSE %.1f%%, ", v.ssim(),
                v.psnr(), v.rmsePercent())).orElse("no truth: ");
        String data = "";
        double[] residuals = result.frameResiduals();
        if (q.isEmpty() && residuals.length > 0) {
            double[] sorted = residuals.clone();
            java.util.Arrays.sort(sorted);
            data = String.format(Locale.ROOT, "frame residuals median %.3g, worst %.3g%s, ", sorted[sorted.length / 2],
                    sorted[sorted.length - 1], result.measurements().map(m -> m.unit() == FrameUnit.INTENSITY)
                            .orElse(false) ? " (1 = explained to the noise)" : "");
        }
        String calibration = result.calibrationEstimate().map(c -> String.format(Locale.ROOT,
                "centre corrections %.2f px rms (largest %.2f)%s, ", c.rmsOffset(), c.maxOffset(),
                result.framesAtCalibrationBound().isEmpty() ? ""
                        : ", " + result.framesAtCalibrationBound().size() + " frame(s) at the bound")).orElse("");
        return "done: " + quality + data + calibration + samples;
    }

    /** A new run needs a folder that does not exist or holds nothing but a released lock. */
    private static void requireUnused(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            if (Files.exists(folder)) {
                throw new PrismCommand.UsageException("run folder " + folder + " exists and is not a folder");
            }
            return;
        }
        try (var s = Files.list(folder)) {
            if (s.anyMatch(p -> !p.getFileName().toString().equals(RunLock.FILE))) {
                throw new PrismCommand.UsageException("run folder " + folder
                        + " already exists; choose another --name or --resume it");
            }
        }
    }

    private void rejectWithResume() {
        for (String option : List.of("--object", "--image-size", "--object-size", "--samples", "--pattern",
                "--algorithm", "--refine-iterations", "--holdout", "--tv-weight", "--absorbed-ratio",
                "--aperture-radius", "--pattern-radius", "--snr", "--steps-per-sample", "--loss", "--loss-threshold",
                "--init-target", "--init-steps-per-cycle", "--init-cycles", "--precision", "--seed", "--name", "--out", "--measurements", "--truth", "--calibrate")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new PrismCommand.UsageException(option + " cannot be combined with --resume: a resumed run"
                        + " keeps the settings in its run.json");
            }
        }
    }

    private static String checkedName(String name) {
        if (name.isBlank() || !name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
            throw new PrismCommand.UsageException("--name '" + name
                    + "' must be letters, digits, '.', '_' or '-' and not start with '.'");
        }
        return name;
    }
}
