package org.prismjava.objects;

import java.util.Locale;
import org.prismjava.util.Checks;

/**
 * Astronomical targets of the reference (spec 9.2) with the physics that sizes them on the
 * grid: object pixel {@code dx = lambda L / (dxf N)}, object size {@code int(W / dx)} pixels,
 * derived sub-aperture diameter {@code int(4 lambda L / (pi W dxf))}.
 */
public enum AstronomicalPreset {
    /** Jupiter's moon Europa. */
    EUROPA(3138e3, 628.3e9, 698.9e-9),
    /** Saturn's moon Titan. */
    TITAN(5150e3, 1.2e12, 2.0e-6),
    /** The red supergiant Betelgeuse (degenerate on small grids). */
    BETELGEUSE(2 * 617e9, 700 * 9.461e15, 500e-9),
    /** Neptune. */
    NEPTUNE(50e6, 29.1 * 1.496e11, 500e-9);

    /** Smallest object size in pixels that gives a meaningful reconstruction. */
    public static final int MIN_OBJECT_PIXELS = 8;

    private final double diameter;
    private final double distance;
    private final double wavelength;

    AstronomicalPreset(double diameter, double distance, double wavelength) {
        this.diameter = diameter;
        this.distance = distance;
        this.wavelength = wavelength;
    }

    /** Physical diameter, metres. */
    public double diameter() {
        return diameter;
    }

    /** Distance, metres. */
    public double distance() {
        return distance;
    }

    /** Observing wavelength, metres. */
    public double wavelength() {
        return wavelength;
    }

    /** Object-plane pixel size {@code lambda L / (dxf N)}, metres. */
    public double objectPixelSize(int gridSize, double pupilPixelSize) {
        Checks.positive("gridSize", gridSize);
        Checks.positive("pupilPixelSize", pupilPixelSize);
        return wavelength * distance / (pupilPixelSize * gridSize);
    }

    /** Object size in pixels, {@code int(W / dx)} (truncation, as in the reference). */
    public int objectPixels(int gridSize, double pupilPixelSize) {
        return (int) (diameter / objectPixelSize(gridSize, pupilPixelSize));
    }

    /**
     * Object size in pixels, rejecting degenerate geometries.
     *
     * @throws IllegalArgumentException when fewer than {@value #MIN_OBJECT_PIXELS} pixels, or more
     *     than the grid
     */
    public int validatedObjectPixels(int gridSize, double pupilPixelSize) {
        int n = objectPixels(gridSize, pupilPixelSize);
        Checks.check(n >= MIN_OBJECT_PIXELS && n <= gridSize, "objectSize(" + name().toLowerCase(Locale.ROOT) + ")", n,
                "must be in [" + MIN_OBJECT_PIXELS + ", " + gridSize + "] pixels; change the grid size or dxf");
        return n;
    }

    /** Sub-aperture diameter from the coherence radius, {@code int(4 lambda L / (pi W dxf))} pixels. */
    public int derivedSampleDiameter(double pupilPixelSize) {
        return (int) (4 * wavelength * distance / (Math.PI * diameter * pupilPixelSize));
    }

    /** Fresnel number of the synthetic aperture {@code (N dxf)^2 / (lambda L)}. */
    public double fresnelNumber(int gridSize, double pupilPixelSize) {
        double w = gridSize * pupilPixelSize;
        return w * w / (wavelength * distance);
    }

    /** The preset named (case-insensitive). */
    public static AstronomicalPreset byName(String name) {
        for (AstronomicalPreset p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw Checks.invalid("preset", name, "must be one of europa, titan, betelgeuse, neptune");
    }
}
