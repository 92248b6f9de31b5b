package org.prismjava.measure;

import java.util.Arrays;
import java.util.List;
import org.prismjava.loss.ImageLoss;
import org.prismjava.optics.ComplexField;
import org.prismjava.optics.NoiseModel;
import org.prismjava.optics.Propagator;
import org.prismjava.optics.Pupil;
import org.prismjava.optics.Region;
import org.prismjava.util.Checks;

/**
 * The data term of every reconstruction method: the weighted sum, over any number of measured
 * samples, of an {@link ImageLoss} between the predicted and the measured detector amplitude,
 * and its exact gradient with respect to the real object field.
 *
 * <p>For a real field {@code x} (zero outside the object support) and a term with pupils
 * {@code P_1..P_T} the prediction is {@code a = sqrt(mean_t |B(P_t . F(x))|^2)} (one pupil:
 * {@code |B(P . F(x))|}; several: a line sample, incoherently), with F = the propagator's
 * {@code toPupil} and B = {@code toDetector}, its adjoint up to a positive factor. The total is
 * {@code sum_j w_j L(a_j, m_j)}. {@code F(x)} is computed once for all terms (only the k-space rows
 * the pupils touch), each term's gradient is accumulated in k-space and one inverse transform
 * brings the sum back to the object support: {@code 1 + 2J} pruned transforms for J point terms.
 * A term is processed completely before the next one, so the work space is one detector field
 * per pupil of the widest term, whatever the number of terms ({@link PupilBranch}, shared with
 * {@link MeasurementOperator}).
 *
 * <p>With a held-out pixel mask ({@link #withHoldout}) {@link #evaluate} fits only the other
 * detector pixels and {@link #validate} scores the held-out ones: detector noise is independent
 * per pixel, so the held-out loss tells when a reconstruction starts fitting noise. A pixel is
 * excluded by giving its prediction the target's value (zero error for L1/L2) and cutting its
 * gradient; the loss's normalisation still uses every target pixel, so the two scores share one
 * scale.
 * Not thread-safe (owns its buffers).
 */
public final class MeasurementLoss {
    private final Propagator propagator;
    private final int n;
    private final Region support;
    private final ImageLoss loss;
    private final ComplexField spectrum;
    private final ComplexField accumulator;
    private final PupilBranch prediction;
    private final float[] amplitude;
    private final float[] gradAmplitude;
    private final float[] expected;
    private final boolean[] heldOut;
    private final NoiseModel noise;

    /**
     * One measured sample in the data term.
     *
     * @param pupils the pupil(s) the sample was measured through (several for a line)
     * @param target the measured detector amplitude, row-major N*N (not copied; not modified)
     * @param weight factor on this term's loss and gradient, finite and {@code >= 0}
     */
    public record Term(List<Pupil> pupils, float[] target, double weight) {
        /** Validates the parts that do not depend on the grid. */
        public Term {
            Checks.check(pupils != null && !pupils.isEmpty(), "pupils", pupils, "must hold at least one pupil");
            pupils = List.copyOf(pupils);
            Checks.check(target != null, "target", null, "must be a detector amplitude array");
            Checks.nonNegative("weight", weight);
        }

        /** A term of weight 1 through one pupil. */
        public static Term of(Pupil pupil, float[] target) {
            return new Term(List.of(pupil), target, 1);
        }

        Region box() {
            Region b = new Region(0, 0, 0, 0);
            for (Pupil p : pupils) {
                b = b.union(p.box());
            }
            return b;
        }
    }

    /**
     * @param propagator the telescope's propagation model
     * @param objectSupport region outside which the field is zero and no gradient is needed
     * @param loss the loss between predicted and measured amplitude
     */
    public MeasurementLoss(Propagator propagator, Region objectSupport, ImageLoss loss) {
        this(propagator, objectSupport, loss, null, null);
    }

