package org.prismjava.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.prismjava.backend.Precision;
import org.prismjava.files.MeasurementFiles;
import org.prismjava.loss.LossType;
import org.prismjava.measure.FrameUnit;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.optics.ShotNoise;
import org.prismjava.sampling.Patterns;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.train.Algorithm;
import org.prismjava.train.InitializationTarget;
import org.prismjava.train.TrainerConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options that define a reconstruction run (object, telescope, pattern, noise, algorithm and
 * its settings), shared by {@code reconstruct} and {@code compare}; {@link #resolve} fills in the
 * defaults and validates them under the options' own names.
 */
final class RunOptions {
    static final int DEFAULT_IMAGE_SIZE = 128;
    static final int DEFAULT_OBJECT_SIZE = 32;
    static final int REPLAY_STEPS = 100;
    static final int REFERENCE_STEPS = 600;

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

    @Option(names = "--algorithm", paramLabel = "NAME", defaultValue = "replay",
            description = "replay (train against every measured sample so far, then refine the pixels"
                    + " jointly) or reference (the reference PRISM: new sample + previous reconstruction through"
                    + " the cumulative mask). Default: ${DEFAULT-VALUE}.")
    String algorithm;

    @Option(names = "--steps-per-sample", paramLabel = "STEPS",
            description = "Step budget per sample. Default: " + REPLAY_STEPS + " (replay), " + REFERENCE_STEPS
                    + " (reference).")
    Integer stepsPerSample;

    @Option(names = "--refine-iterations", paramLabel = "COUNT",
            description = "Pixel iterations of the final joint refinement (replay; 0 = none). Default: 1000.")
    Integer refineIterations;

    @Option(names = "--holdout", paramLabel = "FRACTION",
            description = "Fraction of detector pixels held out to stop fitting noise, used when the"
                    + " measurements are noisy (--snr; replay). Default: 0.1.")
    Double holdout;

    @Option(names = "--absorbed-ratio", paramLabel = "RATIO",
            description = "End a sample once its loss is at most RATIO times the earlier samples' mean loss"
                    + " (after " + org.prismjava.train.TrainerConfig.MIN_STEPS_PER_SAMPLE + " steps; replay; 0 = off)."
                    + " Default: 0 (off).")
    Double absorbedRatio;

    @Option(names = "--tv-weight", paramLabel = "WEIGHT",
            description = "Total-variation weight on the reconstruction (replay). Default: 0.")
    Double tvWeight;

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = "l1",
            description = "Loss: l1, l2, ssim, ms-ssim. Default: ${DEFAULT-VALUE}.")
    String loss;

    @Option(names = "--loss-threshold", paramLabel = "VALUE", defaultValue = "0.005",
            description = "A sample converges when both losses are below this. Default: ${DEFAULT-VALUE}.")
    double lossThreshold;

    @Option(names = "--init-target", paramLabel = "NAME",
            description = "Initialization target: circle, measurement, synthetic-aperture, none. Default: none"
                    + " (replay), circle (reference).")
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

    @Option(names = "--precision", paramLabel = "NAME", defaultValue = "fp32",
            description = "Generator arithmetic: fp32, mixed-fp16 (with dynamic loss scaling), mixed-bf16. On"
                    + " the cpu backend the 16-bit storage is emulated (for accuracy checks, slower). Default:"
                    + " ${DEFAULT-VALUE}.")
    String precision;

    @Option(names = "--measurements", paramLabel = "FILE|FOLDER",
            description = "Reconstruct recorded frames instead of simulating an object: a measurement FITS cube or a"
                    + " folder of frames with manifest.csv (docs/data-format.md). Grid, aperture, object square and"
                    + " pupil centres come from the file.")
    String measurements;

    @Option(names = "--truth", paramLabel = "NAME|FILE",
            description = "With --measurements: score the reconstruction against this object (given as --object"
                    + " is; e.g. the -truth.fits file prism simulate writes). Default: no truth, no SSIM.")
    String truth;

    @Option(names = "--calibrate", paramLabel = "WHAT", defaultValue = RunSpec.CALIBRATE_ALL,
            description = "With --measurements of intensity frames: what is estimated alongside the image: all"
                    + " (each frame's flux, the background, each pupil centre), none, or a comma list of flux,"
                    + " background, positions. Default: ${DEFAULT-VALUE}.")
    String calibrate;

    /** The options that define the data of a simulation; a measurement file brings its own. */
    static final List<String> DATA_OPTIONS = List.of("--object", "--image-size", "--object-size", "--samples",
            "--pattern", "--pattern-radius", "--aperture-radius", "--snr");

    /**
     * Most samples a run takes: beyond this the k-space disk is covered many times over, and
     * every checkpoint's record list grows by one entry per sample.
     */
    static final int MAX_SAMPLES = 10_000;

    /** The run these options define (defaults filled in), validated with the options' own names. */
    RunSpec resolve(CommandSpec spec) {
        if (measurements != null) {
            return resolveRecorded(spec);
        }
        PrismCommand.require(truth == null, "--truth", truth,
                "scores recorded frames (--measurements); a simulation is scored against its --object");
        PrismCommand.require(!matched(spec, "--calibrate"), "--calibrate", calibrate,
                "applies to recorded intensity frames (--measurements); simulated frames are exact");
        int n = imageSize;
        PrismCommand.require(n >= 16 && n <= 4096 && Integer.bitCount(n) == 1, "--image-size", n,
                "must be a power of two in [16, 4096]");
        PrismCommand.require(objectSize == null || objectSize >= 8 && objectSize <= n, "--object-size", objectSize,
                "must be in [8, " + n + "] (the image size)");
        PrismCommand.require(samples >= 1 && samples <= MAX_SAMPLES, "--samples", samples, "must be in [1, "
                + MAX_SAMPLES + "]");
        PrismCommand.require(snr == null || snr > 0 && Double.isFinite(snr), "--snr", snr,
                "must be a finite SNR > 0 dB (leave it out for noiseless measurements)");
        Training t = training(spec, algorithmOption());
        PrismCommand.require(apertureRadius == null || apertureRadius >= 1 && apertureRadius < n / 2.0,
                "--aperture-radius", apertureRadius, "must be in [1, N/2) pixels (a smaller pupil can miss every pixel)");
        byName("--pattern", pattern, p -> Patterns.builtin(p, 2, 1));
        PrismCommand.require(patternRadius == null || patternRadius > 0 && patternRadius <= n / 2.0,
                "--pattern-radius", patternRadius, "must be in (0, N/2] (sample centres lie on the grid)");
        int defaultObject = matched(spec, "--image-size") ? n / 4 : DEFAULT_OBJECT_SIZE;
        int obj = RunSpec.objectSizeFor(object, n, objectSize, defaultObject);
        // A file is recorded by its absolute path, so that --resume from any directory reads the same file.
        String objectArgument = RunSpec.isFile(object) ? Path.of(object).toAbsolutePath().normalize().toString()
                : object;
        return new RunSpec(objectArgument, n, obj, samples, pattern, apertureRadius != null ? apertureRadius : n / 12.0,
                patternRadius != null ? patternRadius : n / 2.0, snr != null ? snr : Double.NaN, t.steps(),
                loss, lossThreshold, seed, RunSpec.wavelengthFor(object), t.init(), initStepsPerCycle, initCycles,
                Precision.byName(precision).id(), t.algorithm().id(), t.refine(), t.holdout(), t.tv(), t.absorbed(),
                null, null, RunSpec.CALIBRATE_ALL);
    }

    /**
     * The validated training settings, whatever the data.
     *
     * @param refine refinement iterations (0 for the reference)
     * @param holdout held-out fraction (0 for the reference)
     * @param tv total-variation weight (0 for the reference)
     * @param absorbed absorbed-sample ratio (0 for the reference)
     */
    private record Training(Algorithm algorithm, int steps, int refine, double holdout, double tv, double absorbed,
            String init) {
    }

    private Training training(CommandSpec spec, Algorithm a) {
        boolean replay = a == Algorithm.REPLAY;
        int steps = stepsPerSample != null ? stepsPerSample : replay ? REPLAY_STEPS : REFERENCE_STEPS;
        PrismCommand.require(steps >= 1, "--steps-per-sample", steps, "must be >= 1");
        TrainerConfig defaults = TrainerConfig.builder(a).build();
        for (String option : List.of("--refine-iterations", "--holdout", "--tv-weight", "--absorbed-ratio")) {
            PrismCommand.require(replay || !matched(spec, option), option, "given", "applies to --algorithm replay only");
        }
        int refine = refineIterations != null ? refineIterations : defaults.refinementIterations();
        PrismCommand.require(refine >= 0, "--refine-iterations", refine, "must be >= 0");
        double hold = holdout != null ? holdout : defaults.holdoutFraction();
        PrismCommand.require(hold >= 0 && hold <= 0.5, "--holdout", hold, "must be in [0, 0.5]");
        double tv = tvWeight != null ? tvWeight : defaults.tvWeight();
        double absorbed = absorbedRatio != null ? absorbedRatio : defaults.absorbedRatio();
        PrismCommand.require(absorbed >= 0 && Double.isFinite(absorbed), "--absorbed-ratio", absorbed, "must be >= 0");
        PrismCommand.require(tv >= 0 && Double.isFinite(tv), "--tv-weight", tv, "must be >= 0");
        String init = initTarget != null ? initTarget : defaults.initializationTarget().name().toLowerCase(Locale.ROOT);
        byName("--loss", loss, LossType::byName);
        byName("--precision", precision, Precision::byName);
        byName("--init-target", init, InitializationTarget::byName);
        PrismCommand.require(lossThreshold > 0 && Double.isFinite(lossThreshold), "--loss-threshold", lossThreshold,
                "must be > 0");
        PrismCommand.require(initStepsPerCycle >= 1, "--init-steps-per-cycle", initStepsPerCycle, "must be >= 1");
        PrismCommand.require(initCycles >= 1, "--init-cycles", initCycles, "must be >= 1");
        return new Training(a, steps, replay ? refine : 0, replay ? hold : 0, replay ? tv : 0, replay ? absorbed : 0,
                init);
    }

    private static boolean matched(CommandSpec spec, String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /**
     * A run on recorded frames: the file gives grid, aperture, object square and samples; the
     * options that define simulated data are refused, the training options apply as always.
     */
    private RunSpec resolveRecorded(CommandSpec spec) {
        for (String option : DATA_OPTIONS) {
            PrismCommand.require(!matched(spec, option), option, "given",
                    "cannot be combined with --measurements: the file defines the data");
        }
        PrismCommand.require(algorithmOption() == Algorithm.REPLAY, "--algorithm", algorithm,
                "must be replay for --measurements (the reference measures its own targets from an object)");
        PrismCommand.require(initTarget == null || List.of("none", "circle").contains(initTarget), "--init-target",
                initTarget, "must be none or circle for --measurements (the others need the object)");
        RunSpec.calibrationConfig(calibrate);
        Training t = training(spec, Algorithm.REPLAY);
        Path file = Path.of(measurements).toAbsolutePath().normalize();
        MeasurementSet data;
        try {
            data = MeasurementFiles.read(file);
        } catch (IOException e) {
            throw new PrismCommand.UsageException("--measurements " + measurements + " cannot be read: "
                    + e.getMessage());
        }
        TelescopeConfig c = data.telescope().config();
        double snrDb = data.unit() == FrameUnit.AMPLITUDE && c.noise().orElse(null) instanceof ShotNoise shot
                ? shot.snrDb() : Double.NaN;
        double extent = data.samples().stream().mapToDouble(s -> s.start().radius()).max().orElse(0);
        String truthArgument = truth == null ? null
                : RunSpec.isFile(truth) ? Path.of(truth).toAbsolutePath().normalize().toString() : truth;
        if (truth != null) {
            RunSpec.objectSizeFor(truth, data.gridSize(), data.objectSize(), data.objectSize());
        }
        return new RunSpec(RunSpec.RECORDED, data.gridSize(), data.objectSize(), data.size(), RunSpec.RECORDED,
                c.aperture().boundingRadius(), extent, snrDb, t.steps(), loss, lossThreshold, seed, c.wavelength(),
                t.init(), initStepsPerCycle, initCycles, Precision.byName(precision).id(), Algorithm.REPLAY.id(),
                t.refine(), t.holdout(), t.tv(), t.absorbed(), file.toString(), truthArgument,
                calibrate.strip().toLowerCase(Locale.ROOT));
    }

    /** Parses a named option's value with {@code parser}, reporting a bad value under the option's name. */
    private static void byName(String option, String value, java.util.function.Function<String, ?> parser) {
        try {
            parser.apply(value);
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            int allowed = m.indexOf("is invalid: ");
            throw new PrismCommand.UsageException(option + " " + value + " is invalid: "
                    + (allowed >= 0 ? m.substring(allowed + "is invalid: ".length()) : m));
        }
    }

    private Algorithm algorithmOption() {
        try {
            return Algorithm.byName(algorithm);
        } catch (IllegalArgumentException e) {
            throw new PrismCommand.UsageException("--algorithm " + algorithm + " is invalid: use replay or reference");
        }
    }

}
