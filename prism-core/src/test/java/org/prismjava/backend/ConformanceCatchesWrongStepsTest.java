package org.prismjava.backend;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.prismjava.step.CountingStep;
import org.prismjava.step.StepLosses;
import org.prismjava.step.TrainingStep;

/**
 * The whole-step conformance suite can fail: backends whose steps are wrong in one small way
 * (a learning rate 1% high, a loss 0.1% high) do not pass {@link BackendConformance#stepsMatchTheReference}.
 */
class ConformanceCatchesWrongStepsTest {
    /** A CPU backend whose steps are the CPU's, changed by {@code wrong}. */
    private static BackendProvider skewed(UnaryOperator<TrainingStep> wrong) {
        ComputeBackend backend = CountingStep.cpuWrapping("skewed", new Precision[] {Precision.FP32}, wrong);
        return new BackendProvider() {
            @Override
            public String name() {
                return "skewed";
            }

            @Override
            public int rank() {
                return -1;
            }

            @Override
            public Availability availability() {
                return Availability.of("test");
            }

            @Override
            public ComputeBackend create() {
                return backend;
            }
        };
    }

    private static void assertFailsTheSuite(BackendProvider provider, String expected) {
        BackendConformance suite = new BackendConformance() {
            @Override
            protected BackendProvider provider() {
                return provider;
            }
        };
        suite.requireAvailable();
        AssertionFailedError e = assertThrows(AssertionFailedError.class, suite::stepsMatchTheReference);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aLearningRateOnePercentHighFails() {
        assertFailsTheSuite(skewed(step -> new CountingStep(step) {
            @Override
            public boolean update(double learningRate) {
                return super.update(learningRate * 1.01);
            }
        }), "parameters after one update");
    }

    @Test
    void aLossOneThousandthHighFails() {
        assertFailsTheSuite(skewed(step -> new CountingStep(step) {
            @Override
            public StepLosses evaluate() {
                StepLosses l = super.evaluate();
                return new StepLosses(l.lossOld(), l.lossNew() * 1.001);
            }
        }), "lossNew");
    }
}
