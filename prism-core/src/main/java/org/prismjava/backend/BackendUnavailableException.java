package org.prismjava.backend;

/** A backend was asked for by name but cannot run here; the message carries the provider's reason. */
public final class BackendUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String backend;
    private final String reason;

    /** The backend {@code name} is unavailable for {@code reason}. */
    public BackendUnavailableException(String name, String reason) {
        super("backend '" + name + "' is not available: " + reason);
        this.backend = name;
        this.reason = reason;
    }

    /** The backend's name. */
    public String backend() {
        return backend;
    }

    /** Why it cannot run (the provider's one-line reason). */
    public String reason() {
        return reason;
    }
}
