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
import java.util.concurrent.Callable;
import org.prismjava.backend.ComputeBackend;
import org.prismjava.backend.Precision;
import org.prismjava.objects.ObservedObject;
import org.prismjava.telescope.Telescope;
import org.prismjava.train.CheckpointListener;
import org.prismjava.train.EarlyStopListener;
import org.prismjava.train.ProgressiveTrainer;
import org.prismjava.train.TrainerConfig;
import org.prismjava.train.TrainingResult;
import org.prismjava.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code prism reconstruct}: one progressive reconstruction, written to a run folder. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reconstruct an object from sparse sub-aperture measurements into a run folder:",
            "reconstruction.png, ground_truth.png, measurements.png, kspace_coverage.png,",
            "loss_curve.png, metrics.csv, summary.json, provenance.json, run.json, checkpoint/.",
            "With no options: the built-in Europa-like object, under two minutes on 2 cores.",
            "Samples are numbered from 1; lengths are in grid pixels.", ""})
final class ReconstructCommand implements Callable<Integer> {
    static final int DEFAULT_IMAGE_SIZE = 128;
    static final int DEFAULT_OBJECT_SIZE = 32;

    @Spec
    CommandSpec spec;

    @Option(names = "--object", paramLabel = "NAME|preset:NAME|FILE", defaultValue = "europa",
            description = "Built-in object (europa, siemens-star, bars), preset:europa|titan|betelgeuse|neptune"
                    + " (size and wavelength from its physics) or an image file (PNG, JPEG, TIFF, BMP, GIF, FITS)."
                    + " Default: ${DEFAULT-VALUE}.")
    String object;

    @Option(names = "--image-size", paramLabel = "N", defaultValue = "" + DEFAULT_IMAGE_SIZE,
            description = "Grid size N in pixels (a power of two, 16..4096). Default: ${DEFAULT-VALUE}.")
    int imageSize;

    @Option(names = "--object-size", paramLabel = "PX",
            description = "Object size in pixels (8..N). Default: " + DEFAULT_OBJECT_SIZE + ", or N/4 when"
                    + " --image-size is given.")
    Integer objectSize;

    @Option(names = "--samples", paramLabel = "COUNT", defaultValue = "48",
            description = "Number of sub-aperture samples. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--pattern", paramLabel = "NAME", defaultValue = "fermat",
            description = "Sampling pattern: fermat, random, circles, jittered. Default: ${DEFAULT-VALUE}.")
    String pattern;

    @Option(names = "--aperture-radius", paramLabel = "PX",
            description = "Sub-aperture radius in pupil pixels. Default: N/12.")
    Double apertureRadius;

    @Option(names = "--pattern-radius", paramLabel = "PX",
            description = "Radius of the k-space disk the sample centres fill. Default: N/2 (the reference's"
                    + " roi/2).")
    Double patternRadius;

    @Option(names = "--snr", paramLabel = "DB",
            description = "Measurement signal-to-noise ratio in dB (adds seeded noise). Default: noiseless.")
    Double snr;

