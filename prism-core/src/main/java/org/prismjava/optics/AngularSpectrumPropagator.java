package org.prismjava.optics;

import org.prismjava.util.Checks;

/**
 * Angular-spectrum propagation over distance {@code z} (spec 2.7): transfer function
 * {@code H = exp(i 2 pi z (sqrt(1/lambda^2 - kx^2 - ky^2) - 1/lambda))} for propagating waves and
 * 0 for evanescent ones. The constant phase {@code exp(i 2 pi z / lambda)} is dropped: it is
 * unobservable in intensity and not representable in float for astronomical distances.
 * {@code toPupil = H . CF}, {@code toDetector = CIF . conj(H)} (its exact adjoint);
 * {@link #propagate(ComplexField)} is the full {@code CIF(H . CF(U))}. Immutable.
 */
public final class AngularSpectrumPropagator implements Propagator {
    private final Fft2 fft;
    private final int n;
    private final float[][] hRe;
    private final float[][] hIm;
    private final int propagating;

    /**
     * @param grid plane sampling (square, power-of-two N)
     * @param distance propagation distance in metres (finite, either sign)
     * @param fft FFT engine of edge N
     */
    public AngularSpectrumPropagator(Grid grid, double distance, Fft2 fft) {
        Checks.check(grid.nx() == grid.ny(), "grid", grid, "must be square");
        Checks.check(fft.size() == grid.nx(), "fft.size()", fft.size(), "must equal grid size " + grid.nx());
        Checks.finite("distance", distance);
        this.fft = fft;
        this.n = grid.nx();
        this.hRe = new float[n][n];
        this.hIm = new float[n][n];
        double invL = 1 / grid.wavelength();
        int count = 0;
        for (int i = 0; i < n; i++) {
            double ky = grid.ky(i);
            for (int j = 0; j < n; j++) {
                double kx = grid.kx(j);
                double k2 = kx * kx + ky * ky;
                double radicand = invL * invL - k2;
                if (radicand > 0) {
                    // sqrt(a^2 - k^2) - a = -k^2 / (sqrt(a^2 - k^2) + a), stable for k << a
                    double phase = 2 * Math.PI * distance * (-k2 / (Math.sqrt(radicand) + invL));
                    hRe[i][j] = (float) Math.cos(phase);
                    hIm[i][j] = (float) Math.sin(phase);
                    count++;
                }
            }
        }
        this.propagating = count;
    }

    /** Number of k-space pixels that carry propagating waves. */
    public int propagatingPixels() {
        return propagating;
    }

    /** In place: the field after propagating by the distance, {@code CIF(H . CF(U))}. */
    public void propagate(ComplexField f) {
        toPupil(f);
        fft.inverse(f);
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public void toPupil(ComplexField f, Region support, int outRowFrom, int outRowTo) {
        fft.forward(f, support, outRowFrom, outRowTo);
        multiply(f, false, outRowFrom, outRowTo);
    }

    @Override
    public void toDetector(ComplexField f, Region support, int outRowFrom, int outRowTo) {
        multiply(f, true, support.rowFrom(), support.rowTo());
        fft.inverse(f, support, outRowFrom, outRowTo);
    }

    private void multiply(ComplexField f, boolean conjugate, int r0, int r1) {
        float sg = conjugate ? -1f : 1f;
        for (int r = r0; r < r1; r++) {
            float[] re = f.re[r];
            float[] im = f.im[r];
            float[] pr = hRe[r];
            float[] pi = hIm[r];
            for (int c = 0; c < n; c++) {
                float a = re[c];
                float b = im[c];
                float hi = sg * pi[c];
                re[c] = a * pr[c] - b * hi;
                im[c] = a * hi + b * pr[c];
            }
        }
    }

    @Override
    public PropagatorKind kind() {
        return PropagatorKind.ANGULAR_SPECTRUM;
    }
}
