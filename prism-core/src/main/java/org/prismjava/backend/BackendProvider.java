package org.prismjava.backend;

/**
 * Service-provider interface through which backends plug in ({@code java.util.ServiceLoader},
 * DJL's {@code EngineProvider} pattern): a module registers an implementation in
 * {@code META-INF/services/org.prismjava.backend.BackendProvider}, and {@link Backends} picks
 * the highest-ranked available one unless the {@code prism.backend} system property names one.
 * Implementations need a public no-argument constructor and must not throw from
 * {@link #availability()}: a missing GPU is a reason, never a crash.
 */
public interface BackendProvider {
    /** The backend's short name ("cpu", "cuda"); unique among installed providers. */
    String name();

    /** Preference when several are available: higher wins (cpu 0, cuda 100). */
    int rank();

    /** Whether the backend can run here, and the device or the reason (probed once, then cached). */
    Availability availability();

    /**
     * The backend.
     *
     * @throws BackendUnavailableException if {@link #availability()} says it is unavailable
     */
    ComputeBackend create();
}
