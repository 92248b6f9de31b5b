package org.prismjava.model;

/** A learning-rate schedule, stepped by the trainer at a documented point of its loop. */
public interface LearningRateSchedule {
    /** The current learning rate. */
    double learningRate();

    /** Advances the schedule; {@code loss} is the last loss (ignored by loss-free schedules). */
    void step(double loss);

    /** A constant learning rate (the reference's per-sample default). */
    static LearningRateSchedule constant(double lr) {
        org.prismjava.util.Checks.positive("lr", lr);
        return new LearningRateSchedule() {
            @Override
            public double learningRate() {
                return lr;
            }

            @Override
            public void step(double loss) {
                // constant
            }
        };
    }
}
