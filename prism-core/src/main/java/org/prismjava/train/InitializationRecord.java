package org.prismjava.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.prismjava.util.Json;

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
    public static InitializationRecord fromMap(Map<?, ?> m) {
        return new InitializationRecord(InitializationTarget.valueOf((String) m.get("target")),
                Json.number(m.get("loss")), ((Number) m.get("steps")).intValue(), Json.number(m.get("seconds")),
                Json.number(m.get("ssim")));
    }
}
