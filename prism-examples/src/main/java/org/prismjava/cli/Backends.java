package org.prismjava.cli;

import java.util.List;

/** Validates {@code --backend} and {@code --precision} and names the backend that will run. */
final class Backends {
    static final List<String> BACKENDS = List.of("auto", "cpu", "cuda");
    static final List<String> PRECISIONS = List.of("fp32", "mixed-fp16", "mixed-bf16");

    private Backends() {
    }

    /**
     * The backend that runs for these options ("cpu" in this build; it emulates the mixed
     * precisions' 16-bit storage by rounding), or a usage error.
     */
    static String resolve(String backend, String precision) {
        if (!BACKENDS.contains(backend)) {
            throw new PrismCommand.UsageException("--backend '" + backend + "' is not one of " + BACKENDS);
        }
        if (!PRECISIONS.contains(precision)) {
            throw new PrismCommand.UsageException("--precision '" + precision + "' is not one of " + PRECISIONS);
        }
        if (backend.equals("cuda")) {
            throw new PrismCommand.UsageException("--backend cuda is not available: no GPU backend is installed"
                    + " in this build; use cpu or auto");
        }
        return "cpu";
    }
}
