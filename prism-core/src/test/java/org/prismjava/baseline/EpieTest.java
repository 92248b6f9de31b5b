package org.prismjava.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.prismjava.measure.MeasurementSet;

/** ePIE / mPIE recover a known object, lower the loss, stop early on held-out pixels, reject bad input. */
class EpieTest {
    @Test
    void recoversAKnownObjectWithAndWithoutMomentum() {
        MeasurementSet data = Fixture.data(null, 0);
        for (double momentum : new double[] {0, 0.5}) {
            Reconstruction r = new Epie(Epie.Config.DEFAULT.withEpochs(100).withMomentum(momentum))
                    .reconstruct(data, Fixture.SUPPORT);
            double ssim = Fixture.ssim(r.image());
            assertTrue(ssim > 0.99, "momentum " + momentum + ": SSIM " + ssim);
            assertEquals(momentum > 0 ? "mpie" : "epie", r.method());
        }
    }

    @Test
    void theKnownSupportAndPositivityRecoverWhatTheSparseDataAloneCannot() {
        MeasurementSet sparse = Fixture.data(null, 0, 8);
        double ssim = Fixture.ssim(epie(60).reconstruct(sparse, Fixture.SUPPORT).image());
        // Without the projection after each update the same run ends near 0.95.
        assertTrue(ssim > 0.99, "8 samples: SSIM " + ssim);
    }

    @Test
    void itsLossDecreasesWithEpochs() {
        MeasurementSet data = Fixture.data(null, 0);
        double start = Fixture.loss(data, Fixture.flat());
        double after2 = Fixture.loss(data, epie(2).reconstruct(data, Fixture.SUPPORT).image());
        double after30 = Fixture.loss(data, epie(30).reconstruct(data, Fixture.SUPPORT).image());
        assertTrue(after2 < start && after30 < 0.5 * after2, "loss " + start + " -> " + after2 + " -> " + after30);
    }

    @Test
    void heldOutPixelsChooseTheEpoch() {
        MeasurementSet data = Fixture.data(20.0, 3);
        Reconstruction r = new Epie(Epie.Config.DEFAULT.withEpochs(300).withHoldout(0.1, 9))
                .reconstruct(data, Fixture.SUPPORT);
        assertTrue(r.iterations() < 300, "stopped after " + r.iterations() + " epochs");
        assertEquals(r.iterations() - Epie.Config.DEFAULT.patience(), r.bestIteration());
        assertTrue(Double.isFinite(r.validationLoss()));
    }

    @Test
    void badInputNamesTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Epie.Config(10, 2.5, 0, 0, 5, 0))
                .getMessage().startsWith("stepSize = 2.5 is invalid"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Epie.Config.DEFAULT.withMomentum(1))
                .getMessage().startsWith("momentum = 1.0 is invalid"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Epie.Config.DEFAULT.withEpochs(0))
                .getMessage().startsWith("epochs = 0 is invalid"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> epie(1).reconstruct(null, Fixture.SUPPORT))
                .getMessage().startsWith("data = null is invalid"));
    }

    private static Epie epie(int epochs) {
        return new Epie(Epie.Config.DEFAULT.withEpochs(epochs).withMomentum(0));
    }
}
