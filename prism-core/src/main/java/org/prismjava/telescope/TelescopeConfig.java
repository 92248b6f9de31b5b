package org.prismjava.telescope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.prismjava.optics.Aperture;
import org.prismjava.optics.CircularAperture;
import org.prismjava.optics.NoiseModel;
import org.prismjava.optics.PropagatorKind;
import org.prismjava.optics.ShotNoise;
import org.prismjava.util.Checks;
import org.prismjava.util.StoredFields;

/**
 * Immutable description of a sub-aperture telescope (spec 2.1, defaults of the PRISM path):
 * grid size N, wavelength, pupil-plane pixel pitch, sub-aperture shape, optional aperture
 * diameter for the resolution limit, optional detector noise and the propagation model.
 * Build with {@link #builder(int)}; {@code build()} validates and names any bad parameter.
 */
public final class TelescopeConfig {
    /** Default wavelength, metres. */
    public static final double DEFAULT_WAVELENGTH = 550e-9;
    /** Default pupil-plane pixel pitch (PRISM's dxf), metres. */
    public static final double DEFAULT_PIXEL_SIZE = 0.01;
    /** Default sub-aperture radius in pixels (PRISM's sample diameter 17). */
    public static final double DEFAULT_APERTURE_RADIUS = 8.5;

    private final int gridSize;
    private final double wavelength;
    private final double pixelSize;
    private final Aperture aperture;
    private final Double apertureDiameter;
    private final NoiseModel noise;
    private final PropagatorKind propagator;
    private final Double objectDistance;
    private final int hash;

    private TelescopeConfig(Builder b) {
        this.gridSize = b.gridSize;
        this.wavelength = b.wavelength;
        this.pixelSize = b.pixelSize;
        this.aperture = b.aperture;
        this.apertureDiameter = b.apertureDiameter;
        this.noise = b.noise;
        this.propagator = b.propagator;
        this.objectDistance = b.objectDistance;
        this.hash = Objects.hash(gridSize, wavelength, pixelSize, aperture, apertureDiameter, noise, propagator,
                objectDistance);
    }

    /** A builder for an N x N telescope grid. */
    public static Builder builder(int gridSize) {
        return new Builder(gridSize);
    }

    /** Grid edge N (power of two). */
    public int gridSize() {
        return gridSize;
    }

    /** Wavelength, metres. */
    public double wavelength() {
        return wavelength;
    }

    /** Pupil-plane pixel pitch, metres (one k-space pixel is a baseline of this length). */
    public double pixelSize() {
        return pixelSize;
    }

    /** Sub-aperture shape. */
    public Aperture aperture() {
        return aperture;
    }

    /** Aperture diameter for the resolution limit, metres, if set. */
    public Optional<Double> apertureDiameter() {
        return Optional.ofNullable(apertureDiameter);
    }

    /** Detector noise, if any. */
    public Optional<NoiseModel> noise() {
        return Optional.ofNullable(noise);
    }

    /** Propagation model. */
    public PropagatorKind propagator() {
        return propagator;
    }

    /** Object distance, metres (required by the near-field propagators). */
    public Optional<Double> objectDistance() {
        return Optional.ofNullable(objectDistance);
    }

    /** A builder initialised from this config. */
    public Builder toBuilder() {
        Builder b = new Builder(gridSize).wavelength(wavelength).pixelSize(pixelSize).aperture(aperture)
                .propagator(propagator);
        b.apertureDiameter = apertureDiameter;
        b.noise = noise;
        b.objectDistance = objectDistance;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TelescopeConfig c && c.gridSize == gridSize && c.wavelength == wavelength
                && c.pixelSize == pixelSize && c.aperture.equals(aperture)
                && Objects.equals(c.apertureDiameter, apertureDiameter) && Objects.equals(c.noise, noise)
                && c.propagator == propagator && Objects.equals(c.objectDistance, objectDistance);
    }

    /** Computed once: configs are cache keys, hashed on every lookup. */
    @Override
    public int hashCode() {
        return hash;
    }

