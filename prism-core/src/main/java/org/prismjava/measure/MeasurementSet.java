package org.prismjava.measure;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.prismjava.loss.ImageLoss;
import org.prismjava.objects.ObservedObject;
import org.prismjava.optics.Region;
import org.prismjava.optics.Pupil;
import org.prismjava.sampling.Sample;
import org.prismjava.telescope.Measurement;
import org.prismjava.telescope.Telescope;
import org.prismjava.util.Checks;
import org.prismjava.util.SeededRandom;

/**
 * What a telescope recorded: the samples in acquisition order, the pupils each was measured
 * through and its detector amplitude. Every reconstruction method reads the same set, so PRISM
 * and the classical baselines are compared on identical data. Immutable.
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
    private final List<float[]> amplitudes;
    private final boolean noisy;

    private MeasurementSet(Telescope telescope, List<Sample> samples, List<List<Pupil>> pupils,
            List<float[]> amplitudes, boolean noisy) {
        this.telescope = telescope;
        this.samples = List.copyOf(samples);
        this.pupils = List.copyOf(pupils);
        this.amplitudes = List.copyOf(amplitudes);
        this.noisy = noisy;
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
        return new MeasurementSet(system.telescope(), samples, ps, as, noisy);
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

    /** Whether detector noise was added to the measurements. */
    public boolean isNoisy() {
        return noisy;
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

    /** A copy of sample {@code k}'s detector amplitude, row-major N*N. */
    public float[] amplitude(int k) {
        return amplitudes.get(checkedIndex(k)).clone();
    }

    /** Sample {@code k} as a data term of the given weight (shares the measured array, read-only). */
    public MeasurementLoss.Term term(int k, double weight) {
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
        MeasurementLoss l = new MeasurementLoss(telescope.propagator(), support, loss);
        return noisy && telescope.config().noise().isPresent() ? l.withExpectedNoise(telescope.config().noise().get()) : l;
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