    @Option(names = "--steps-per-sample", paramLabel = "STEPS", defaultValue = "600",
            description = "Step budget per sample. Default: ${DEFAULT-VALUE}.")
    int stepsPerSample;

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = "l1",
            description = "Loss: l1, l2, ssim, ms-ssim. Default: ${DEFAULT-VALUE}.")
    String loss;

    @Option(names = "--loss-threshold", paramLabel = "VALUE", defaultValue = "0.005",
            description = "A sample converges when both losses are below this. Default: ${DEFAULT-VALUE}.")
    double lossThreshold;

    @Option(names = "--init-target", paramLabel = "NAME", defaultValue = "circle",
            description = "Initialization target: circle, measurement, synthetic-aperture, none. Default:"
                    + " ${DEFAULT-VALUE}.")
    String initTarget;

    @Option(names = "--init-steps-per-cycle", paramLabel = "STEPS", defaultValue = "100",
            description = "Initialization steps per cycle. Default: ${DEFAULT-VALUE}.")
    int initStepsPerCycle;

    @Option(names = "--init-cycles", paramLabel = "COUNT", defaultValue = "100",
            description = "Initialization cycles at most (it stops early at the loss threshold). Default:"
                    + " ${DEFAULT-VALUE}.")
    int initCycles;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0",
            description = "Seed for pattern, weights and noise. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--time-limit", paramLabel = "SECONDS",
            description = "Stop after the sample that passes this wall time (results are kept). Default: none.")
    Double timeLimit;

    @Option(names = "--precision", paramLabel = "NAME", defaultValue = "fp32",
            description = "Generator arithmetic: fp32, mixed-fp16 (with dynamic loss scaling), mixed-bf16. On"
                    + " the cpu backend the 16-bit storage is emulated (for accuracy checks, slower). Default:"
                    + " ${DEFAULT-VALUE}.")
    String precision;

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

    @Override
    public Integer call() throws IOException {
        RunSpec run;
        Path folder;
        if (resume != null) {
            rejectWithResume();
            folder = resume;
            Path runJson = folder.resolve(RunFolder.RUN_JSON);
            if (!Files.isRegularFile(runJson) || !Files.isDirectory(folder.resolve(RunFolder.CHECKPOINT))) {
                throw new PrismCommand.UsageException("--resume " + resume + " is not a run folder (needs "
                        + RunFolder.RUN_JSON + " and " + RunFolder.CHECKPOINT + "/)");
            }
            run = RunSpec.fromMap((Map<?, ?>) Json.parse(Files.readString(runJson)));
        } else {
            run = resolve();
            folder = out.resolve(name != null ? checkedName(name)
                    : LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            if (Files.exists(folder) && !isEmptyDirectory(folder)) {
                throw new PrismCommand.UsageException("run folder " + folder
                        + " already exists; choose another --name or --resume it");
            }
        }
        TrainerConfig trainerConfig = run.trainerConfig();
        ComputeBackend compute = Backends.resolve(backend, trainerConfig.precision());
        PrintWriter w = spec.commandLine().getOut();
        Telescope telescope = run.telescope(compute);
        ObservedObject truth = run.observedObject();
        LossHistory history = new LossHistory(folder.resolve(LossHistory.FILE));
        ProgressiveTrainer.Builder b = ProgressiveTrainer.builder().setTelescope(telescope).setObject(truth)
                .setPattern(run.samplingPattern()).optConfig(trainerConfig).optBackend(compute)
                .addListener(history)
                .addListener(new CheckpointListener(folder.resolve(RunFolder.CHECKPOINT)));
        if (resume != null) {
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
        RunFolder files = new RunFolder(folder);
        files.writeRun(run);
        if (!quiet) {
            w.printf(Locale.ROOT, "reconstructing %s (N %d, object %d px) from %d %s samples -> %s%n", run.object(),
                    run.imageSize(), run.objectSize(), run.samples(), run.pattern(), folder);
        }
        TrainingResult result = trainer.run();
        files.writeResults(run, telescope, truth, result, history, compute.name(), run.precision());
        result.last().ifPresent(s -> w.printf(Locale.ROOT,
                "done: SSIM %.3f, PSNR %.2f dB, RMSE %.1f%%, %d samples (%d did not converge), %.1f s -> %s%n",
                s.ssim(), s.psnr(), s.rmsePercent(), result.samples().size(), result.failedSamples().size(),
                result.seconds(), folder));
        return 0;
    }

    private RunSpec resolve() {
        int n = imageSize;
        PrismCommand.require(n >= 16 && n <= 4096 && Integer.bitCount(n) == 1, "--image-size", n,
                "must be a power of two in [16, 4096]");
        PrismCommand.require(objectSize == null || objectSize >= 8 && objectSize <= n, "--object-size", objectSize,
                "must be in [8, " + n + "] (the image size)");
        PrismCommand.require(samples >= 1, "--samples", samples, "must be >= 1");
        PrismCommand.require(stepsPerSample >= 1, "--steps-per-sample", stepsPerSample, "must be >= 1");
        PrismCommand.require(apertureRadius == null || apertureRadius > 0 && apertureRadius < n / 2.0,
                "--aperture-radius", apertureRadius, "must be in (0, N/2)");
        PrismCommand.require(patternRadius == null || patternRadius >= 0 && patternRadius <= n, "--pattern-radius",
                patternRadius, "must be in [0, N]");
        PrismCommand.require(lossThreshold > 0 && Double.isFinite(lossThreshold), "--loss-threshold", lossThreshold,
                "must be > 0");
        PrismCommand.require(initStepsPerCycle >= 1, "--init-steps-per-cycle", initStepsPerCycle, "must be >= 1");
        PrismCommand.require(initCycles >= 1, "--init-cycles", initCycles, "must be >= 1");
        PrismCommand.require(timeLimit == null || timeLimit > 0, "--time-limit", timeLimit, "must be > 0 seconds");
        int defaultObject = spec.commandLine().getParseResult().hasMatchedOption("--image-size") ? n / 4
                : DEFAULT_OBJECT_SIZE;
        int obj = RunSpec.objectSizeFor(object, n, objectSize, defaultObject);
        return new RunSpec(object, n, obj, samples, pattern, apertureRadius != null ? apertureRadius : n / 12.0,
                patternRadius != null ? patternRadius : n / 2.0, snr != null ? snr : Double.NaN, stepsPerSample,
                loss, lossThreshold, seed, RunSpec.wavelengthFor(object), initTarget, initStepsPerCycle, initCycles,
                Precision.byName(precision).id());
    }

    private void rejectWithResume() {
        for (String option : List.of("--object", "--image-size", "--object-size", "--samples", "--pattern",
                "--aperture-radius", "--pattern-radius", "--snr", "--steps-per-sample", "--loss", "--loss-threshold",
                "--init-target", "--init-steps-per-cycle", "--init-cycles", "--precision", "--seed", "--name", "--out")) {
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

    private static boolean isEmptyDirectory(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (var s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }
}
