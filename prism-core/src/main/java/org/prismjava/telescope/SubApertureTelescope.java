package org.prismjava.telescope;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.prismjava.objects.ObservedObject;
import org.prismjava.optics.AngularSpectrumPropagator;
import org.prismjava.optics.Center;
import org.prismjava.optics.ComplexField;
import org.prismjava.optics.Fft2;
import org.prismjava.optics.FraunhoferPropagator;
import org.prismjava.optics.FresnelPropagator;
import org.prismjava.optics.Grid;
import org.prismjava.optics.NoiseModel;
import org.prismjava.optics.Propagator;
import org.prismjava.optics.PropagatorKind;
import org.prismjava.optics.Pupil;
import org.prismjava.optics.Region;
import org.prismjava.util.Checks;
import org.prismjava.util.SeededRandom;

/**
 * The default {@link Telescope}: a movable sub-aperture in the pupil plane of a configured
 * propagation model, with the true inverse transform (no flip, no one-pixel shift; spec 14 #11).
 * Immutable and thread-safe (each call uses its own work buffer).
 */
public final class SubApertureTelescope implements Telescope {
    private final TelescopeConfig config;
    private final Propagator propagator;
    private final Fft2 fft;

    /** A telescope on the CPU FFT. */
    public SubApertureTelescope(TelescopeConfig config) {
        this(config, Fft2.cpu(config.gridSize()));
    }

    /** A telescope whose propagator runs on the given FFT engine. */
    public SubApertureTelescope(TelescopeConfig config, Fft2 fft) {
        Checks.check(fft.size() == config.gridSize(), "fft.size()", fft.size(), "must equal gridSize " + config.gridSize());
        this.config = config;
        this.propagator = createPropagator(config, fft);
        this.fft = fft;
    }

    /** The propagator of a config: object-plane pitch {@code lambda z / (N dxf)} for the near-field models. */
    static Propagator createPropagator(TelescopeConfig c, Fft2 fft) {
        if (c.propagator() == PropagatorKind.FRAUNHOFER) {
            return new FraunhoferPropagator(fft);
        }
        double z = c.objectDistance().orElseThrow();
        int n = c.gridSize();
        Grid objectPlane = Grid.of(n, c.wavelength() * z / (n * c.pixelSize()), c.wavelength());
        c.propagator().checkRegime(PropagatorKind.fresnelNumber(n * c.pixelSize(), c.wavelength(), z));
        return c.propagator() == PropagatorKind.FRESNEL
                ? new FresnelPropagator(objectPlane, z, fft)
                : new AngularSpectrumPropagator(objectPlane, z, fft);
    }

    @Override
    public TelescopeConfig config() {
        return config;
    }

    @Override
    public Propagator propagator() {
        return propagator;
    }

    @Override
    public Pupil pupil(Center center) {
        return config.aperture().pupil(config.gridSize(), center);
    }

    @Override
    public Measurement measure(ObservedObject object, Pupil pupil) {
        int n = config.gridSize();
        Checks.check(object.size() == n, "object.size()", object.size(), "must equal the telescope grid " + n);
        Checks.check(pupil.size() == n, "pupil.size()", pupil.size(), "must equal the telescope grid " + n);
        ComplexField f = ComplexField.zeros(n);
        FloatBuffer amp = object.amplitudeView();
        f.setReal(amp);
        if (pupil.isEmpty()) {
            return Measurement.ofOwned(n, new float[n * n], false);
        }
        Region box = pupil.box();
        propagator.toPupil(f, object.support(), box.rowFrom(), box.rowTo());
        pupil.multiply(f, f, false);
        propagator.toDetector(f, box, 0, n);
        return Measurement.ofOwned(n, f.abs(), false);
    }

    @Override
    public Measurement addNoise(Measurement clean, SeededRandom rng) {
        if (config.noise().isEmpty()) {
            return clean;
        }
        NoiseModel noise = config.noise().get();
        int n = clean.size();
        float[] intensity = new float[n * n];
        FloatBuffer a = clean.amplitudeView();
        for (int k = 0; k < intensity.length; k++) {
            float v = a.get(k);
            intensity[k] = v * v;
        }
        noise.apply(intensity, rng);
        for (int k = 0; k < intensity.length; k++) {
            intensity[k] = (float) Math.sqrt(Math.max(0, intensity[k]));
        }
        return Measurement.ofOwned(n, intensity, true);
    }

    @Override
    public INDArray psf(Center center) {
        int n = config.gridSize();
        ComplexField f = pupil(center).toField();
        fft.forward(f);
        float[] out = new float[n * n];
        float max = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                float v = f.re(r, c) * f.re(r, c) + f.im(r, c) * f.im(r, c);
                out[r * n + c] = v;
                max = Math.max(max, v);
            }
        }
        if (max > 0) {
            for (int k = 0; k < out.length; k++) {
                out[k] /= max;
            }
        }
        return Nd4j.create(out, new long[] {n, n}, DataType.FLOAT);
    }

    @Override
    public double resolutionLimit() {
        double d = config.apertureDiameter()
                .orElse(2 * config.aperture().boundingRadius() * config.pixelSize());
        return 1.22 * config.wavelength() / d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubApertureTelescope t && t.config.equals(config);
    }

    @Override
    public int hashCode() {
        return config.hashCode();
    }

    @Override
    public String toString() {
        return "SubApertureTelescope[" + config + "]";
    }
}
