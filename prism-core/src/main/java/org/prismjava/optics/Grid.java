package org.prismjava.optics;

import org.prismjava.util.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sampled plane: {@code nx x ny} pixels of pitch {@code dx x dy} metres at wavelength
 * {@code wavelength} (spec 1.3). Spatial coordinates put the origin at pixel {@code n/2};
 * frequency coordinates are {@code kx[j] = (j - nx/2) / (nx dx)} cycles per metre. Immutable.
 */
public final class Grid {
    private static final Logger LOG = LoggerFactory.getLogger(Grid.class);

    private final int nx;
    private final int ny;
    private final double dx;
    private final double dy;
    private final double wavelength;

    private Grid(int nx, int ny, double dx, double dy, double wavelength) {
        this.nx = Checks.positive("nx", nx);
        this.ny = Checks.positive("ny", ny);
        this.dx = Checks.positive("dx", dx);
        this.dy = Checks.positive("dy", dy);
        this.wavelength = Checks.positive("wavelength", wavelength);
        for (int v : new int[] {nx, ny}) {
            if (Integer.bitCount(v) != 1) {
                LOG.warn("Grid size {} is not a power of two; FFTs need one, consider {}", v,
                        Integer.highestOneBit(v) << 1);
            }
        }
    }

    /** A square grid of {@code n x n} pixels of pitch {@code dx} metres. */
    public static Grid of(int n, double dx, double wavelength) {
        return new Grid(n, n, dx, dx, wavelength);
    }

    /** A rectangular grid. */
    public static Grid of(int nx, int ny, double dx, double dy, double wavelength) {
        return new Grid(nx, ny, dx, dy, wavelength);
    }

    /** Pixels along x. */
    public int nx() {
        return nx;
    }

    /** Pixels along y. */
    public int ny() {
        return ny;
    }

    /** Pixel pitch along x, metres. */
    public double dx() {
        return dx;
    }

    /** Pixel pitch along y, metres. */
    public double dy() {
        return dy;
    }

    /** Wavelength, metres. */
    public double wavelength() {
        return wavelength;
    }

    /** x coordinate of column {@code j}, metres: {@code (j - nx/2) dx}. */
    public double x(int j) {
        return (j - nx / 2) * dx;
    }

    /** y coordinate of row {@code i}, metres. */
    public double y(int i) {
        return (i - ny / 2) * dy;
    }

    /** Spatial frequency of column {@code j}, cycles per metre. */
    public double kx(int j) {
        return (j - nx / 2) / (nx * dx);
    }

    /** Spatial frequency of row {@code i}, cycles per metre. */
    public double ky(int i) {
        return (i - ny / 2) / (ny * dy);
    }

    /** Field of view along x, metres. */
    public double fovX() {
        return nx * dx;
    }

    /** Field of view along y, metres. */
    public double fovY() {
        return ny * dy;
    }

    /** Largest sampled frequency, cycles per metre. */
    public double kMax() {
        return Math.max(kx(nx - 1), ky(ny - 1));
    }

    /** Same pitch, {@code s} times more pixels. */
    public Grid pad(int s) {
        Checks.positive("s", s);
        return new Grid(nx * s, ny * s, dx, dy, wavelength);
    }

    /** Same field of view, {@code s} times finer pitch. */
    public Grid upsample(int s) {
        Checks.positive("s", s);
        return new Grid(nx * s, ny * s, dx / s, dy / s, wavelength);
    }

    /** The focal-plane grid of a lens of focal length {@code f}: pitch {@code lambda f / (n dx)}. */
    public Grid lensFourierGrid(double f) {
        Checks.positive("f", f);
        return new Grid(nx, ny, wavelength * f / (nx * dx), wavelength * f / (ny * dy), wavelength);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Grid g && g.nx == nx && g.ny == ny && g.dx == dx && g.dy == dy
                && g.wavelength == wavelength;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(nx, ny, dx, dy, wavelength);
    }

    @Override
    public String toString() {
        return "Grid[" + nx + "x" + ny + ", dx=" + dx + ", dy=" + dy + ", wavelength=" + wavelength + "]";
    }
}
