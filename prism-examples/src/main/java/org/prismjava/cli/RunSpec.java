package org.prismjava.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.prismjava.backend.ComputeBackend;
import org.prismjava.backend.Precision;
import org.prismjava.calibration.CalibrationConfig;
import org.prismjava.files.MeasurementFiles;
import org.prismjava.loss.LossType;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.objects.AstronomicalPreset;
import org.prismjava.objects.FitsImage;
import org.prismjava.objects.ImageFiles;
import org.prismjava.objects.ObservedObject;
import org.prismjava.objects.TestObjects;
import org.prismjava.sampling.Patterns;
import org.prismjava.sampling.SamplingPattern;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.train.Algorithm;
import org.prismjava.train.InitializationTarget;
import org.prismjava.train.TrainerConfig;
import org.prismjava.util.StoredFields;

/**
 * Everything that defines a reconstruction run, resolved from the command line (defaults
 * filled in) and saved as {@code run.json} so that {@code --resume} rebuilds the same run.
 *
 * @param object built-in name, {@code preset:<name>} or an image or FITS path
 * @param imageSize grid size N
 * @param objectSize object size in pixels
 * @param samples number of sub-aperture samples
 * @param pattern built-in pattern name
 * @param apertureRadius sub-aperture radius, pixels
 * @param patternRadius radius of the sampled k-space disk, pixels
 * @param snrDb signal-to-noise ratio in dB, or NaN for noiseless measurements
 * @param stepsPerSample step budget per sample
 * @param loss loss name
 * @param lossThreshold convergence threshold on both losses
 * @param seed root seed
 * @param wavelength telescope wavelength, metres
 * @param initTarget initialization target name (circle, measurement, synthetic-aperture, none)
 * @param initStepsPerCycle initialization steps per cycle
 * @param initCycles initialization cycles at most
 * @param precision generator arithmetic name (fp32, mixed-fp16, mixed-bf16)
 * @param algorithm replay or reference
 * @param refineIterations pixel iterations of the final refinement (replay; 0 = none)
 * @param holdout fraction of detector pixels held out on noisy data (replay)
 * @param tvWeight total-variation weight (replay)
 * @param absorbedRatio the absorbed-sample rule's ratio (replay; 0 = off)
 * @param measurements the measurement file or folder a run on recorded frames reads (absolute), or
 *     null for a simulation of {@code object}; the geometry fields then repeat the file's
 * @param truth what a run on recorded frames is scored against (as {@code object}), or null
 * @param calibrate what is self-calibrated of intensity frames: all, none, or a comma list of
 *     flux, background, positions
 */
