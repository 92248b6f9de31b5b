package org.prismjava.measure;

import java.util.List;
import java.util.Optional;
import org.prismjava.calibration.Calibration;
import org.prismjava.calibration.SelfCalibration;
import org.prismjava.optics.Region;
import org.prismjava.util.Checks;

/**
 * {@link DataFit} of intensity frames: the Poisson likelihood of the counts under the calibrated
 * forward model, and its gradients with respect to the object and to the calibration.
 *
 * <p>Frame j, recorded with exposure {@code e_j} through the pupil {@code P_j} at its nominal
 * centre, is predicted as {@code lambda_j = e_j (s g_j |B(P_j . F(x . r_j))|^2 + b)}: {@code s}
 * the set's scale, {@code g_j} the frame's relative flux, {@code b} the background and
 * {@code r_j} the object-plane phase ramp of the frame's offset ({@link ShiftedPrediction}). The loss is the
 * Poisson deviance {@code sum lambda - c - c log(lambda / c)} over the good, fitted pixels,
 * with read noise {@code sigma} as a shifted Poisson ({@code c + sigma^2} against
 * {@code lambda + sigma^2}), divided by the mean total counts of a frame; the calibration's
 * gradient adds its priors ({@link SelfCalibration#addPriorGradient}) on the same scale (the
 * loss itself is the data's alone). Each frame costs four
 * pruned transforms (its own spectrum, the detector, and two back).
 */
final class IntensityFit implements DataFit {
    /** Smallest predicted count the logarithm sees. */
    private static final double FLOOR = 1e-6;
    private final MeasurementSet data;
    private final IntensityFrames frames;
    private final int n;
    private final Region support;
    private final boolean[] heldOut;
    private final SelfCalibration calibration;
    private final ShiftedPrediction prediction;
    private final float[] amplitude;
    private final float[] gradAmplitude;
    private final double variance;

    IntensityFit(MeasurementSet data, Region support, boolean[] heldOut, SelfCalibration calibration) {
        this.data = data;
        this.frames = data.intensityFrames();
        this.n = data.gridSize();
        Checks.check(support != null && support.fitsIn(n) && !support.isEmpty(), "support", support,
                "must be a non-empty region of the " + n + "x" + n + " grid");
        Checks.check(heldOut == null || heldOut.length == n * n, "heldOut.length", heldOut == null ? 0 : heldOut.length,
                "must be " + n * n);
        Checks.check(calibration != null && calibration.current().frames() == data.size(), "calibration",
                calibration == null ? "null" : calibration.current().frames() + " frames",
                "must calibrate the set's " + data.size() + " frames");
        this.support = support;
        this.heldOut = heldOut == null ? null : heldOut.clone();
        this.calibration = calibration;
        this.prediction = new ShiftedPrediction(data.telescope().propagator(), support);
        this.amplitude = new float[n * n];
        this.gradAmplitude = new float[n * n];
        this.variance = frames.readNoise() * frames.readNoise();
    }

    @Override
    public double evaluate(float[] x, int count, float[] gradX, double[] termLosses) {
        checkArguments(x, count);
        Checks.check(gradX == null || gradX.length == n * n, "gradX.length", gradX == null ? 0 : gradX.length,
                "must be " + n * n);
        Checks.check(termLosses == null || termLosses.length >= count, "termLosses.length",
                termLosses == null ? 0 : termLosses.length, "must be >= count " + count);
        if (gradX != null) {
            java.util.Arrays.fill(gradX, 0f);
            calibration.clearGradients();
        }
        double total = 0;
        double weight = 1.0 / (count * frames.normaliser());
        for (int j = 0; j < count; j++) {
            double d = frame(x, j, gradX == null ? Pass.VALUE : Pass.FIT, gradX, weight, count > 1);
            if (termLosses != null) {
                termLosses[j] = d / frames.normaliser();
            }
            total += d * weight;
        }
        if (gradX != null && count > 1) {
            calibration.addPriorGradient(count, weight);
        }
        return total;
    }

    @Override
    public double validate(float[] x, int count) {
        if (heldOut == null) {
            throw new IllegalStateException("this fit holds out no pixels; give fit(...) a held-out mask");
        }
        checkArguments(x, count);
        double total = 0;
        for (int j = 0; j < count; j++) {
            total += frame(x, j, Pass.HELD_OUT, null, 0, false);
        }
        return total / (count * frames.normaliser());
    }

