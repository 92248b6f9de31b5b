package org.prismjava.backend;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.prismjava.optics.Fft2;
import org.prismjava.step.CpuTrainingStep;
import org.prismjava.step.StepSpec;
import org.prismjava.step.TrainingStep;

/**
 * The CPU backend, always available, rank 0: {@link org.prismjava.optics.Fft2#cpu} plans and
 * ND4J/OpenBLAS on the heap. It runs every {@link Precision}; the mixed ones emulate their
 * 16-bit storage by rounding (for checking results, not for speed).
 */
public final class CpuBackendProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "cpu";

    private static final ComputeBackend CPU = new Cpu();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 0;
    }

    @Override
    public Availability availability() {
        return Availability.of(CPU.device());
    }

    @Override
    public ComputeBackend create() {
        return CPU;
    }

    private static final class Cpu implements ComputeBackend {
        private final String device = System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " processors";
        private final Set<Precision> precisions = Collections.unmodifiableSet(EnumSet.allOf(Precision.class));

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String device() {
            return device;
        }

        @Override
        public Set<Precision> precisions() {
            return precisions;
        }

        @Override
        public Fft2 fft2(int n) {
            return Fft2.cpu(n);
        }

        @Override
        public TrainingStep newStep(StepSpec spec) {
            return new CpuTrainingStep(spec);
        }

        @Override
        public String toString() {
            return NAME + " (" + device + ")";
        }
    }
}
