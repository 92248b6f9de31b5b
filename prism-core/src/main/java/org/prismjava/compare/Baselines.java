package org.prismjava.compare;

import java.util.ArrayList;
import java.util.List;
import org.prismjava.baseline.BestByValidation;
import org.prismjava.baseline.Epie;
import org.prismjava.baseline.JointPhaseRetrieval;
import org.prismjava.baseline.Reconstructor;
import org.prismjava.loss.LossType;
import org.prismjava.util.Checks;

/**
 * The classical baselines by name, set up as a practitioner would for the data at hand, with the
 * same data model as PRISM: on noisy measurements the joint solvers fit the noise model's
 * likelihood (normalised L2 to the expected recorded amplitude, as
 * {@code TrainerConfig.noiseLikelihood}), every method holds out the same detector pixels as
 * PRISM and stops early on them, and {@code joint-tv} picks its total-variation weight by
 * held-out loss; on noiseless data the joint solvers fit normalised L1 and {@code joint-tv} uses
 * {@link #NOISELESS_TV_WEIGHT}.
 */
public final class Baselines {
    /** The names {@link #byName} accepts. */
    public static final List<String> NAMES = List.of("joint", "joint-tv", "epie", "mpie");
    /** TV weights {@code joint-tv} chooses from on noisy data. */
    public static final List<Double> TV_WEIGHTS = List.of(0.005, 0.02, 0.1);
    /** TV weight of {@code joint-tv} on noiseless data. */
    public static final double NOISELESS_TV_WEIGHT = 0.05;

    private Baselines() {
    }

    /**
     * The baseline {@code name}.
     *
     * @param noisy whether the measurements are noisy (then pixels are held out)
     * @param holdoutFraction fraction of detector pixels held out on noisy data
     * @param holdoutSeed seed of the held-out pixels (PRISM's: {@code RunSeeds.of(seed).holdout()})
     */
    public static Reconstructor byName(String name, boolean noisy, double holdoutFraction, long holdoutSeed) {
        double hold = noisy ? holdoutFraction : 0;
        JointPhaseRetrieval.Config d = JointPhaseRetrieval.Config.DEFAULT;
        JointPhaseRetrieval.Config joint = new JointPhaseRetrieval.Config(d.iterations(), d.learningRate(),
                noisy ? LossType.L2 : LossType.L1, 0, hold, d.patience(), holdoutSeed);
        return switch (String.valueOf(name)) {
            case "joint" -> new JointPhaseRetrieval(joint);
            case "joint-tv" -> {
                if (hold == 0) {
                    yield new JointPhaseRetrieval(joint.withTvWeight(NOISELESS_TV_WEIGHT));
                }
                List<Reconstructor> candidates = new ArrayList<>();
                for (double w : TV_WEIGHTS) {
                    candidates.add(new JointPhaseRetrieval(joint.withTvWeight(w)));
                }
                yield new BestByValidation("joint-tv", candidates);
            }
            case "epie" -> new Epie(Epie.Config.DEFAULT.withMomentum(0).withHoldout(hold, holdoutSeed));
            case "mpie" -> new Epie(Epie.Config.DEFAULT.withHoldout(hold, holdoutSeed));
            default -> throw Checks.invalid("baseline", name, "must be one of " + NAMES);
        };
    }
}
