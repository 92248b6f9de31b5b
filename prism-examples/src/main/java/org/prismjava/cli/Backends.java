package org.prismjava.cli;

import org.prismjava.backend.BackendUnavailableException;
import org.prismjava.backend.ComputeBackend;
import org.prismjava.backend.Precision;

/** Turns {@code --backend} (and the precision it must run) into a backend, or a usage error. */
final class Backends {
    private Backends() {
    }

    /** The backend {@code name} names ("auto": the best available), able to run {@code precision}. */
    static ComputeBackend resolve(String name, Precision precision) {
        ComputeBackend backend;
        try {
            backend = org.prismjava.backend.Backends.byName(name);
        } catch (BackendUnavailableException e) {
            throw new PrismCommand.UsageException("--backend " + e.backend() + " is not available here: "
                    + e.reason() + " (`prism backends` lists each backend's status)");
        } catch (IllegalArgumentException e) {
            throw new PrismCommand.UsageException("--backend '" + name + "' is not one of "
                    + org.prismjava.backend.Backends.names());
        }
        if (!backend.precisions().contains(precision)) {
            throw new PrismCommand.UsageException("--precision " + precision.id() + " does not run on the "
                    + backend.name() + " backend (it runs " + backend.precisions() + ")");
        }
        return backend;
    }
}
