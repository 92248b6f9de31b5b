package org.prismjava.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Spec 13.2 #7-9: propagator energy, reversibility, validation. */
class PropagatorTest {

    @Test
    void fresnelConservesEnergyWithPixelAreaWeighting() {
        int n = 64;
        double dx = 1e-5;
        double lambda = 500e-9;
        double z = 0.05; // Fresnel number (n dx / 2)^2 / (lambda z) = 0.41
        FresnelPropagator p = new FresnelPropagator(Grid.of(n, dx, lambda), z, Fft2.cpu(n));
        ComplexField u = FftTest.random(n, 11);
        double e0 = u.energy() * dx * dx;
        p.toPupil(u);
        double dxOut = p.outputPitch();
        assertEquals(e0, u.energy() * dxOut * dxOut, 1e-4 * e0);
    }

    @Test
    void fresnelToDetectorInvertsToPupil() {
        int n = 64;
        FresnelPropagator p = new FresnelPropagator(Grid.of(n, 1e-5, 600e-9), 0.1, Fft2.cpu(n));
        ComplexField u = FftTest.random(n, 5);
        ComplexField orig = u.copy();
        p.toPupil(u);
        p.toDetector(u);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                assertEquals(orig.re(r, c), u.re(r, c), 1e-4);
                assertEquals(orig.im(r, c), u.im(r, c), 1e-4);
            }
        }
    }

    @Test
    void fresnelRejectsDistancesBelowTheWavelength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FresnelPropagator(Grid.of(32, 1e-5, 500e-9), 1e-7, Fft2.cpu(32)));
        assertTrue(e.getMessage().startsWith("distance = 1.0E-7"), e.getMessage());
    }

    @Test
    void angularSpectrumForwardThenBackwardIsIdentityAndConservesEnergy() {
        int n = 64;
        Grid g = Grid.of(n, 2e-6, 500e-9); // max frequency 1/(2dx) = 2.5e5 < 1/lambda: all propagating
        AngularSpectrumPropagator fwd = new AngularSpectrumPropagator(g, 1e-3, Fft2.cpu(n));
        AngularSpectrumPropagator back = new AngularSpectrumPropagator(g, -1e-3, Fft2.cpu(n));
        assertEquals(n * n, fwd.propagatingPixels());
        ComplexField u = FftTest.random(n, 3);
        ComplexField orig = u.copy();
        double e0 = u.energy();
        fwd.propagate(u);
        assertEquals(e0, u.energy(), 1e-3 * e0);
        back.propagate(u);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                assertEquals(orig.re(r, c), u.re(r, c), 1e-3);
            }
        }
    }

    @Test
    void angularSpectrumRemovesEvanescentWavesOnFineGrids() {
        int n = 32;
        AngularSpectrumPropagator p = new AngularSpectrumPropagator(Grid.of(n, 200e-9, 500e-9), 1e-6, Fft2.cpu(n));
        assertTrue(p.propagatingPixels() > 0 && p.propagatingPixels() < n * n, "" + p.propagatingPixels());
    }

    @Test
    void fraunhoferIsTheCentredFft() {
        int n = 32;
        ComplexField a = FftTest.random(n, 9);
        ComplexField b = a.copy();
        FraunhoferPropagator.cpu(n).toPupil(a);
        Fft2.cpu(n).forward(b);
        assertEquals(b.re(3, 4), a.re(3, 4), 0);
    }

    @Test
    void automaticSelectionFollowsTheFresnelNumber() {
        assertEquals(PropagatorKind.FRAUNHOFER, PropagatorKind.auto(PropagatorKind.fresnelNumber(10.24, 698.9e-9, 6.283e11)));
        assertEquals(PropagatorKind.ANGULAR_SPECTRUM, PropagatorKind.auto(0.5));
        assertThrows(IllegalArgumentException.class, () -> PropagatorKind.fresnelNumber(1, 0, 1));
    }

    @Test
    void gridCoordinates() {
        Grid g = Grid.of(128, 1e-5, 500e-9);
        assertEquals(0, g.x(64), 0);
        assertEquals(1e-5, g.x(65) - g.x(64), 1e-12);
        assertEquals(g.x(3) / (128 * 1e-5 * 1e-5), g.kx(3), 1e-6);
        assertEquals(g.fovX(), g.upsample(2).fovX(), 1e-12);
        assertEquals(5e-6, g.upsample(2).dx(), 1e-15);
        assertEquals(1e-5, g.pad(2).dx(), 0);
        assertEquals(500e-9 * 0.1 / (128 * 1e-5), g.lensFourierGrid(0.1).dx(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Grid.of(0, 1e-5, 5e-7));
        assertThrows(IllegalArgumentException.class, () -> Grid.of(8, -1, 5e-7));
        assertThrows(IllegalArgumentException.class, () -> Grid.of(8, 1, 0));
    }
}
