package org.prismjava.baseline;

import java.util.List;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.optics.Region;
import org.prismjava.util.Checks;

/**
 * Cross-validation over settings: runs every candidate (each holding out the same detector
 * pixels) and keeps the reconstruction with the lowest held-out loss, as a practitioner tunes a
 * regularisation weight without a ground truth. Its result is named after this chooser and
 * reports the summed time of all candidates. Immutable.
 */
public final class BestByValidation implements Reconstructor {
    private final String name;
    private final List<Reconstructor> candidates;

    /** @param candidates at least one; each must hold out pixels (its results carry a validation loss) */
    public BestByValidation(String name, List<Reconstructor> candidates) {
        Checks.check(name != null && !name.isBlank(), "name", name, "must be a non-blank name");
        Checks.check(candidates != null && !candidates.isEmpty(), "candidates", candidates,
                "must hold at least one reconstructor");
        this.name = name;
        this.candidates = List.copyOf(candidates);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Reconstruction reconstruct(MeasurementSet data, Region support) {
        Reconstruction best = null;
        double seconds = 0;
        for (Reconstructor c : candidates) {
            Reconstruction r = c.reconstruct(data, support);
            Checks.check(!Double.isNaN(r.validationLoss()), "candidate " + c.name(), "no validation loss",
                    "every candidate must hold out detector pixels");
            seconds += r.seconds();
            if (best == null || r.validationLoss() < best.validationLoss()) {
                best = r;
            }
        }
        return new Reconstruction(name, best.gridSize(), best.image(), best.iterations(), best.bestIteration(), seconds,
                best.validationLoss());
    }
}
