package org.prismjava.measure;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.prismjava.calibration.Calibration;
import org.prismjava.calibration.CalibrationConfig;
import org.prismjava.calibration.SelfCalibration;
import org.prismjava.loss.ImageLoss;
import org.prismjava.objects.ObservedObject;
import org.prismjava.optics.Center;
import org.prismjava.optics.Pupil;
import org.prismjava.optics.Region;
import org.prismjava.sampling.Sample;
import org.prismjava.telescope.Measurement;
import org.prismjava.telescope.Telescope;
import org.prismjava.util.Checks;
import org.prismjava.util.SeededRandom;

/**
 * What a telescope recorded: the samples in acquisition order, the pupils each was measured
 * through, each frame's detector values and the square the object occupies. Every
 * reconstruction method reads the same set, so PRISM and the classical baselines are compared on
 * identical data, and none needs the object itself. Immutable.
 *
 * <p>Two ways to make one: {@link #acquire} measures an object the library simulates (amplitude
 * frames, optional detector noise); {@link #recorded} takes a user's own frames, in
 * {@link FrameUnit#INTENSITY intensity} (counts, with exposures, read noise and bad pixels as NaN)
 * or {@link FrameUnit#AMPLITUDE amplitude}, each with its nominal pupil centre. Intensity frames
 * are fitted with their Poisson likelihood through {@link #fit}, which can estimate the frames'
 * {@link Calibration} (relative flux, background, pupil-centre offsets) alongside the image.
 *
 * <p>{@link #acquire} measures an object; sample k's noise (when asked for and the telescope has
 * a noise model) comes from {@link #noiseStream(long, int)}, so a measurement is a pure function
 * of (telescope, object, sample, noise seed, k): acquiring the same samples again (after a
 * resume, or for another method) gives bit-identical data, and sample k's data do not depend on
 * the samples after it.
 */
public final class MeasurementSet {
    private final Telescope telescope;
    private final List<Sample> samples;
    private final List<List<Pupil>> pupils;
    /** The amplitude frames; empty for intensity frames, whose amplitude view is made on demand. */
    private final List<float[]> amplitudes;
    private final boolean noisy;
    private final int objectSize;
    private final IntensityFrames counts;
    private long fingerprint;

    private MeasurementSet(Telescope telescope, List<Sample> samples, List<List<Pupil>> pupils,
            List<float[]> amplitudes, boolean noisy, int objectSize, IntensityFrames counts) {
        this.telescope = telescope;
        this.samples = List.copyOf(samples);
        this.pupils = List.copyOf(pupils);
        this.amplitudes = List.copyOf(amplitudes);
        this.noisy = noisy;
        this.objectSize = objectSize;
        this.counts = counts;
    }

    /**
     * Measures {@code object} through every sample, with detector noise when {@code addNoise} and
     * the telescope has a noise model. Noiseless measurements go through the system's cache.
     *
     * @param noiseSeed seed of the noise family; sample k uses {@code noiseStream(noiseSeed, k)}
     */
    public static MeasurementSet acquire(MeasurementSystem system, ObservedObject object, List<Sample> samples,
            boolean addNoise, long noiseSeed) {
        Checks.check(system != null, "system", null, "must be set");
        Checks.check(samples != null && !samples.isEmpty(), "samples", samples, "must hold at least one sample");
        List<List<Pupil>> ps = new ArrayList<>();
        List<float[]> as = new ArrayList<>();
        boolean noisy = false;
        for (int k = 0; k < samples.size(); k++) {
            Measurement m = measureSample(system, object, samples.get(k), k, addNoise, noiseSeed);
            noisy |= m.isNoisy();
            ps.add(system.pupils(samples.get(k)));
            as.add(toArray(m));
        }
        return new MeasurementSet(system.telescope(), samples, ps, as, noisy, object.squareSize(), null);
    }

    /**
     * A builder for a user's own frames on {@code telescope}'s grid (its aperture rasterised at
     * each frame's nominal centre) for an object inside the centred {@code objectSize} square.
     */
    public static RecordedFrames recorded(Telescope telescope, int objectSize) {
        return new RecordedFrames(telescope, objectSize);
    }

