package org.prismjava.backend;

import java.util.Objects;

/**
 * Whether a backend can run on this machine, with one line that says why: the device it would
 * use when available ("NVIDIA H200, sm_90, driver CUDA 13.0"), the reason when not ("no NVIDIA
 * driver: libcuda.so.1 not found").
 *
 * @param available whether {@link BackendProvider#create()} will succeed
 * @param detail the device when available, the reason when not; one non-blank line
 */
public record Availability(boolean available, String detail) {

    /** Validates that the detail is one non-blank line. */
    public Availability {
        Objects.requireNonNull(detail, "detail");
        if (detail.isBlank() || detail.indexOf('\n') >= 0 || detail.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("detail = '" + detail + "' is invalid: must be one non-blank line");
        }
    }

    /** Available, running on {@code device}. */
    public static Availability of(String device) {
        return new Availability(true, device);
    }

    /** Unavailable for {@code reason}. */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }

    /**
     * Unavailable because probing threw {@code failure}: the reason is {@code what}, a colon and
     * the first line of the innermost cause's message (where native-library errors name the
     * library that is missing).
     */
    public static Availability unavailable(String what, Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String first = message == null || message.isBlank()
                ? root.getClass().getSimpleName()
                : message.strip().lines().findFirst().orElse(message).strip();
        return new Availability(false, what + ": " + first);
    }
}