    private MeasurementLoss(Propagator propagator, Region objectSupport, ImageLoss loss, boolean[] heldOut,
            NoiseModel noise) {
        Checks.check(propagator != null, "propagator", null, "must be set");
        Checks.check(loss != null, "loss", null, "must be set");
        this.propagator = propagator;
        this.n = propagator.size();
        Checks.check(objectSupport != null && objectSupport.fitsIn(n) && !objectSupport.isEmpty(), "objectSupport",
                objectSupport, "must be a non-empty region of the " + n + "x" + n + " grid");
        this.support = objectSupport;
        this.loss = loss;
        this.spectrum = ComplexField.zeros(n);
        this.accumulator = ComplexField.zeros(n);
        this.prediction = new PupilBranch(propagator);
        this.amplitude = new float[n * n];
        this.gradAmplitude = new float[n * n];
        Checks.check(heldOut == null || heldOut.length == n * n, "heldOut.length", heldOut == null ? 0 : heldOut.length,
                "must be " + n * n);
        this.heldOut = heldOut == null ? null : heldOut.clone();
        this.noise = noise;
        this.expected = noise == null ? amplitude : new float[n * n];
    }

    /**
     * This loss fitting only the detector pixels outside {@code heldOut} (row-major N*N, copied)
     * and {@link #validate}-ing on the pixels inside it (a new instance with its own buffers).
     */
    public MeasurementLoss withHoldout(boolean[] heldOut) {
        Checks.check(heldOut != null, "heldOut", null, "must be a pixel mask");
        return new MeasurementLoss(propagator, support, loss, heldOut, noise);
    }

    /**
     * This loss comparing the measurements with the amplitude the detector records on average,
     * {@link NoiseModel#expectedAmplitude} of the predicted one, instead of the prediction itself
     * (a new instance): for noisy measurements, so their bias is not fitted as structure.
     */
    public MeasurementLoss withExpectedNoise(NoiseModel model) {
        Checks.check(model != null, "model", null, "must be a noise model");
        return new MeasurementLoss(propagator, support, loss, heldOut, model);
    }

