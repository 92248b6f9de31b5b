package org.prismjava.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.prismjava.optics.Center;
import org.prismjava.sampling.Sample;
import org.prismjava.telescope.Telescope;
import org.prismjava.util.Checks;

/**
 * Builds a {@link MeasurementSet} from a user's own frames ({@link MeasurementSet#recorded}):
 * add each frame with its nominal pupil centre (pixels from the k-space origin, y first, as
 * {@link Center}), optionally its exposure and a label for messages, then {@link #build()}.
 * Intensity frames (the default unit) are counts: NaN marks a bad pixel, values below
 * {@code -5} read noises are refused; amplitude frames must be finite and non-negative. Every
 * refusal names the frame (its label, or {@code frame[k]} counting from 0) and the problem.
 */
public final class RecordedFrames {
    /** Counts below {@code -NEGATIVE_READ_NOISES * readNoise} cannot be read noise. */
    static final double NEGATIVE_READ_NOISES = 5;
    private final Telescope telescope;
    private final int objectSize;
    private final List<Center> centres = new ArrayList<>();
    private final List<float[]> values = new ArrayList<>();
    private final List<Double> exposures = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private FrameUnit unit = FrameUnit.INTENSITY;
    private double readNoise;
    private double gain = 1;

    RecordedFrames(Telescope telescope, int objectSize) {
        Checks.check(telescope != null, "telescope", null, "must be set");
        int n = telescope.gridSize();
        Checks.check(objectSize >= 8 && objectSize <= n, "objectSize", objectSize,
                "must be in [8, " + n + "] (the grid edge)");
        this.telescope = telescope;
        this.objectSize = objectSize;
    }

    /** The frames' unit; default {@link FrameUnit#INTENSITY}. */
    public RecordedFrames unit(FrameUnit value) {
        Checks.check(value != null, "unit", null, "must be intensity or amplitude");
        unit = value;
        return this;
    }

    /** The detector's read noise in counts (intensity frames; default 0). */
    public RecordedFrames readNoise(double counts) {
        Checks.check(Double.isFinite(counts) && counts >= 0, "readNoise", counts, "must be finite and >= 0 counts");
        readNoise = counts;
        return this;
    }

    /**
     * Electrons (photons detected) per count, so that counts times gain follow Poisson
     * statistics (intensity frames; default 1). The read noise is given in counts.
     */
    public RecordedFrames gain(double electronsPerCount) {
        Checks.check(Double.isFinite(electronsPerCount) && electronsPerCount > 0, "gain", electronsPerCount,
                "must be finite and > 0 electrons per count");
        gain = electronsPerCount;
        return this;
    }

    /** Adds a frame of exposure 1. */
    public RecordedFrames addFrame(Center nominalCentre, float[] frame) {
        return addFrame(null, nominalCentre, frame, 1);
    }

    /**
     * Adds a frame (copied).
     *
     * @param label how messages name the frame (e.g. "plane 4 of data.fits"), or null for {@code frame[k]}
     * @param nominalCentre the pupil centre the instrument reports, pixels from the k-space origin
     * @param frame row-major N*N values
     * @param exposure the frame's relative exposure (finite, {@code > 0}); intensity frames only
     */
    public RecordedFrames addFrame(String label, Center nominalCentre, float[] frame, double exposure) {
        String name = label != null ? label : "frame[" + values.size() + "]";
        Checks.check(nominalCentre != null, name + " centre", null, "must be set");
        Checks.check(frame != null, name, null, "must be an array of N*N values");
        Checks.check(Double.isFinite(exposure) && exposure > 0, name + " exposure", exposure, "must be finite and > 0");
        centres.add(nominalCentre);
        values.add(frame.clone());
        exposures.add(exposure);
        labels.add(name);
        return this;
    }

    /** Validates every frame and builds the set. */
    public MeasurementSet build() {
        Checks.check(!values.isEmpty(), "frames", "none", "a measurement set needs at least one frame");
        int n = telescope.gridSize();
        List<Sample> samples = new ArrayList<>();
        for (int k = 0; k < values.size(); k++) {
            String name = labels.get(k);
            Center c = centres.get(k);
            double half = n / 2.0;
            Checks.check(c.y() >= -half && c.y() < half && c.x() >= -half && c.x() < half, name + " centre",
                    String.format(Locale.ROOT, "(%s, %s)", c.y(), c.x()),
                    "must lie on the " + n + "x" + n + " grid: y and x in [" + -half + ", " + half + ")");
            float[] v = values.get(k);
            Checks.check(v.length == n * n, name, v.length + " values",
                    "must hold N*N = " + n * n + " values (" + n + "x" + n + ", the telescope grid)");
            checkValues(name, v, n);
            Checks.check(unit == FrameUnit.INTENSITY || exposures.get(k) == 1, name + " exposure", exposures.get(k),
                    "applies to intensity frames only; amplitude frames are taken as calibrated");
            samples.add(Sample.point(c));
        }
        if (unit == FrameUnit.AMPLITUDE) {
            Checks.check(readNoise == 0 && gain == 1, "readNoise/gain", readNoise + "/" + gain,
                    "apply to intensity frames only");
            return MeasurementSet.ofRecorded(telescope, objectSize, samples, values, null);
        }
        List<float[]> electrons = new ArrayList<>();
        double[] e = new double[values.size()];
        for (int k = 0; k < values.size(); k++) {
            float[] v = values.get(k).clone();
            if (gain != 1) {
                for (int i = 0; i < v.length; i++) {
                    v[i] *= (float) gain;
                }
            }
            electrons.add(v);
            e[k] = exposures.get(k);
        }
        int reference = nearestOrigin(centres);
        return MeasurementSet.ofRecorded(telescope, objectSize, samples, electrons,
                new IntensityFrames(electrons, e, readNoise * gain, reference, labels.get(reference)));
    }

    private void checkValues(String name, float[] v, int n) {
        int good = 0;
        double floor = -NEGATIVE_READ_NOISES * readNoise;
        for (int i = 0; i < v.length; i++) {
            float x = v[i];
            if (Float.isNaN(x)) {
                Checks.check(unit == FrameUnit.INTENSITY, name, "NaN at row " + i / n + ", column " + i % n,
                        "amplitude frames must be finite (bad pixels can be marked NaN in intensity frames)");
                continue;
            }
            Checks.check(Float.isFinite(x), name, x + " at row " + i / n + ", column " + i % n, "must be finite"
                    + (unit == FrameUnit.INTENSITY ? " (mark a bad pixel NaN)" : ""));
            if (unit == FrameUnit.AMPLITUDE) {
                Checks.check(x >= 0, name, x + " at row " + i / n + ", column " + i % n,
                        "amplitudes must be >= 0");
            } else {
                Checks.check(x >= floor, name, x + " at row " + i / n + ", column " + i % n, readNoise > 0
                        ? "counts must be >= -" + NEGATIVE_READ_NOISES + " read noises (" + floor + ")"
                        : "counts must be >= 0 (negative counts need a read noise, or a background subtracted"
                                + " less far)");
            }
            good++;
        }
        Checks.check(good > 0, name, "every pixel bad (NaN)", "a frame needs at least one good pixel");
    }

    /** The index of the centre nearest the k-space origin (the first of equals). */
    static int nearestOrigin(List<Center> centres) {
        int best = 0;
        for (int k = 1; k < centres.size(); k++) {
            if (centres.get(k).radius() < centres.get(best).radius()) {
                best = k;
            }
        }
        return best;
    }
}
