package org.prismjava.measure;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
 * The progressive measurement state of a run (spec 3): the telescope, the cumulative mask (the
 * union of every aperture measured so far), the number of completed samples, an optional
 * {@link MeasurementCache} and the line-acquisition rule. Produces each sample's
 * {@link TargetPair}. Not thread-safe (one per run).
 */
public final class MeasurementSystem {
    private final Telescope telescope;
    private final MeasurementCache cache;
    private final LineAcquisition lines;
    private final int n;
    private final boolean[] mask;
    private Pupil cumulative;
    private int completedSamples;
    private int apertureCount;
    private MeasurementOperator operator;

    /**
     * @param telescope the instrument
     * @param cache cache for noiseless object measurements, or null for none
     * @param lines how line samples are discretised
     */
    public MeasurementSystem(Telescope telescope, MeasurementCache cache, LineAcquisition lines) {
        Checks.check(telescope != null, "telescope", null, "must be set");
        Checks.check(lines != null, "lines", null, "must be set");
        this.telescope = telescope;
        this.cache = cache;
        this.lines = lines;
        this.n = telescope.gridSize();
        this.mask = new boolean[n * n];
        this.cumulative = Pupil.fromMask(n, mask);
    }

    /** A system with a default LRU cache and default line acquisition. */
    public static MeasurementSystem withDefaults(Telescope telescope) {
        return new MeasurementSystem(telescope, new BoundedMeasurementCache(), LineAcquisition.DEFAULT);
    }

    /** The instrument. */
    public Telescope telescope() {
        return telescope;
    }

    /** The cache, if any. */
    public Optional<MeasurementCache> cache() {
        return Optional.ofNullable(cache);
    }

    /** Samples added to the cumulative mask so far. */
    public int completedSamples() {
        return completedSamples;
    }

    /** Aperture positions added so far (more than samples when lines were added). */
    public int apertureCount() {
        return apertureCount;
    }

    /** The cumulative mask as a binary pupil. */
    public Pupil cumulativePupil() {
        return cumulative;
    }

    /** Fraction of grid pixels inside the cumulative mask. */
    public double coverage() {
        return (double) cumulative.pixelCount() / (n * n);
    }

    /** The pupils a sample is measured through (one for a point, several along a line). */
    public List<Pupil> pupils(Sample sample) {
        List<Pupil> out = new ArrayList<>();
        for (Center c : positions(sample)) {
            out.add(telescope.pupil(c));
        }
        return out;
    }

    private List<Center> positions(Sample sample) {
        return lines.positions(sample, telescope.config().aperture().boundingRadius());
    }

    /**
     * The noiseless measurement of {@code object} for a sample (cached per aperture position).
     * For a line it is {@code sqrt(mean_t I_t)} over the positions.
     */
    public Measurement measureClean(ObservedObject object, Sample sample) {
        List<Center> centers = positions(sample);
        if (centers.size() == 1) {
            return measureAt(object, centers.get(0));
        }
        float[] sum = new float[n * n];
        for (Center c : centers) {
            FloatBuffer a = measureAt(object, c).amplitudeView();
            for (int k = 0; k < sum.length; k++) {
                float v = a.get(k);
                sum[k] += v * v;
            }
        }
        for (int k = 0; k < sum.length; k++) {
            sum[k] = (float) Math.sqrt(sum[k] / centers.size());
        }
        return Measurement.ofOwned(n, sum, false);
    }

    private Measurement measureAt(ObservedObject object, Center c) {
        if (cache == null) {
            return telescope.measure(object, c);
        }
        return cache.computeIfAbsent(MeasurementKey.of(object, telescope.config(), c),
                () -> telescope.measure(object, c));
    }

    /**
     * The targets of one sample (spec 3.2): {@code next} = the object through the sample's
     * aperture(s), with fresh noise when {@code addNoise} and the telescope has a noise model;
     * {@code old} = {@code reconstruction} through the cumulative mask, or {@code next} when no
     * sample has been completed or {@code reconstruction} is null.
     *
     * @param reconstruction row-major N*N current reconstruction amplitudes, or null
     */
    public TargetPair measure(ObservedObject object, float[] reconstruction, Sample sample, boolean addNoise,
            SeededRandom rng) {
        Measurement next = measureNext(object, sample, addNoise, rng);
        if (reconstruction == null || completedSamples == 0) {
            return new TargetPair(next, next);
        }
        return new TargetPair(throughCumulativeMask(reconstruction), next);
    }

    /**
     * The {@code next} target of {@link #measure} alone: the object through the sample's
     * aperture(s), with fresh noise when {@code addNoise} and the telescope has a noise model.
     */
    public Measurement measureNext(ObservedObject object, Sample sample, boolean addNoise, SeededRandom rng) {
        Checks.check(object.size() == n, "object.size()", object.size(), "must equal the telescope grid " + n);
        Measurement next = measureClean(object, sample);
        if (addNoise) {
            Checks.check(rng != null, "rng", null, "is required when addNoise is true");
            next = telescope.addNoise(next, rng);
        }
        return next;
    }

    /** {@code field} (row-major N*N, real) measured through the cumulative mask. */
    public Measurement throughCumulativeMask(float[] field) {
        Checks.check(field.length == n * n, "field.length", field.length, "must be " + n * n);
        Checks.nonNegativeFinite("field", field);
        if (cumulative.isEmpty()) {
            return Measurement.ofOwned(n, new float[n * n], false);
        }
        if (operator == null) {
            operator = new MeasurementOperator(telescope.propagator(), Region.full(n), true);
        }
        return Measurement.ofOwned(n, operator.apply(field, List.of(cumulative)), false);
    }

    /** Adds a sample's aperture(s) to the cumulative mask. */
    public void addMask(Sample sample) {
        List<Pupil> ps = pupils(sample);
        for (Pupil p : ps) {
            p.orInto(mask);
        }
        apertureCount += ps.size();
        completedSamples++;
        cumulative = Pupil.fromMask(n, mask);
    }

    /** Clears the mask and the counters. */
    public void reset() {
        Arrays.fill(mask, false);
        cumulative = Pupil.fromMask(n, mask);
        completedSamples = 0;
        apertureCount = 0;
    }

    /** A copy of the progressive state. */
    public State state() {
        return new State(mask.clone(), completedSamples, apertureCount);
    }

    /** Restores a state taken from a system with the same grid. */
    public void restore(State s) {
        Checks.check(s.mask().length == n * n, "state.mask.length", s.mask().length, "must be " + n * n);
        System.arraycopy(s.mask(), 0, mask, 0, mask.length);
        cumulative = Pupil.fromMask(n, mask);
        completedSamples = s.completedSamples();
        apertureCount = s.apertureCount();
    }

    /**
     * Saved progressive state.
     *
     * @param mask row-major N*N cumulative mask
     * @param completedSamples samples added
     * @param apertureCount aperture positions added
     */
    public record State(boolean[] mask, int completedSamples, int apertureCount) {
        /** Copies the mask. */
        public State {
            mask = mask.clone();
        }

        @Override
        public boolean[] mask() {
            return mask.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && Arrays.equals(s.mask, mask) && s.completedSamples == completedSamples
                    && s.apertureCount == apertureCount;
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(mask) + completedSamples;
        }
    }
}
