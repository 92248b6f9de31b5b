package org.prismjava.step;

import java.util.List;
import org.prismjava.optics.Pupil;
import org.prismjava.util.Checks;

/**
 * What the steps after {@link TrainingStep#bind} minimise, as data: a backend evaluates it on
 * its own arrays. Arrays are row-major N x N amplitudes, copied in.
 */
public sealed interface StepObjective {
    /**
     * The generator's image against {@code goal} in image space, normalised L1 (the circle and
     * synthetic-aperture initialisation targets of spec 8.2). Both reported losses are the same.
     */
    record ImageTarget(float[] goal) implements StepObjective {
        /** Copies the goal. */
        public ImageTarget {
            goal = copy("goal", goal);
        }

        @Override
        public float[] goal() {
            return goal.clone();
        }

        /** The held goal, for steps of this package, which only read it. */
        float[] goalView() {
            return goal;
        }
    }

    /**
     * The image measured through {@code pupils} against {@code goal}, normalised L1 (the
     * measurement initialisation target of spec 8.2). Both reported losses are the same.
     */
    record ApertureTarget(List<Pupil> pupils, float[] goal) implements StepObjective {
        /** Copies the goal and the pupil list. */
        public ApertureTarget {
            pupils = checkedPupils(pupils);
            goal = copy("goal", goal);
        }

        @Override
        public float[] goal() {
            return goal.clone();
        }

        /** The held goal, for steps of this package, which only read it. */
        float[] goalView() {
            return goal;
        }
    }

    /**
     * One sample's pair of targets (spec 8.3) under the step's loss: {@code lossNew} = the image
     * through {@code pupils} against {@code next}; {@code lossOld} = the image through
     * {@code cumulative} against {@code previous}. Without a cumulative pupil (the first sample)
     * {@code lossOld = lossNew} and the gradient counts the new term twice, as the reference does.
     *
     * @param cumulative the cumulative mask, or null for the first sample
     * @param previous the previous reconstruction measured through {@code cumulative}, or null with it
     * @param pupils the sample's pupils (one for a point, several along a line)
     * @param next the sample's measured amplitude
     */
    record PairedTargets(Pupil cumulative, float[] previous, List<Pupil> pupils, float[] next)
            implements StepObjective {
        /** Validates and copies. */
        public PairedTargets {
            Checks.check((cumulative == null) == (previous == null), "previous",
                    previous == null ? "null" : previous.length + " values",
                    "must be given exactly when the cumulative pupil is");
            previous = previous == null ? null : previous.clone();
            pupils = checkedPupils(pupils);
            next = copy("next", next);
        }

        @Override
        public float[] previous() {
            return previous == null ? null : previous.clone();
        }

        @Override
        public float[] next() {
            return next.clone();
        }

        /** The held previous target (null for the first sample), for steps of this package, which only read it. */
        float[] previousView() {
            return previous;
        }

        /** The held next target, for steps of this package, which only read it. */
        float[] nextView() {
            return next;
        }

        /** True for the first sample: there is no cumulative mask yet. */
        public boolean first() {
            return cumulative == null;
        }
    }

    /**
     * The first {@code count} samples of the step's measurement set ({@link StepSpec#measurements()}),
     * each weighted {@code 1/count}, plus total variation when the spec sets a weight:
     * {@code lossNew} = the last sample's loss, {@code lossOld} = the mean over the earlier ones
     * ({@code lossNew} when {@code count} is 1). Hidden detector pixels are left out.
     */
    record MeasuredSamples(int count) implements StepObjective {
        /** Validates. */
        public MeasuredSamples {
            Checks.check(count >= 1, "count", count, "must be >= 1");
        }
    }

    private static float[] copy(String name, float[] v) {
        Checks.check(v != null, name, null, "must be set");
        return v.clone();
    }

    private static List<Pupil> checkedPupils(List<Pupil> pupils) {
        Checks.check(pupils != null && !pupils.isEmpty(), "pupils", pupils, "must hold at least one pupil");
        return List.copyOf(pupils);
    }
}