    @Override
    public boolean hasHoldout() {
        return heldOut != null;
    }

    @Override
    public double[] frameResiduals(float[] x) {
        checkArguments(x, 1);
        double[] out = new double[data.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = 2 * frame(x, j, Pass.ALL_GOOD, null, 0, false) / goodPixels(j);
        }
        return out;
    }

    private int goodPixels(int j) {
        return Math.max(1, n * n - frames.badPixelCount(j));
    }

    @Override
    public void updateCalibration() {
        calibration.step();
    }

    @Override
    public boolean resolveReferenceTwin(float[] x, int count) {
        if (!calibration.config().positions() || count < 2 || calibration.referenceFrame() >= count) {
            return false;
        }
        double kept = evaluate(x, count, null, null);
        calibration.reflectReferenceOffset();
        double reflected = evaluate(x, count, null, null);
        if (reflected < kept) {
            return true;
        }
        calibration.reflectReferenceOffset();
        return false;
    }

    @Override
    public Optional<Calibration> calibration() {
        return Optional.of(calibration.current());
    }

    @Override
    public List<Integer> framesAtCalibrationBound() {
        return calibration.framesAtBound();
    }

    private void checkArguments(float[] x, int count) {
        Checks.check(x != null && x.length == n * n, "x.length", x == null ? "null" : x.length, "must be " + n * n);
        Checks.check(count >= 1 && count <= data.size(), "count", count, "must be in [1, " + data.size() + "]");
    }

    /** Which pixels a frame's deviance counts, and whether gradients are taken. */
    private enum Pass {
        /** The fitted pixels, value only. */
        VALUE,
        /** The fitted pixels, with gradients. */
        FIT,
        /** The held-out pixels, value only. */
        HELD_OUT,
        /** Every good pixel, value only. */
        ALL_GOOD
    }

    /**
     * Frame j's deviance on the pixels {@code pass} selects; with {@link Pass#FIT} adds its
     * weighted gradients, the centre's only when {@code centres}: a frame fitted alone keeps its
     * centre, since the frame at the k-space origin of a real object cannot tell an offset from
     * its negative (the object's twin, point-reflected, explains it as well).
     */
    private double frame(float[] x, int j, Pass pass, float[] gradX, double weight, boolean centres) {
        Calibration cal = calibration.current();
        prediction.forward(x, data.pupils(j).get(0), cal.offset(j).y(), cal.offset(j).x(), amplitude);
        float[] counts = frames.countsView(j);
        boolean[] bad = frames.badView(j);
        double e = frames.exposure(j);
        double gain = e * frames.scale() * cal.flux(j);
        double offset = e * cal.background() + variance;
        boolean gradients = pass == Pass.FIT;
        double deviance = 0;
        double gradFlux = 0;
        double gradBackground = 0;
        for (int i = 0; i < amplitude.length; i++) {
            boolean used = !bad[i] && switch (pass) {
                case VALUE, FIT -> heldOut == null || !heldOut[i];
                case HELD_OUT -> heldOut[i];
                case ALL_GOOD -> true;
            };
            if (!used) {
                if (gradients) {
                    gradAmplitude[i] = 0f;
                }
                continue;
            }
            double a = amplitude[i];
            double lambda = Math.max(FLOOR, gain * a * a + offset);
            double c = Math.max(0, counts[i] + variance);
            deviance += lambda - c - (c > 0 ? c * Math.log(lambda / c) : 0);
            if (gradients) {
                double slope = weight * (1 - c / lambda);
                gradAmplitude[i] = (float) (slope * gain * 2 * a);
                gradFlux += slope * gain * a * a;
                gradBackground += slope * e;
            }
        }
        if (gradients) {
            calibration.addFluxGradient(j, gradFlux);
            calibration.addBackgroundGradient(gradBackground);
            double[] g = prediction.backward(x, amplitude, gradAmplitude, gradX);
            if (centres) {
                calibration.addOffsetGradient(j, g[0], g[1]);
            }
        }
        return deviance;
    }
}
