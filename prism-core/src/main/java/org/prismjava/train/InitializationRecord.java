package org.prismjava.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.prismjava.util.StoredFields;

/**
 * The initialization phase's result.
 *
 * @param target what the generator was fitted to
 * @param loss last loss
 * @param steps optimizer evaluations taken
 * @param seconds wall time
 * @param ssim SSIM of the initial reconstruction against the ground truth (object crop)
 */
public record InitializationRecord(InitializationTarget target, double loss, int steps, double seconds, double ssim) {
    /** Field map for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target.name());
        m.put("loss", loss);
        m.put("steps", steps);
        m.put("seconds", seconds);
        m.put("ssim", ssim);
        return m;
    }

    /** Inverse of {@link #toMap()}. */
    public static InitializationRecord fromMap(StoredFields m) {
        return new InitializationRecord(m.constant("target", InitializationTarget.class), m.number("loss"),
                m.integer("steps"), m.number("seconds"), m.number("ssim"));
    }
}