    /**
     * A seeded random detector-pixel mask with about {@code fraction} of the N*N pixels set:
     * the held-out pixels of {@link #withHoldout}.
     */
    public static boolean[] randomHoldout(int n, double fraction, long seed) {
        Checks.check(fraction > 0 && fraction < 1, "fraction", fraction, "must be in (0, 1)");
        Checks.positive("n", n);
        org.prismjava.util.SeededRandom rng = new org.prismjava.util.SeededRandom(seed);
        boolean[] mask = new boolean[n * n];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextDouble() < fraction;
        }
        return mask;
    }

    /** Whether some detector pixels are held out for {@link #validate}. */
    public boolean hasHoldout() {
        return heldOut != null;
    }

    /** Grid edge N. */
    public int size() {
        return n;
    }

    /** The object support the gradient is restricted to. */
    public Region support() {
        return support;
    }

    /**
     * The weighted total loss of {@code x} against {@code terms}.
     *
     * @param x row-major N*N real field (only its support is read)
     * @param terms the measured samples; at least one
     * @param gradX when not null, receives d total / d x (zero outside the support)
     * @param termLosses when not null, receives each term's unweighted loss (length >= terms)
     */
    public double evaluate(float[] x, List<Term> terms, float[] gradX, double[] termLosses) {
        Checks.check(x != null && x.length == n * n, "x.length", x == null ? "null" : x.length, "must be " + n * n);
        Checks.check(terms != null && !terms.isEmpty(), "terms", terms, "must hold at least one term");
        Checks.check(gradX == null || gradX.length == n * n, "gradX.length", gradX == null ? 0 : gradX.length,
                "must be " + n * n);
        Checks.check(termLosses == null || termLosses.length >= terms.size(), "termLosses.length",
                termLosses == null ? 0 : termLosses.length, "must be >= the number of terms " + terms.size());
        Region rows = prepare(x, terms);
        if (gradX != null) {
            accumulator.clear();
        }
        double total = 0;
        for (int j = 0; j < terms.size(); j++) {
            Term t = terms.get(j);
            predict(t.pupils());
            link();
            exclude(t.target(), true);
            double value = loss.evaluate(expected, t.target(), n, n, gradX == null ? null : gradAmplitude);
            if (termLosses != null) {
                termLosses[j] = value;
            }
            total += t.weight() * value;
            if (gradX != null && t.weight() > 0) {
                chainThroughLink();
                prediction.backward(t.pupils(), amplitude, gradAmplitude, (float) t.weight(), heldOut, accumulator);
            }
        }
        if (gradX != null) {
            Arrays.fill(gradX, 0f);
            propagator.toDetector(accumulator, rows, support.rowFrom(), support.rowTo());
            for (int r = support.rowFrom(); r < support.rowTo(); r++) {
                for (int c = support.colFrom(); c < support.colTo(); c++) {
                    gradX[r * n + c] = accumulator.re(r, c);
                }
            }
        }
        return total;
    }

    /**
     * The weighted loss of {@code x} on the held-out detector pixels only (no gradient): the
     * validation score of a reconstruction.
     *
     * @throws IllegalStateException if this loss has no held-out pixels
     */
    public double validate(float[] x, List<Term> terms) {
        if (heldOut == null) {
            throw new IllegalStateException("this measurement loss holds out no pixels; build it with withHoldout");
        }
        Checks.check(x != null && x.length == n * n, "x.length", x == null ? "null" : x.length, "must be " + n * n);
        Checks.check(terms != null && !terms.isEmpty(), "terms", terms, "must hold at least one term");
        prepare(x, terms);
        double total = 0;
        for (Term t : terms) {
            predict(t.pupils());
            link();
            exclude(t.target(), false);
            total += t.weight() * loss.evaluate(expected, t.target(), n, n, null);
        }
        return total;
    }

    /** expected <- the recorded amplitude on average (the prediction itself without a noise model). */
    private void link() {
        if (noise == null) {
            return;
        }
        for (int i = 0; i < amplitude.length; i++) {
            expected[i] = (float) noise.expectedAmplitude(amplitude[i]);
        }
    }

    /** gradAmplitude <- d loss / d amplitude from d loss / d expected. */
    private void chainThroughLink() {
        if (noise == null) {
            return;
        }
        for (int i = 0; i < amplitude.length; i++) {
            gradAmplitude[i] *= (float) noise.expectedAmplitudeSlope(amplitude[i]);
        }
    }

    /** Gives the compared value the target's where a pixel does not take part (held out when fitting). */
    private void exclude(float[] target, boolean fitting) {
        if (heldOut == null) {
            return;
        }
        for (int i = 0; i < expected.length; i++) {
            if (heldOut[i] == fitting) {
                expected[i] = target[i];
            }
        }
    }

    /** Validates the terms and transforms x to the rows the pupils touch. */
    private Region prepare(float[] x, List<Term> terms) {
        Region rows = new Region(0, 0, 0, 0);
        for (Term t : terms) {
            Checks.check(t.target().length == n * n, "term target length", t.target().length, "must be " + n * n);
            for (Pupil p : t.pupils()) {
                Checks.check(p.size() == n, "pupil.size()", p.size(), "must equal the grid " + n);
            }
            rows = rows.union(t.box());
        }
        spectrum.setReal(x);
        propagator.toPupil(spectrum, support, rows.rowFrom(), rows.rowTo());
        return rows;
    }

    /** The predicted amplitude of {@code x} through {@code pupils} (a new N*N array). */
    public float[] predict(float[] x, List<Pupil> pupils) {
        Checks.check(x != null && x.length == n * n, "x.length", x == null ? "null" : x.length, "must be " + n * n);
        prepare(x, List.of(new Term(pupils, x, 1)));
        predict(pupils);
        return amplitude.clone();
    }

    private void predict(List<Pupil> pupils) {
        prediction.forward(spectrum, pupils, amplitude);
    }
}