    /**
     * Every setting by name, for provenance, configuration files and the run identity a
     * checkpoint records: numbers as numbers, the aperture and noise model as their own maps
     * ({@link Aperture#toMap()}, {@link NoiseModel#toMap()}), absent optional settings as
     * {@code "none"}. Two configurations are equal exactly when their maps are; {@link #fromMap}
     * is the inverse.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gridSize", gridSize);
        m.put("wavelength", wavelength);
        m.put("pixelSize", pixelSize);
        m.put("aperture", aperture.toMap());
        m.put("apertureDiameter", apertureDiameter == null ? "none" : apertureDiameter);
        m.put("noise", noise == null ? "none" : noise.toMap());
        m.put("propagator", propagator.name());
        m.put("objectDistance", objectDistance == null ? "none" : objectDistance);
        return m;
    }

    /**
     * Inverse of {@link #toMap()}: {@code gridSize} is required; any other setting left out takes
     * its default. Unknown keys, wrong types, bad values and custom apertures or noise models
     * (which only code can build) are refused naming the key.
     */
    public static TelescopeConfig fromMap(Map<String, ?> map) {
        StoredFields f = StoredFields.of(map, "telescope configuration").requireOnly(List.of("gridSize", "wavelength",
                "pixelSize", "aperture", "apertureDiameter", "noise", "propagator", "objectDistance"));
        Builder b = builder(f.integer("gridSize"));
        if (f.has("wavelength")) {
            b.wavelength(f.number("wavelength"));
        }
        if (f.has("pixelSize")) {
            b.pixelSize(f.number("pixelSize"));
        }
        if (f.has("aperture")) {
            b.aperture(Aperture.fromMap(f.map("aperture")));
        }
        if (isSet(f, "apertureDiameter")) {
            b.apertureDiameter(f.number("apertureDiameter"));
        }
        if (isSet(f, "noise")) {
            b.noise(NoiseModel.fromMap(f.map("noise")));
        }
        if (f.has("propagator")) {
            b.propagator(f.constant("propagator", PropagatorKind.class));
        }
        if (isSet(f, "objectDistance")) {
            b.objectDistance(f.number("objectDistance"));
        }
        return b.build();
    }

    /** Present and not the {@code "none"} that {@link #toMap()} writes for an absent setting. */
    private static boolean isSet(StoredFields f, String key) {
        return f.has(key) && !"none".equals(f.toMap().get(key));
    }

    @Override
    public String toString() {
        return "TelescopeConfig[N=" + gridSize + ", wavelength=" + wavelength + ", pixelSize=" + pixelSize
                + ", aperture=" + aperture + ", apertureDiameter=" + apertureDiameter + ", noise=" + noise
                + ", propagator=" + propagator + ", objectDistance=" + objectDistance + "]";
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private final int gridSize;
        private double wavelength = DEFAULT_WAVELENGTH;
        private double pixelSize = DEFAULT_PIXEL_SIZE;
        private Aperture aperture = new CircularAperture(DEFAULT_APERTURE_RADIUS);
        private Double apertureDiameter;
        private NoiseModel noise;
        private PropagatorKind propagator = PropagatorKind.FRAUNHOFER;
        private Double objectDistance;

        private Builder(int gridSize) {
            this.gridSize = gridSize;
        }

        /** Wavelength in metres, {@code > 0}. */
        public Builder wavelength(double v) {
            this.wavelength = v;
            return this;
        }

        /** Pupil-plane pixel pitch in metres, {@code > 0}. */
        public Builder pixelSize(double v) {
            this.pixelSize = v;
            return this;
        }

        /** Sub-aperture shape (default: circle of radius {@value #DEFAULT_APERTURE_RADIUS} px). */
        public Builder aperture(Aperture a) {
            this.aperture = a;
            return this;
        }

        /** Circular sub-aperture of this radius in pixels. */
        public Builder apertureRadius(double radiusPixels) {
            return aperture(new CircularAperture(radiusPixels));
        }

        /** Aperture diameter for the resolution limit, metres, {@code > 0}. */
        public Builder apertureDiameter(double metres) {
            this.apertureDiameter = metres;
            return this;
        }

        /** Detector noise model (none by default). */
        public Builder noise(NoiseModel model) {
            this.noise = model;
            return this;
        }

        /** Shot noise at this SNR in dB. */
        public Builder snrDb(double db) {
            return noise(new ShotNoise(db));
        }

        /** Propagation model (default Fraunhofer). */
        public Builder propagator(PropagatorKind kind) {
            this.propagator = kind;
            return this;
        }

        /** Object distance in metres (needed for Fresnel and angular spectrum). */
        public Builder objectDistance(double metres) {
            this.objectDistance = metres;
            return this;
        }

        /** Validates and builds. */
        public TelescopeConfig build() {
            Checks.powerOfTwo("gridSize", gridSize, 8);
            Checks.positive("wavelength", wavelength);
            Checks.positive("pixelSize", pixelSize);
            Checks.check(aperture != null, "aperture", null, "must be set");
            Checks.check(propagator != null, "propagator", null, "must be set");
            if (apertureDiameter != null) {
                Checks.positive("apertureDiameter", apertureDiameter);
            }
            if (objectDistance != null) {
                Checks.positive("objectDistance", objectDistance);
            }
            Checks.check(propagator == PropagatorKind.FRAUNHOFER || objectDistance != null, "objectDistance",
                    null, "is required by the " + propagator + " propagator");
            Checks.check(aperture.boundingRadius() < gridSize, "aperture", aperture,
                    "must fit the " + gridSize + "-pixel grid (bounding radius " + aperture.boundingRadius() + ")");
            return new TelescopeConfig(this);
        }
    }
}
