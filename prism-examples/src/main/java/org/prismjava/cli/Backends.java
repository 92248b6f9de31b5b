package org.prismjava.cli;

import java.util.Arrays;
import java.util.List;
import org.prismjava.backend.Precision;

/** Validates {@code --backend} and {@code --precision} and names the backend that will run. */
final class Backends {
    static final List<String> BACKENDS = List.of("auto", "cpu", "cuda");

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
        if (Arrays.stream(Precision.values()).noneMatch(p -> p.id().equals(precision))) {
            throw new PrismCommand.UsageException("--precision '" + precision + "' is not one of "
                    + Arrays.stream(Precision.values()).map(Precision::id).toList());
        }
        if (backend.equals("cuda")) {
            throw new PrismCommand.UsageException("--backend cuda is not available: no GPU backend is installed"
                    + " in this build; use cpu or auto");
        }
        return "cpu";
    }
}
