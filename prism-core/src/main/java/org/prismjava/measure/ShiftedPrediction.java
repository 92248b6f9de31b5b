package org.prismjava.measure;

import java.util.List;
import org.prismjava.optics.ComplexField;
import org.prismjava.optics.Propagator;
import org.prismjava.optics.Pupil;
import org.prismjava.optics.Region;

/**
 * The detector amplitude of a real object through one pupil whose centre is off its nominal
 * place by {@code (dy, dx)} pixels, and its vector-Jacobian products: {@code a = |B(P . F(x . r))|}
 * with the object-plane phase ramp {@code r = exp(-2 pi i (dy (row - N/2) + dx (col - N/2)) / N)},
 * which moves the spectrum under the pupil by the offset (the shift theorem: for the Fraunhofer
 * model exactly the measurement through the pupil moved by the offset). Shared by the intensity
 * fit and the simulator of recorded frames, so both use one forward model. Not thread-safe.
 */
final class ShiftedPrediction {
    private final Propagator propagator;
    private final int n;
    private final Region support;
    private final ComplexField spectrum;
    private final ComplexField accumulator;
    private final PupilBranch branch;
    private final float[] rowRe;
    private final float[] rowIm;
    private final float[] colRe;
    private final float[] colIm;
    private List<Pupil> pupils;

    ShiftedPrediction(Propagator propagator, Region support) {
        this.propagator = propagator;
        this.n = propagator.size();
        this.support = support;
        this.spectrum = ComplexField.zeros(n);
        this.accumulator = ComplexField.zeros(n);
        this.branch = new PupilBranch(propagator);
        this.rowRe = new float[n];
        this.rowIm = new float[n];
        this.colRe = new float[n];
        this.colIm = new float[n];
    }

    /** {@code amplitude <- |B(P . F(x . r))|} for the ramp of offset (dy, dx); keeps what {@link #backward} needs. */
    void forward(float[] x, Pupil pupil, double dy, double dx, float[] amplitude) {
        pupils = List.of(pupil);
        ramp(dy, rowRe, rowIm);
        ramp(dx, colRe, colIm);
        spectrum.clear();
        for (int r = support.rowFrom(); r < support.rowTo(); r++) {
            for (int c = support.colFrom(); c < support.colTo(); c++) {
                float v = x[r * n + c];
                spectrum.set(r, c, v * rampRe(r, c), v * rampIm(r, c));
            }
        }
        propagator.toPupil(spectrum, support, pupil.box().rowFrom(), pupil.box().rowTo());
        branch.forward(spectrum, pupils, amplitude);
    }

    /**
     * For the last {@link #forward} and {@code g = d loss / d amplitude}: adds {@code d loss / d x}
     * to {@code gradX} on the support and returns {@code d loss / d (dy, dx)}. Overwrites the kept
     * detector field.
     */
    double[] backward(float[] x, float[] amplitude, float[] g, float[] gradX) {
        accumulator.clear();
        branch.backward(pupils, amplitude, g, 1f, null, accumulator);
        propagator.toDetector(accumulator, pupils.get(0).box(), support.rowFrom(), support.rowTo());
        // dL = Re sum conj(G) dz with z = x r: d/dx = Re(conj(G) r); d/d dy = sum 2 pi (row - N/2) / N Im(conj(G) z).
        double gy = 0;
        double gx = 0;
        double k = 2 * Math.PI / n;
        for (int r = support.rowFrom(); r < support.rowTo(); r++) {
            for (int c = support.colFrom(); c < support.colTo(); c++) {
                float pr = rampRe(r, c);
                float pi = rampIm(r, c);
                float gr = accumulator.re(r, c);
                float gi = accumulator.im(r, c);
                gradX[r * n + c] += gr * pr + gi * pi;
                double imConjGz = x[r * n + c] * (gr * pi - gi * pr);
                gy += k * (r - n / 2) * imConjGz;
                gx += k * (c - n / 2) * imConjGz;
            }
        }
        return new double[] {gy, gx};
    }

    private float rampRe(int r, int c) {
        return rowRe[r] * colRe[c] - rowIm[r] * colIm[c];
    }

    private float rampIm(int r, int c) {
        return rowRe[r] * colIm[c] + rowIm[r] * colRe[c];
    }

    /** {@code exp(-2 pi i shift (t - N/2) / N)} for t in [0, N), as cosines and sines. */
    private void ramp(double shift, float[] re, float[] im) {
        for (int t = 0; t < n; t++) {
            double phase = -2 * Math.PI * shift * (t - n / 2) / n;
            re[t] = (float) Math.cos(phase);
            im[t] = (float) Math.sin(phase);
        }
    }
}
