package org.prismjava.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prismjava.backend.ComputeBackend;
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
 * the telescope, the object, the pattern's name and the samples it generated from the run's
 * seed, the resolved decoder and trainer configurations, the backend, the listeners (copied),
 * and the optional cache, measurements and resume folder. Later calls on the builder do not
 * reach it. {@link #identity()} is what a checkpoint records and a resume compares.
 */
public final class RunSpecification {
    private final Telescope telescope;
    private final ObservedObject object;
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
        this.telescope = b.telescope;
        this.object = b.object;
        this.config = b.config;
        this.backend = backend;
        this.patternName = b.pattern.name();
        int n = telescope.gridSize();
        this.decoder = b.decoder != null ? b.decoder : config.algorithm().defaultDecoder(n, object.squareSize());
        Checks.check(decoder.gridSize() == n, "decoder.gridSize()", decoder.gridSize(),
                "must equal the telescope grid " + n);
        this.samples = List.copyOf(b.pattern.generate(new SeededRandom(seeds().pattern())));
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

    /** The ground-truth object. */
    public ObservedObject object() {
        return object;
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
     * object name and pixel fingerprint, object size, every telescope setting, pattern and
     * sample count.
     */
    public Map<String, Object> identity() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("object", object.name());
        m.put("objectFingerprint", Long.toHexString(object.fingerprint()));
        m.put("objectSize", object.squareSize());
        m.put("telescope", telescope.config().toMap());
        m.put("pattern", patternName);
        m.put("sampleCount", samples.size());
        return m;
    }
}
