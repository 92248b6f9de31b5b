package org.prismjava.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prismjava.backend.ComputeBackend;
import org.prismjava.calibration.Calibration;
import org.prismjava.calibration.CalibrationConfig;
import org.prismjava.measure.FrameUnit;
import org.prismjava.measure.LineAcquisition;
import org.prismjava.measure.MeasurementCache;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.model.DecoderConfig;
import org.prismjava.objects.ObservedObject;
import org.prismjava.sampling.Sample;
import org.prismjava.telescope.Telescope;
import org.prismjava.util.Checks;
import org.prismjava.util.SeededRandom;

/**
 * What a built {@link ProgressiveTrainer} runs, fixed by {@link ProgressiveTrainer.Builder#build()}:
 * the telescope, the simulated object or the measurements (recorded data need no object), the
 * truth it is scored against if any, the pattern's name and its samples, the resolved decoder and
 * trainer configurations, the self-calibration of intensity frames, the backend, the listeners
 * (copied), and the optional cache and resume folder. Later calls on the builder do not reach
 * it. {@link #identity()} is what a checkpoint records and a resume compares.
 */
public final class RunSpecification {
    private final Telescope telescope;
    private final ObservedObject object;
    private final ObservedObject truth;
    private final int objectSize;
    private final CalibrationConfig calibration;
    private final Calibration calibrationStart;
    private final String patternName;
    private final List<Sample> samples;
    private final DecoderConfig decoder;
    private final TrainerConfig config;
    private final ComputeBackend backend;
    private final List<TrainingListener> listeners;
    private final MeasurementCache cache;
    private final LineAcquisition lines;
    private final MeasurementSet measurements;
    private final Path resumeFrom;

    RunSpecification(ProgressiveTrainer.Builder b, ComputeBackend backend) {
        this.telescope = b.telescope != null ? b.telescope : b.measurements.telescope();
        this.object = b.object;
        this.truth = b.object != null ? b.object : b.truth;
        this.objectSize = b.object != null ? b.object.squareSize() : b.measurements.objectSize();
        this.calibration = b.calibration;
        this.calibrationStart = b.calibrationStart;
        this.config = b.config;
        this.backend = backend;
        this.patternName = b.pattern != null ? b.pattern.name() : RECORDED;
        int n = telescope.gridSize();
        this.decoder = b.decoder != null ? b.decoder : config.algorithm().defaultDecoder(n, objectSize);
        Checks.check(decoder.gridSize() == n, "decoder.gridSize()", decoder.gridSize(),
                "must equal the telescope grid " + n);
        this.samples = b.pattern != null ? List.copyOf(b.pattern.generate(new SeededRandom(seeds().pattern())))
                : b.measurements.samples();
        Checks.check(!samples.isEmpty(), "pattern", patternName, "must produce at least one sample");
        this.listeners = List.copyOf(b.listeners);
        this.cache = b.cache;
        this.lines = b.lines;
        this.measurements = b.measurements;
        this.resumeFrom = b.resumeFrom;
    }

    /** The instrument. */
    public Telescope telescope() {
        return telescope;
    }

    /** The pattern name of a run on recorded frames without a pattern: their samples in recorded order. */
    public static final String RECORDED = "recorded";

    /** The object the run simulates its measurements from; empty for recorded data. */
    public Optional<ObservedObject> object() {
        return Optional.ofNullable(object);
    }

    /** What the reconstruction is scored against: the simulated object, or a truth given for recorded data. */
    public Optional<ObservedObject> truth() {
        return Optional.ofNullable(truth);
    }

    /** Edge of the centred square the object occupies. */
    public int objectSize() {
        return objectSize;
    }

    /** Where the estimate of intensity frames' calibration starts, when not at the frames as recorded. */
    public Optional<Calibration> calibrationStart() {
        return Optional.ofNullable(calibrationStart);
    }

    /** What is estimated of intensity frames' calibration. */
    public CalibrationConfig calibration() {
        return calibration;
    }

    /** The sampling pattern's name. */
    public String patternName() {
        return patternName;
    }

    /** The samples the pattern generated from the run's pattern seed, in order. */
    public List<Sample> samples() {
        return samples;
    }

    /** The generator's architecture (the algorithm's default for the grid when none was given). */
    public DecoderConfig decoder() {
        return decoder;
    }

    /** The trainer's settings. */
    public TrainerConfig config() {
        return config;
    }

    /** The seeds derived from the configured seed. */
    public RunSeeds seeds() {
        return RunSeeds.of(config.seed());
    }

    /** The backend whose step runs the training. */
    public ComputeBackend backend() {
        return backend;
    }

    /** The listeners, in the order they were added. */
    public List<TrainingListener> listeners() {
        return listeners;
    }

    /** The measurement cache given to the builder, if any. */
    public Optional<MeasurementCache> cache() {
        return Optional.ofNullable(cache);
    }

    /** How line samples are discretised. */
    public LineAcquisition lineAcquisition() {
        return lines;
    }

    /** Measurements given to the builder (replay), if any. */
    public Optional<MeasurementSet> measurements() {
        return Optional.ofNullable(measurements);
    }

    /** The checkpoint folder the run resumes from, if any. */
    public Optional<Path> resumeFrom() {
        return Optional.ofNullable(resumeFrom);
    }

    /**
     * What this run observes, recorded in every checkpoint and compared key by key on resume:
     * object name and pixel fingerprint (recorded data: the data's fingerprint and unit, and the
     * self-calibration of intensity frames), object size, every telescope setting, pattern and
     * sample count.
     */
    public Map<String, Object> identity() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (object != null) {
            m.put("object", object.name());
            m.put("objectFingerprint", Long.toHexString(object.fingerprint()));
        } else {
            m.put("data", measurements.unit().id() + " frames");
            m.put("dataFingerprint", Long.toHexString(measurements.fingerprint()));
            if (measurements.unit() == FrameUnit.INTENSITY) {
                m.put("calibration", calibration.toMap());
                if (calibrationStart != null) {
                    m.put("calibrationStart", calibrationStart.toMap());
                }
            }
        }
        m.put("objectSize", objectSize);
        m.put("telescope", telescope.config().toMap());
        m.put("pattern", patternName);
        m.put("sampleCount", samples.size());
        return m;
    }
}