record RunSpec(String object, int imageSize, int objectSize, int samples, String pattern, double apertureRadius,
        double patternRadius, double snrDb, int stepsPerSample, String loss, double lossThreshold, long seed,
        double wavelength, String initTarget, int initStepsPerCycle, int initCycles, String precision,
        String algorithm, int refineIterations, double holdout, double tvWeight, double absorbedRatio,
        String measurements, String truth, String calibrate) {

    /** The object field of a run on recorded frames. */
    static final String RECORDED = "recorded";
    /** Everything self-calibrated. */
    static final String CALIBRATE_ALL = "all";

    /**
     * The run {@code prism reconstruct} makes from these arguments and defaults for everything
     * else (Fermat pattern over radius N/2, aperture radius N/12, normalised L1, the algorithm's
     * step budget, initialization and refinement).
     *
     * @param snrDb NaN for noiseless measurements
     */
    static RunSpec standard(String object, int imageSize, int objectSize, int samples, double snrDb, long seed,
            Algorithm algorithm) {
        TrainerConfig d = TrainerConfig.builder(algorithm).build();
        boolean replay = algorithm == Algorithm.REPLAY;
        return new RunSpec(object, imageSize, objectSize, samples, "fermat", imageSize / 12.0, imageSize / 2.0, snrDb,
                replay ? RunOptions.REPLAY_STEPS : RunOptions.REFERENCE_STEPS, d.lossType().id(), d.lossThreshold(),
                seed, wavelengthFor(object), d.initializationTarget().name().toLowerCase(java.util.Locale.ROOT),
                d.initStepsPerCycle(), d.initMaxCycles(), d.precision().id(), algorithm.id(),
                d.refinementIterations(), d.holdoutFraction(), d.tvWeight(), d.absorbedRatio(), null, null,
                CALIBRATE_ALL);
    }

    /** Whether this run reconstructs recorded frames (a measurement file) rather than simulating an object. */
    boolean recorded() {
        return measurements != null;
    }

    /** The recorded frames this run reads. */
    MeasurementSet measurementSet() throws IOException {
        return MeasurementFiles.read(Path.of(measurements));
    }

    /** The truth a run on recorded frames is scored against, if one was given. */
    Optional<ObservedObject> truthObject() throws IOException {
        return truth == null ? Optional.empty() : Optional.of(load(truth));
    }

    /** What is self-calibrated of intensity frames. */
    CalibrationConfig calibrationConfig() {
        return calibrationConfig(calibrate);
    }

    /** The calibration a {@code --calibrate} value names; refused naming the option. */
    static CalibrationConfig calibrationConfig(String value) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        CalibrationConfig d = CalibrationConfig.DEFAULT;
        if (v.equals(CALIBRATE_ALL)) {
            return d;
        }
        if (v.equals("none")) {
            return CalibrationConfig.NONE;
        }
        java.util.Set<String> parts = new java.util.LinkedHashSet<>(java.util.Arrays.asList(v.split("\\s*,\\s*")));
        for (String part : parts) {
            if (!java.util.List.of("flux", "background", "positions").contains(part)) {
                throw new PrismCommand.UsageException("--calibrate " + value + " is invalid: use all, none, or a"
                        + " comma list of flux, background, positions");
            }
        }
        return d.estimating(parts.contains("flux"), parts.contains("background"), parts.contains("positions"));
    }

    /** The object names that are generated in code. */
    static final String PRESET_PREFIX = "preset:";

    /** The run's telescope, propagating with {@code backend}'s FFT plans. */
    Telescope telescope(ComputeBackend backend) {
        TelescopeConfig.Builder b = TelescopeConfig.builder(imageSize).apertureRadius(apertureRadius)
                .wavelength(wavelength);
        if (!Double.isNaN(snrDb)) {
            b.snrDb(snrDb);
        }
        return new SubApertureTelescope(b.build(), backend.fft2(imageSize));
    }

    /** The observed object (ground truth) of a simulation. */
    ObservedObject observedObject() throws IOException {
        return load(object);
    }

    /** A built-in object, a preset or an image file, on this run's grid and object square. */
    private ObservedObject load(String name) throws IOException {
        if (TestObjects.NAMES.contains(name)) {
            return TestObjects.byName(name, imageSize, objectSize, seed);
        }
        if (name.startsWith(PRESET_PREFIX)) {
            return TestObjects.europaLike(imageSize, objectSize, seed);
        }
        Map.Entry<Path, FitsImage.Selection> file = FitsImage.parseSpec(name);
        return ImageFiles.load(file.getKey(), file.getValue(), imageSize, objectSize, false);
    }

    /** The sampling pattern. */
    SamplingPattern samplingPattern() {
        return Patterns.builtin(pattern, samples, patternRadius);
    }

    /** The trainer configuration: Appendix C defaults except the options of this spec. */
    TrainerConfig trainerConfig() {
        Algorithm a = Algorithm.byName(algorithm);
        TrainerConfig.Builder b = TrainerConfig.builder(a);
        if (a == Algorithm.REPLAY) {
            b.refinementIterations(refineIterations).holdoutFraction(holdout).tvWeight(tvWeight)
                    .absorbedRatio(absorbedRatio);
        }
        return b.stepsPerCycle(stepsPerSample).lossType(LossType.byName(loss))
                .lossThreshold(lossThreshold).seed(seed).addNoise(!Double.isNaN(snrDb))
                .initializationTarget(InitializationTarget.byName(initTarget)).initStepsPerCycle(initStepsPerCycle)
                .initMaxCycles(initCycles).precision(Precision.byName(precision)).build();
    }

    /**
     * Checks the object argument and returns the object size for it: a preset's size follows
     * from its physics, a file must exist and be a readable image.
     */
    static int objectSizeFor(String object, int imageSize, Integer requested, int defaultSize) {
        if (object.startsWith(PRESET_PREFIX)) {
            if (requested != null) {
                throw new PrismCommand.UsageException("--object-size cannot be combined with --object " + object
                        + ": a preset's size follows from its physics");
            }
            return preset(object).validatedObjectPixels(imageSize, TelescopeConfig.DEFAULT_PIXEL_SIZE);
        }
        if (!TestObjects.NAMES.contains(object)) {
            if (!Files.isRegularFile(FitsImage.parseSpec(object).getKey())) {
                throw new PrismCommand.UsageException("--object " + object + " is not a built-in object ("
                        + String.join(", ", TestObjects.NAMES) + "), a preset (" + PRESET_PREFIX
                        + "europa|titan|betelgeuse|neptune) or an existing image or FITS file (FITS: file.fits,"
                        + " file.fits[HDU] by index or EXTNAME, file.fits[HDU][PLANE] for a cube)");
            }
        }
        return requested != null ? requested : defaultSize;
    }

    /** Whether the object argument names a file (not a built-in object or a preset). */
    static boolean isFile(String object) {
        return !object.startsWith(PRESET_PREFIX) && !TestObjects.NAMES.contains(object);
    }

    /** Wavelength for the object: the preset's, else the telescope default. */
    static double wavelengthFor(String object) {
        return object.startsWith(PRESET_PREFIX) ? preset(object).wavelength() : TelescopeConfig.DEFAULT_WAVELENGTH;
    }

    private static AstronomicalPreset preset(String object) {
        try {
            return AstronomicalPreset.byName(object.substring(PRESET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new PrismCommand.UsageException("--object " + object + ": unknown preset; use " + PRESET_PREFIX
                    + "europa, titan, betelgeuse or neptune");
        }
    }

    /** Field map for {@code run.json}. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("object", object);
        m.put("imageSize", imageSize);
        m.put("objectSize", objectSize);
        m.put("samples", samples);
        m.put("pattern", pattern);
        m.put("apertureRadius", apertureRadius);
        m.put("patternRadius", patternRadius);
        m.put("snrDb", Double.isNaN(snrDb) ? null : snrDb);
        m.put("stepsPerSample", stepsPerSample);
        m.put("loss", loss);
        m.put("lossThreshold", lossThreshold);
        m.put("seed", seed);
        m.put("wavelength", wavelength);
        m.put("initTarget", initTarget);
        m.put("initStepsPerCycle", initStepsPerCycle);
        m.put("initCycles", initCycles);
        m.put("precision", precision);
        m.put("algorithm", algorithm);
        m.put("refineIterations", refineIterations);
        m.put("holdout", holdout);
        m.put("tvWeight", tvWeight);
        m.put("absorbedRatio", absorbedRatio);
        m.put("measurements", measurements);
        m.put("truth", truth);
        m.put("calibrate", calibrate);
        return m;
    }

    /** Reads a run.json written from {@link #toMap()}; errors name the file and the key. */
    static RunSpec read(Path file) throws IOException {
        StoredFields m = StoredFields.parse(Files.readString(file), file.toString());
        return new RunSpec(m.string("object"), m.integer("imageSize"), m.integer("objectSize"), m.integer("samples"),
                m.string("pattern"), m.number("apertureRadius"), m.number("patternRadius"),
                m.has("snrDb") ? m.number("snrDb") : Double.NaN, m.integer("stepsPerSample"), m.string("loss"),
                m.number("lossThreshold"), m.longValue("seed"), m.number("wavelength"), m.string("initTarget"),
                m.integer("initStepsPerCycle"), m.integer("initCycles"), m.string("precision"), m.string("algorithm"),
                m.integer("refineIterations"), m.number("holdout"), m.number("tvWeight"), m.number("absorbedRatio"),
                m.has("measurements") ? m.string("measurements") : null, m.has("truth") ? m.string("truth") : null,
                m.has("calibrate") ? m.string("calibrate") : CALIBRATE_ALL);
    }
}
