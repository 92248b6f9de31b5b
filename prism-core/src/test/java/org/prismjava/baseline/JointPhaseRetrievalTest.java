package org.prismjava.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.prismjava.loss.LossType;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.optics.Region;

/** The joint pixel solver recovers a known object, lowers its loss, stops early on held-out pixels, rejects bad input. */
class JointPhaseRetrievalTest {
    @Test
    void recoversAKnownObjectFromNoiselessWellOverlappedData() {
        MeasurementSet data = Fixture.data(null, 0);
        Reconstruction r = new JointPhaseRetrieval(JointPhaseRetrieval.Config.DEFAULT.withIterations(800))
                .reconstruct(data, Fixture.SUPPORT);
        double ssim = Fixture.ssim(r.image());
        assertTrue(ssim > 0.99, "SSIM " + ssim);
        assertEquals(800, r.iterations());
        assertEquals(800, r.bestIteration(), "no hold-out: the last iterate");
        assertTrue(Double.isNaN(r.validationLoss()));
        float[] image = r.image();
        for (int k = 0; k < image.length; k++) {
            int row = k / Fixture.N;
            int col = k % Fixture.N;
            boolean inside = row >= Fixture.SUPPORT.rowFrom() && row < Fixture.SUPPORT.rowTo()
                    && col >= Fixture.SUPPORT.colFrom() && col < Fixture.SUPPORT.colTo();
            assertTrue(inside ? image[k] > 0 : image[k] == 0, "non-negative inside, zero outside the support");
        }
    }

    @Test
    void itsLossDecreasesWithIterations() {
        MeasurementSet data = Fixture.data(null, 0);
        double start = Fixture.loss(data, Fixture.flat());
        double after50 = Fixture.loss(data, solver(50).reconstruct(data, Fixture.SUPPORT).image());
        double after400 = Fixture.loss(data, solver(400).reconstruct(data, Fixture.SUPPORT).image());
        assertTrue(after50 < 0.5 * start && after400 < 0.5 * after50,
                "loss " + start + " -> " + after50 + " -> " + after400);
    }

    @Test
    void refineStartsFromTheGivenImage() {
        MeasurementSet data = Fixture.data(null, 0);
        float[] truth = new float[Fixture.N * Fixture.N];
        Fixture.object().amplitudeView().get(truth);
        Reconstruction r = new JointPhaseRetrieval(JointPhaseRetrieval.Config.DEFAULT.withIterations(20)
                .withLearningRate(1e-3)).refine(data, Fixture.SUPPORT, truth);
        assertTrue(Fixture.ssim(r.image()) > 0.999, "a refinement started at the truth stays there");
    }

    @Test
    void heldOutPixelsStopItEarlyOnNoisyData() {
        MeasurementSet data = Fixture.data(20.0, 3);
        Reconstruction r = new JointPhaseRetrieval(JointPhaseRetrieval.Config.DEFAULT.withIterations(3000)
                .withHoldout(0.1, 9)).reconstruct(data, Fixture.SUPPORT);
        assertTrue(r.iterations() < 3000, "stopped after " + r.iterations() + " iterations");
        assertEquals(r.iterations() - 200, r.bestIteration(), JointPhaseRetrieval.VALIDATE_EVERY,
                "it stops the patience after the best held-out score");
        assertTrue(Double.isFinite(r.validationLoss()));
    }

    @Test
    void badInputNamesTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JointPhaseRetrieval.Config.DEFAULT.withIterations(0))
                .getMessage().startsWith("iterations = 0 is invalid"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JointPhaseRetrieval.Config.DEFAULT.withHoldout(0.7, 1))
                .getMessage().startsWith("holdoutFraction = 0.7 is invalid"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new JointPhaseRetrieval.Config(10, 0.05, LossType.SSIM, 0, 0.1, 10, 0)).getMessage()
                .startsWith("loss = SSIM is invalid: must be l1 or l2"));
        MeasurementSet data = Fixture.data(null, 0);
        JointPhaseRetrieval j = solver(5);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> j.reconstruct(data, new Region(0, 70, 0, 70)))
                .getMessage().startsWith("support = Region[rowFrom=0, rowTo=70"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> j.refine(data, Fixture.SUPPORT, new float[4]))
                .getMessage().startsWith("start.length = 4 is invalid"));
    }

    private static JointPhaseRetrieval solver(int iterations) {
        return new JointPhaseRetrieval(JointPhaseRetrieval.Config.DEFAULT.withIterations(iterations));
    }
}
