package org.prismjava.measure;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.math.BigInteger;
import java.util.Optional;
import org.prismjava.telescope.Measurement;
import org.prismjava.util.Checks;

/**
 * A {@link MeasurementCache} on Guava's cache, bounded both in entries and in pixel bytes, with
 * least-recently-used eviction and the cache's own statistics. A hit returns the stored
 * immutable {@link Measurement} (no copy). Thread-safe.
 *
 * <p>Guava bounds a cache by count or by weight, not both, so the weight counts both: the cache
 * holds {@code maxEntries} slots of weight {@code S}, and an entry weighs its share of
 * {@code maxBytes} in slots ({@code ceil(bytes / maxBytes * maxEntries * S)}) but at least one
 * slot. The total weight stays within {@code maxEntries * S}, which keeps the entries within
 * {@code maxEntries} and their bytes within {@code maxBytes}. One segment (concurrency level 1)
 * makes the bound and the LRU order global rather than per segment. Shares round up, so entries
 * that are an exact fraction of {@code maxBytes} may fit one fewer than the division says; the
 * bounds themselves are never exceeded.
 */
public final class BoundedMeasurementCache implements MeasurementCache {
    /** Default entry bound. */
    public static final int DEFAULT_MAX_ENTRIES = 1000;
    /** Default byte bound: 512 MiB. */
    public static final long DEFAULT_MAX_BYTES = 512L << 20;

    private final int maxEntries;
    private final long maxBytes;
    /** Weight of one entry slot: as large as fits, so that byte shares round finely. */
    private final int slot;
    private final Cache<MeasurementKey, Measurement> cache;
    /** Guava's counters cannot be reset: {@link #clear()} records where they stood. */
    private com.google.common.cache.CacheStats zero = new com.google.common.cache.CacheStats(0, 0, 0, 0, 0, 0);

    /**
     * @param maxEntries at most this many entries, {@code > 0}
     * @param maxBytes at most this many pixel bytes, {@code > 0}
     */
    public BoundedMeasurementCache(int maxEntries, long maxBytes) {
        Checks.check(maxEntries > 0, "maxEntries", maxEntries, "must be > 0");
        Checks.check(maxBytes > 0, "maxBytes", maxBytes, "must be > 0");
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.slot = Integer.MAX_VALUE / maxEntries;
        long capacity = (long) slot * maxEntries;
        this.cache = CacheBuilder.newBuilder().concurrencyLevel(1).maximumWeight(capacity)
                .weigher((MeasurementKey k, Measurement m) -> weight(m.sizeBytes(), capacity)).recordStats().build();
    }

    /** {@code max(slot, ceil(bytes * capacity / maxBytes))}, exactly (shares round up, never down). */
    private int weight(long bytes, long capacity) {
        BigInteger[] qr = BigInteger.valueOf(bytes).multiply(BigInteger.valueOf(capacity))
                .divideAndRemainder(BigInteger.valueOf(maxBytes));
        long share = qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0);
        return (int) Math.max(slot, Math.min(capacity, share));
    }

    /** With the default bounds. */
    public BoundedMeasurementCache() {
        this(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES);
    }

    @Override
    public Optional<Measurement> get(MeasurementKey key) {
        return Optional.ofNullable(cache.getIfPresent(key));
    }

    /** Stores a noiseless measurement; one larger than {@code maxBytes} is not kept. */
    @Override
    public void put(MeasurementKey key, Measurement measurement) {
        Checks.check(!measurement.isNoisy(), "measurement", "noisy", "only noiseless measurements may be cached");
        if (measurement.sizeBytes() <= maxBytes) {
            cache.put(key, measurement);
        }
    }

    @Override
    public synchronized void clear() {
        cache.invalidateAll();
        zero = cache.stats();
    }

    @Override
    public void invalidate() {
        cache.invalidateAll();
    }

    @Override
    public synchronized CacheStats stats() {
        com.google.common.cache.CacheStats s = cache.stats().minus(zero);
        long bytes = cache.asMap().values().stream().mapToLong(Measurement::sizeBytes).sum();
        return new CacheStats(s.hitCount(), s.missCount(), s.evictionCount(), (int) cache.size(), bytes);
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
