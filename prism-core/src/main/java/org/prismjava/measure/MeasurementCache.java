package org.prismjava.measure;

import java.util.Optional;
import java.util.function.Supplier;
import org.prismjava.telescope.Measurement;

/**
 * A cache of noiseless measurements of a fixed object (noise is drawn fresh per call, after the
 * cache). Implementations are thread-safe and bounded.
 */
public interface MeasurementCache {
    /** The cached measurement, counting a hit or a miss. */
    Optional<Measurement> get(MeasurementKey key);

    /** Stores a noiseless measurement; noisy ones are rejected with an exception. */
    void put(MeasurementKey key, Measurement measurement);

    /** The cached value, or computes, stores and returns it (one hit or one miss). */
    default Measurement computeIfAbsent(MeasurementKey key, Supplier<Measurement> compute) {
        Optional<Measurement> hit = get(key);
        if (hit.isPresent()) {
            return hit.get();
        }
        Measurement m = compute.get();
        put(key, m);
        return m;
    }

    /** Drops every entry and zeroes the counters. */
    void clear();

    /** Drops every entry (e.g. the telescope changed), keeping the counters. */
    void invalidate();

    /** Current counters. */
    CacheStats stats();
}
