package org.prismjava.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.prismjava.optics.ComplexField;
import org.prismjava.optics.Propagator;
import org.prismjava.optics.Pupil;
import org.prismjava.optics.Region;

/**
 * The prediction of one set of pupils from a spectrum, and its vector-Jacobian product: the
 * piece {@link MeasurementOperator} and {@link MeasurementLoss} share. {@link #forward} keeps each
 * detector field {@code Y_t = B(P_t . K)} and returns the incoherent amplitude
 * {@code a = sqrt(mean_t |Y_t|^2)}; {@link #backward} then adds
 * {@code w sum_t conj(P_t) . F(g . Y_t / (T a))} to a k-space accumulator. Owns its detector
 * fields (one per pupil of the widest set seen); not thread-safe.
 */
final class PupilBranch {
    private final Propagator propagator;
    private final int n;
    private final List<ComplexField> detector = new ArrayList<>();

    PupilBranch(Propagator propagator) {
        this.propagator = propagator;
        this.n = propagator.size();
    }

    /** {@code amplitude <- sqrt(mean_t |B(P_t . spectrum)|^2)}, keeping each field for {@link #backward}. */
    void forward(ComplexField spectrum, List<Pupil> pupils, float[] amplitude) {
        while (detector.size() < pupils.size()) {
            detector.add(ComplexField.zeros(n));
        }
        Arrays.fill(amplitude, 0f);
        for (int t = 0; t < pupils.size(); t++) {
            Pupil p = pupils.get(t);
            ComplexField y = detector.get(t);
            p.multiply(spectrum, y, false);
            propagator.toDetector(y, p.box(), 0, n);
            for (int r = 0; r < n; r++) {
                int o = r * n;
                for (int c = 0; c < n; c++) {
                    float a = y.re(r, c);
                    float b = y.im(r, c);
                    amplitude[o + c] += a * a + b * b;
                }
            }
        }
        float inv = 1f / pupils.size();
        for (int i = 0; i < amplitude.length; i++) {
            amplitude[i] = (float) Math.sqrt(amplitude[i] * inv);
        }
    }

    /**
     * {@code acc += weight sum_t conj(P_t) . F(g . Y_t / (T a))} for the pupils and amplitude of
     * the last {@link #forward}; pixels where {@code skip} is set (may be null) pass no gradient.
     * Overwrites the kept fields.
     */
    void backward(List<Pupil> pupils, float[] amplitude, float[] g, float weight, boolean[] skip, ComplexField acc) {
        float inv = weight / pupils.size();
        for (int t = 0; t < pupils.size(); t++) {
            Pupil p = pupils.get(t);
            ComplexField y = detector.get(t);
            for (int r = 0; r < n; r++) {
                int o = r * n;
                for (int c = 0; c < n; c++) {
                    float a = amplitude[o + c];
                    boolean used = skip == null || !skip[o + c];
                    float s = a > 0 && used ? g[o + c] * inv / a : 0f;
                    y.set(r, c, y.re(r, c) * s, y.im(r, c) * s);
                }
            }
            propagator.toPupil(y, Region.full(n), p.box().rowFrom(), p.box().rowTo());
            p.multiplyConjugateAdd(y, acc);
        }
    }
}