    /** Called by {@link RecordedFrames#build()} with validated frames. */
    static MeasurementSet ofRecorded(Telescope telescope, int objectSize, List<Sample> samples,
            List<float[]> values, IntensityFrames counts) {
        List<List<Pupil>> ps = new ArrayList<>();
        for (Sample s : samples) {
            ps.add(List.of(telescope.pupil(s.start())));
        }
        if (counts == null) {
            return new MeasurementSet(telescope, samples, ps, values, telescope.config().noise().isPresent(),
                    objectSize, null);
        }
        return new MeasurementSet(telescope, samples, ps, List.of(), true, objectSize, counts);
    }

    /**
     * Sample {@code k}'s measurement as {@link #acquire} takes it (noise from
     * {@code noiseStream(noiseSeed, k)}): the one rule everything that must match a run's data
     * measures by.
     */
    public static Measurement measureSample(MeasurementSystem system, ObservedObject object, Sample sample, int k,
            boolean addNoise, long noiseSeed) {
        return system.measureNext(object, sample, addNoise, noiseStream(noiseSeed, k));
    }

    /** The generator of sample {@code k}'s detector noise in the family {@code noiseSeed}. */
    public static SeededRandom noiseStream(long noiseSeed, int k) {
        return SeededRandom.stream(noiseSeed, k);
    }

    private static float[] toArray(Measurement m) {
        FloatBuffer b = m.amplitudeView();
        float[] a = new float[b.remaining()];
        b.get(a);
        return a;
    }

    /** The measuring telescope. */
    public Telescope telescope() {
        return telescope;
    }

    /** Grid edge N. */
    public int gridSize() {
        return telescope.gridSize();
    }

    /** Number of samples. */
    public int size() {
        return samples.size();
    }

    /**
     * Whether the frames carry detector noise: simulated with noise, amplitude frames of a
     * telescope with a noise model, and every intensity (counts) set.
     */
    public boolean isNoisy() {
        return noisy;
    }

    /** What the frames' values are. */
    public FrameUnit unit() {
        return counts == null ? FrameUnit.AMPLITUDE : FrameUnit.INTENSITY;
    }

    /** Edge of the centred square the object occupies, where reconstructions live. */
    public int objectSize() {
        return objectSize;
    }

    /** The centred {@link #objectSize()} square of the grid. */
    public Region support() {
        return Region.centred(gridSize(), objectSize);
    }

    /**
     * A 64-bit hash of the grid, the object square, every sample and every frame's values
     * (computed once): what a run records to tell one data set from another.
     */
    public long fingerprint() {
        if (fingerprint == 0) {
            Hasher h = Hashing.murmur3_128().newHasher().putInt(gridSize()).putInt(objectSize)
                    .putString(unit().id(), java.nio.charset.StandardCharsets.UTF_8);
            for (Sample s : samples) {
                h.putDouble(s.start().y()).putDouble(s.start().x()).putDouble(s.end().y()).putDouble(s.end().x());
            }
            List<float[]> raw = counts == null ? amplitudes : counts.values();
            for (float[] a : raw) {
                for (float v : a) {
                    h.putFloat(v);
                }
            }
            if (counts != null) {
                for (int k = 0; k < size(); k++) {
                    h.putDouble(counts.exposure(k));
                }
                h.putDouble(counts.readNoise());
            }
            long f = h.hash().asLong();
            fingerprint = f == 0 ? 1 : f;
        }
        return fingerprint;
    }

    /** The intensity frames' extra description; refused for amplitude sets. */
    public IntensityFrames intensityFrames() {
        Checks.check(counts != null, "unit", unit().id(), "must be intensity for intensity frames");
        return counts;
    }

    /** The calibration that takes the intensity frames as recorded: flux 1, no offsets, the estimated background. */
    public Calibration nominalCalibration() {
        return Calibration.nominal(size(), intensityFrames().background());
    }

    /**
     * An estimator of this set's calibration, starting at {@code start}: its reference frame is
     * the frame nearest the k-space origin and its background scale the data's (intensity sets).
     */
    public SelfCalibration selfCalibration(CalibrationConfig config, Calibration start) {
        IntensityFrames c = intensityFrames();
        Checks.check(start != null && start.frames() == size(), "start.frames()", start == null ? "null" : start.frames(),
                "must equal the set's " + size() + " frames");
        return new SelfCalibration(config, start, c.referenceFrame(), c.backgroundScale());
    }

    /** The samples in acquisition order. */
    public List<Sample> samples() {
        return samples;
    }

