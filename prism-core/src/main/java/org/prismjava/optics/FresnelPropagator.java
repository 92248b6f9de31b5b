package org.prismjava.optics;

import org.prismjava.util.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single-FFT Fresnel propagation over distance {@code z} (spec 2.7): pre-chirp on the input
 * grid, centred FFT, post-chirp on the output grid of pitch {@code lambda |z| / (N dx)}, times
 * {@code exp(ikz) / (i lambda z) dx^2 N}. Energy with pixel-area weighting is conserved, so
 * {@code toDetector} (the exact inverse) is the adjoint divided by {@code (dx/dxOut)^2}.
 * Negative {@code z} propagates backwards. Immutable.
 */
public final class FresnelPropagator implements Propagator {
    private static final Logger LOG = LoggerFactory.getLogger(FresnelPropagator.class);

    private final Grid grid;
    private final double distance;
    private final Fft2 fft;
    private final PhaseScreen preChirp;
    private final PhaseScreen postChirp;
    private final double magnitude;

    /**
     * @param grid input plane (square, power-of-two N)
     * @param distance propagation distance in metres, {@code |z| >= wavelength}
     * @param fft FFT engine of edge N
     */
    public FresnelPropagator(Grid grid, double distance, Fft2 fft) {
        Checks.check(grid.nx() == grid.ny() && grid.dx() == grid.dy(), "grid", grid, "must be square with square pixels");
        Checks.check(fft.size() == grid.nx(), "fft.size()", fft.size(), "must equal grid size " + grid.nx());
        Checks.finite("distance", distance);
        double lambda = grid.wavelength();
        Checks.check(Math.abs(distance) >= lambda, "distance", distance, "|z| must be >= wavelength = " + lambda);
        this.grid = grid;
        this.distance = distance;
        this.fft = fft;
        int n = grid.nx();
        double dx = grid.dx();
        double zCrit = n * dx * dx / lambda;
        if (Math.abs(distance) < zCrit) {
            LOG.warn("Fresnel distance {} m below the sampling limit N dx^2 / lambda = {} m: chirp aliasing",
                    distance, zCrit);
        }
        double fresnel = Math.pow(n * dx / 2, 2) / (lambda * Math.abs(distance));
        if (fresnel < 0.1 || fresnel > 10) {
            LOG.warn("Fresnel number {} outside [0.1, 10]: another propagator is more appropriate", fresnel);
        }
        double k = 2 * Math.PI / lambda;
        double dxOut = outputPitch();
        double[] pre = new double[n];
        double[] post = new double[n];
        for (int i = 0; i < n; i++) {
            double x = (i - n / 2) * dx;
            double x2 = (i - n / 2) * dxOut;
            pre[i] = k / (2 * distance) * x * x;
            post[i] = k / (2 * distance) * x2 * x2;
        }
        // constant exp(ikz) / (i lambda z): phase kz - pi/2 (mod 2 pi), modulus dx^2 N / (lambda |z|)
        double cycles = distance / lambda;
        double constantPhase = 2 * Math.PI * (cycles - Math.floor(cycles)) - Math.PI / 2 * Math.signum(distance);
        this.preChirp = new PhaseScreen(pre, pre);
        double[] postRow = post.clone();
        for (int i = 0; i < n; i++) {
            postRow[i] += constantPhase;
        }
        this.postChirp = new PhaseScreen(postRow, post);
        this.magnitude = dx * dx * n / (lambda * Math.abs(distance));
    }

    /** Pixel pitch of the output plane, {@code lambda |z| / (N dx)}. */
    public double outputPitch() {
        return grid.wavelength() * Math.abs(distance) / (grid.nx() * grid.dx());
    }

    /** The output plane's grid. */
    public Grid outputGrid() {
        return Grid.of(grid.nx(), outputPitch(), grid.wavelength());
    }

    @Override
    public int size() {
        return grid.nx();
    }

    @Override
    public void toPupil(ComplexField f, Region support, int outRowFrom, int outRowTo) {
        preChirp.apply(f, false, 1, support);
        fft.forward(f, support, outRowFrom, outRowTo);
        postChirp.apply(f, false, magnitude, new Region(outRowFrom, outRowTo, 0, size()));
    }

    @Override
    public void toDetector(ComplexField f, Region support, int outRowFrom, int outRowTo) {
        postChirp.apply(f, true, 1 / magnitude, support);
        fft.inverse(f, support, outRowFrom, outRowTo);
        preChirp.apply(f, true, 1, new Region(outRowFrom, outRowTo, 0, size()));
    }

    @Override
    public PropagatorKind kind() {
        return PropagatorKind.FRESNEL;
    }
}
