package org.prismjava.measure;

import java.util.List;
import org.prismjava.optics.ComplexField;
import org.prismjava.optics.Propagator;
import org.prismjava.optics.Pupil;
import org.prismjava.optics.Region;
import org.prismjava.util.Checks;

/**
 * The differentiable measurement used for learning, and its exact vector-Jacobian product.
 *
 * <p>For a real field {@code x} (zero outside {@code objectSupport}) and pupils
 * {@code P_1..P_T} of one branch, the prediction is
 * {@code a = sqrt(mean_t |B(P_t . F(x))|^2)}, which is {@code |B(P . F(x))|} for one pupil
 * (F = propagator's toPupil, B = toDetector). With {@code B} the adjoint of {@code F} up to a
 * positive factor, the VJP of the linear part is {@code Re(B(conj(P) . F(u)))}.
 *
 * <p>{@link #forward} evaluates two branches, old (cumulative mask) and new (aperture), sharing
 * {@code F(x)}; {@link #backward} sums both branches' gradients in k-space before one inverse
 * transform: 3 transforms forward and 3 backward for point samples. With {@code fused = false}
 * each branch is evaluated on its own (the reference's cost, kept for benchmarks). Owns its work
 * buffers: not thread-safe, create one per training thread.
 */
public final class MeasurementOperator {
    private final Propagator propagator;
    private final int n;
    private final Region objectSupport;
    private final boolean fused;
    private final ComplexField spectrum;
    private final ComplexField accumulator;
    private final Branch oldBranch;
    private final Branch newBranch;

    /**
     * @param propagator the telescope's propagation model
     * @param objectSupport region outside which inputs are zero and gradients are not needed
     * @param fused share F(x) and sum branch gradients in k-space (the fast path)
     */
    public MeasurementOperator(Propagator propagator, Region objectSupport, boolean fused) {
        this.propagator = propagator;
        this.n = propagator.size();
        Checks.check(objectSupport.fitsIn(n) && !objectSupport.isEmpty(), "objectSupport", objectSupport,
                "must be a non-empty region of the " + n + "x" + n + " grid");
        this.objectSupport = objectSupport;
        this.fused = fused;
        this.spectrum = ComplexField.zeros(n);
        this.accumulator = ComplexField.zeros(n);
        this.oldBranch = new Branch();
        this.newBranch = new Branch();
    }

    /** Grid edge N. */
    public int size() {
        return n;
    }

    /** Prediction through one branch only: a new row-major N*N amplitude array. */
    public float[] apply(float[] x, List<Pupil> pupils) {
        float[] out = new float[n * n];
        forward(x, null, pupils, null, out);
        return out;
    }

    /**
     * Evaluates both branches. {@code oldPupil} may be null (no previous samples); then only the
     * new branch is evaluated and {@code outOld} is ignored.
     */
    public void forward(float[] x, Pupil oldPupil, List<Pupil> newPupils, float[] outOld, float[] outNew) {
        Checks.check(x.length == n * n, "x.length", x.length, "must be " + n * n);
        Checks.check(newPupils != null && !newPupils.isEmpty(), "newPupils", newPupils, "must hold at least one pupil");
        newBranch.bind(newPupils, outNew);
        oldBranch.bind(oldPupil == null ? List.of() : List.of(oldPupil), outOld);
        if (fused) {
            Region rows = newBranch.box().union(oldBranch.box());
            spectrum.setReal(x);
            propagator.toPupil(spectrum, objectSupport, rows.rowFrom(), rows.rowTo());
            newBranch.forward(spectrum);
            oldBranch.forward(spectrum);
        } else {
            for (Branch b : new Branch[] {newBranch, oldBranch}) {
                if (!b.pupils.isEmpty()) {
                    spectrum.setReal(x);
                    propagator.toPupil(spectrum, objectSupport, b.box().rowFrom(), b.box().rowTo());
                    b.forward(spectrum);
                }
            }
        }
    }

    /**
     * Gradient of {@code <gOld, aOld> + <gNew, aNew>} with respect to x, for the last
     * {@link #forward} call, written into {@code gradX} (zero outside the object support).
     * {@code gOld} is ignored when the last forward had no old branch.
     */
    public void backward(float[] gOld, float[] gNew, float[] gradX) {
        Checks.check(gradX.length == n * n, "gradX.length", gradX.length, "must be " + n * n);
        java.util.Arrays.fill(gradX, 0f);
        if (fused) {
            accumulator.clear();
            newBranch.backward(gNew, accumulator);
            oldBranch.backward(gOld, accumulator);
            Region in = newBranch.box().union(oldBranch.box());
            addRealPart(in, gradX);
        } else {
            for (Branch b : new Branch[] {newBranch, oldBranch}) {
                if (!b.pupils.isEmpty()) {
                    accumulator.clear();
                    b.backward(b == newBranch ? gNew : gOld, accumulator);
                    addRealPart(b.box(), gradX);
                }
            }
        }
    }

    private void addRealPart(Region kSupport, float[] gradX) {
        propagator.toDetector(accumulator, kSupport, objectSupport.rowFrom(), objectSupport.rowTo());
        for (int r = objectSupport.rowFrom(); r < objectSupport.rowTo(); r++) {
            for (int c = objectSupport.colFrom(); c < objectSupport.colTo(); c++) {
                gradX[r * n + c] += accumulator.re(r, c);
            }
        }
    }

    /** One branch: its pupils, their prediction and the branch amplitude. */
    private final class Branch {
        private final PupilBranch prediction = new PupilBranch(propagator);
        private List<Pupil> pupils = List.of();
        private float[] amplitude;
        private Region box = new Region(0, 0, 0, 0);

        void bind(List<Pupil> ps, float[] out) {
            for (Pupil p : ps) {
                Checks.check(p.size() == n, "pupil.size()", p.size(), "must equal the operator grid " + n);
            }
            Checks.check(ps.isEmpty() || (out != null && out.length == n * n), "output.length",
                    out == null ? "null" : out.length, "must be " + n * n);
            pupils = ps;
            amplitude = out;
            Region b = new Region(0, 0, 0, 0);
            for (Pupil p : ps) {
                b = b.union(p.box());
            }
            box = b;
        }

        Region box() {
            return box;
        }

        void forward(ComplexField k) {
            if (!pupils.isEmpty()) {
                prediction.forward(k, pupils, amplitude);
            }
        }

        /** acc += sum_t conj(P_t) . F(g . Y_t / (T a)). */
        void backward(float[] g, ComplexField acc) {
            if (pupils.isEmpty()) {
                return;
            }
            Checks.check(g != null && g.length == n * n, "gradient.length", g == null ? "null" : g.length,
                    "must be " + n * n);
            prediction.backward(pupils, amplitude, g, 1f, null, acc);
        }
    }
}