    /** Sample {@code k}. */
    public Sample sample(int k) {
        return samples.get(checkedIndex(k));
    }

    /** The pupils sample {@code k} was measured through (one for a point, several for a line). */
    public List<Pupil> pupils(int k) {
        return pupils.get(checkedIndex(k));
    }

    /**
     * A copy of sample {@code k}'s detector amplitude, row-major N*N. For intensity frames it is
     * the nominal view {@code sqrt(max(0, I / exposure - background) / scale)} (bad pixels 0).
     */
    public float[] amplitude(int k) {
        return counts != null ? counts.nominalAmplitude(checkedIndex(k)) : amplitudes.get(checkedIndex(k)).clone();
    }

    /**
     * Sample {@code k} as a data term of the given weight (shares the measured array, read-only);
     * amplitude sets only: intensity frames are fitted through {@link #fit}.
     */
    public MeasurementLoss.Term term(int k, double weight) {
        requireAmplitude("term");
        return new MeasurementLoss.Term(pupils(k), amplitudes.get(k), weight);
    }

    /** Samples {@code [from, to)} as data terms, each of weight {@code weight}. */
    public List<MeasurementLoss.Term> terms(int from, int to, double weight) {
        Checks.check(from >= 0 && from <= to && to <= size(), "range", "[" + from + ", " + to + ")",
                "must lie within [0, " + size() + "]");
        List<MeasurementLoss.Term> out = new ArrayList<>(to - from);
        for (int k = from; k < to; k++) {
            out.add(term(k, weight));
        }
        return out;
    }

    /** Every sample as a data term, weighted {@code 1 / size()} (the mean loss). */
    public List<MeasurementLoss.Term> allTerms() {
        return terms(0, size(), 1.0 / size());
    }

    /**
     * The data term for these measurements on {@code support}: {@code loss} between measured and
     * predicted amplitudes, the prediction taken as the amplitude the detector records on average
     * ({@link MeasurementLoss#withExpectedNoise}) when the measurements are noisy.
     */
    public MeasurementLoss loss(Region support, ImageLoss loss) {
        requireAmplitude("loss");
        MeasurementLoss l = new MeasurementLoss(telescope.propagator(), support, loss);
        return noisy && telescope.config().noise().isPresent() ? l.withExpectedNoise(telescope.config().noise().get()) : l;
    }

    /**
     * The data term every reconstruction method fits on {@code support}. Amplitude frames:
     * {@link #loss} with {@code amplitudeLoss}, against the expected noisy amplitude when noisy.
     * Intensity frames: their Poisson likelihood (read noise as a shifted Poisson), calibrated by
     * {@code calibration}'s estimate, which the fit updates on {@link DataFit#updateCalibration};
     * {@code amplitudeLoss} does not apply to them.
     *
     * @param heldOut detector pixels held out of the fit for validation (row-major N*N), or null
     * @param calibration the estimator of an intensity set's calibration, or null to take the
     *     frames as recorded ({@link #nominalCalibration()}); must be null for amplitude frames
     */
    public DataFit fit(Region support, ImageLoss amplitudeLoss, boolean[] heldOut, SelfCalibration calibration) {
        if (counts == null) {
            Checks.check(calibration == null, "calibration", "given", "applies to intensity frames only; amplitude"
                    + " frames are taken as calibrated");
            MeasurementLoss l = loss(support, amplitudeLoss);
            return new AmplitudeFit(this, heldOut == null ? l : l.withHoldout(heldOut));
        }
        return new IntensityFit(this, support, heldOut,
                calibration != null ? calibration : selfCalibration(CalibrationConfig.NONE, nominalCalibration()));
    }

    private void requireAmplitude(String what) {
        Checks.check(counts == null, "unit", unit().id(), "must be amplitude for " + what
                + "(); intensity frames are fitted through fit(...)");
    }

    /** The union of every sample's pupils as a binary k-space mask, row-major N*N. */
    public boolean[] coverage() {
        int n = gridSize();
        boolean[] mask = new boolean[n * n];
        for (List<Pupil> ps : pupils) {
            ps.forEach(p -> p.orInto(mask));
        }
        return mask;
    }

    private int checkedIndex(int k) {
        Checks.check(k >= 0 && k < samples.size(), "sample index", k, "must be in [0, " + samples.size() + ")");
        return k;
    }
}
