package org.prismjava.measure;

/**
 * A snapshot of cache counters.
 *
 * @param hits lookups answered from the cache
 * @param misses lookups that found nothing
 * @param evictions entries dropped to respect the bounds
 * @param entries entries held now
 * @param bytes pixel bytes held now
 */
public record CacheStats(long hits, long misses, long evictions, int entries, long bytes) {
    /** No lookups, nothing held. */
    public static final CacheStats EMPTY = new CacheStats(0, 0, 0, 0, 0);

    /** {@code hits / (hits + misses)}, 0 when there were no lookups. */
    public double hitRate() {
        long total = hits + misses;
        return total == 0 ? 0 : (double) hits / total;
    }
}
