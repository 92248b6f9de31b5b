package org.prismjava.measure;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.prismjava.telescope.Measurement;
import org.prismjava.util.Checks;

/**
 * Least-recently-used {@link MeasurementCache} bounded both in entries and in pixel bytes.
 * A hit is a hash lookup that returns the stored immutable {@link Measurement} (no copy).
 * Thread-safe (one lock; lookups are far cheaper than the measurements they save).
 */
public final class LruMeasurementCache implements MeasurementCache {
    /** Default entry bound. */
    public static final int DEFAULT_MAX_ENTRIES = 1000;
    /** Default byte bound: 512 MiB. */
    public static final long DEFAULT_MAX_BYTES = 512L << 20;

    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<MeasurementKey, Measurement> map = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;
    private long evictions;

    /**
     * @param maxEntries at most this many entries, {@code > 0}
     * @param maxBytes at most this many pixel bytes, {@code > 0}
     */
    public LruMeasurementCache(int maxEntries, long maxBytes) {
        Checks.check(maxEntries > 0, "maxEntries", maxEntries, "must be > 0");
        Checks.check(maxBytes > 0, "maxBytes", maxBytes, "must be > 0");
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** With the default bounds. */
    public LruMeasurementCache() {
        this(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES);
    }

    @Override
    public synchronized Optional<Measurement> get(MeasurementKey key) {
        Measurement m = map.get(key);
        if (m == null) {
            misses++;
            return Optional.empty();
        }
        hits++;
        return Optional.of(m);
    }

    @Override
    public synchronized void put(MeasurementKey key, Measurement measurement) {
        Checks.check(!measurement.isNoisy(), "measurement", "noisy", "only noiseless measurements may be cached");
        if (measurement.sizeBytes() > maxBytes) {
            return;
        }
        Measurement old = map.put(key, measurement);
        if (old != null) {
            bytes -= old.sizeBytes();
        }
        bytes += measurement.sizeBytes();
        Iterator<Map.Entry<MeasurementKey, Measurement>> it = map.entrySet().iterator();
        while ((map.size() > maxEntries || bytes > maxBytes) && it.hasNext()) {
            Map.Entry<MeasurementKey, Measurement> eldest = it.next();
            if (eldest.getKey().equals(key)) {
                continue;
            }
            bytes -= eldest.getValue().sizeBytes();
            it.remove();
            evictions++;
        }
    }

    @Override
    public synchronized void clear() {
        map.clear();
        bytes = 0;
        hits = 0;
        misses = 0;
        evictions = 0;
    }

    @Override
    public synchronized void invalidate() {
        map.clear();
        bytes = 0;
    }

    @Override
    public synchronized CacheStats stats() {
        return new CacheStats(hits, misses, evictions, map.size(), bytes);
    }

    /** Entry bound. */
    public int maxEntries() {
        return maxEntries;
    }

    /** Byte bound. */
    public long maxBytes() {
        return maxBytes;
    }
}
