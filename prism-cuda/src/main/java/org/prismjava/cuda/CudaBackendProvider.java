package org.prismjava.cuda;

import org.prismjava.backend.Availability;
import org.prismjava.backend.BackendProvider;
import org.prismjava.backend.BackendUnavailableException;
import org.prismjava.backend.ComputeBackend;

/**
 * The "cuda" backend's provider (rank 100, above the CPU's 0). It probes the machine once
 * ({@link CudaProbe}: CUDA 13 runtime, driver, GPU) and reports the reason it cannot run.
 *
 * <p>This version has no device training step yet: even with a GPU present it reports itself
 * unavailable, naming the GPU it found, so {@code auto} keeps choosing the CPU and asking for
 * {@code cuda} fails with a clear message instead of running on the CPU behind the user's back.
 */
public final class CudaBackendProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "cuda";

    private static final class Probed {
        static final Availability AVAILABILITY = unlessImplemented(CudaProbe.probe());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 100;
    }

    @Override
    public Availability availability() {
        return Probed.AVAILABILITY;
    }

    @Override
    public ComputeBackend create() {
        throw new BackendUnavailableException(NAME, availability().detail());
    }

    /** A machine that can run CUDA still lacks this backend's device step. */
    static Availability unlessImplemented(Availability machine) {
        if (!machine.available()) {
            return machine;
        }
        return Availability.unavailable("found " + machine.detail()
                + ", but this version has no device training step (use the cpu backend)");
    }
}
