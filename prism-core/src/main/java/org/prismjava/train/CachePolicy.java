package org.prismjava.train;

/** How the trainer uses the measurement cache (a benchmark switch, spec 11.2). */
public enum CachePolicy {
    /**
     * Keep cached measurements for the whole run (the optimized path); with
     * {@code measureEveryStep}, a sample's old target is also computed once per sample.
     */
    KEEP,
    /** Clear the cache after every measure call, so every call recomputes (the reference's baseline). */
    CLEAR_AFTER_EACH_CALL,
    /** No cache at all. */
    OFF
}
