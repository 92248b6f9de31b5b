package org.prismjava.cli;

import java.util.List;

/** Validates {@code --backend} and names the backend that will run. */
final class Backends {
    static final List<String> BACKENDS = List.of("auto", "cpu", "cuda");

    private Backends() {
    }

    /**
     * The backend that runs for this option ("cpu" in this build; it emulates the mixed
     * precisions' 16-bit storage by rounding), or a usage error.
     */
    static String resolve(String backend) {
        if (!BACKENDS.contains(backend)) {
            throw new PrismCommand.UsageException("--backend '" + backend + "' is not one of " + BACKENDS);
        }
        if (backend.equals("cuda")) {
            throw new PrismCommand.UsageException("--backend cuda is not available: no GPU backend is installed"
                    + " in this build; use cpu or auto");
        }
        return "cpu";
    }
}
