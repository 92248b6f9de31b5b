package org.prismjava.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.prismjava.optics.Center;
import org.prismjava.telescope.Measurement;
import org.prismjava.telescope.TelescopeConfig;

/** LRU behaviour, bounds, statistics and thread safety of the measurement cache. */
class MeasurementCacheTest {
    static final TelescopeConfig T = TelescopeConfig.builder(8).apertureRadius(2).build();

    static MeasurementKey key(int i) {
        return new MeasurementKey(42, T, new Center(i, 0));
    }

    static Measurement m() {
        return Measurement.ofOwned(8, new float[64], false);
    }

    @Test
    void hitsMissesAndLruEviction() {
        BoundedMeasurementCache c = new BoundedMeasurementCache(2, Long.MAX_VALUE);
        Measurement a = m();
        c.put(key(0), a);
        c.put(key(1), m());
        assertSame(a, c.get(key(0)).orElseThrow(), "a hit returns the stored immutable value");
        c.put(key(2), m()); // evicts key(1), the least recently used
        assertTrue(c.get(key(1)).isEmpty());
        assertTrue(c.get(key(0)).isPresent());
        CacheStats s = c.stats();
        assertEquals(2, s.hits());
        assertEquals(1, s.misses());
        assertEquals(1, s.evictions());
        assertEquals(2, s.entries());
        assertEquals(2 * 256, s.bytes());
        assertEquals(2.0 / 3, s.hitRate(), 1e-12);
    }

    @Test
    void byteBoundIsHonoured() {
        BoundedMeasurementCache c = new BoundedMeasurementCache(100, 3 * 256 + 8);
        for (int i = 0; i < 10; i++) {
            c.put(key(i), m());
        }
        assertEquals(3, c.stats().entries());
        assertEquals(768, c.stats().bytes());
        assertEquals(7, c.stats().evictions());
        assertTrue(c.get(key(9)).isPresent() && c.get(key(7)).isPresent() && c.get(key(6)).isEmpty(), "the most recent stay");
        BoundedMeasurementCache exact = new BoundedMeasurementCache(100, 3 * 256);
        for (int i = 0; i < 10; i++) {
            exact.put(key(i), m());
            assertTrue(exact.stats().bytes() <= 3 * 256, "never above the byte bound");
        }
        BoundedMeasurementCache big = new BoundedMeasurementCache(100, 256);
        big.put(key(0), Measurement.ofOwned(16, new float[256], false));
        assertEquals(0, big.stats().entries(), "a measurement larger than the byte bound is not kept");
    }

    @Test
    void keysDistinguishObjectTelescopeAndCentre() {
        BoundedMeasurementCache c = new BoundedMeasurementCache();
        c.put(key(1), m());
        assertTrue(c.get(new MeasurementKey(43, T, new Center(1, 0))).isEmpty());
        assertTrue(c.get(new MeasurementKey(42, T.toBuilder().apertureRadius(3).build(), new Center(1, 0))).isEmpty());
        assertTrue(c.get(new MeasurementKey(42, T, new Center(1, 1e-9))).isEmpty());
        assertTrue(c.get(new MeasurementKey(42, TelescopeConfig.builder(8).apertureRadius(2).build(), new Center(1, 0))).isPresent());
    }

    @Test
    void clearAndInvalidate() {
        BoundedMeasurementCache c = new BoundedMeasurementCache();
        c.put(key(1), m());
        c.get(key(1));
        c.invalidate();
        assertEquals(0, c.stats().entries());
        assertEquals(1, c.stats().hits(), "invalidate keeps the counters");
        c.clear();
        assertEquals(new CacheStats(0, 0, 0, 0, 0), c.stats());
    }

    @Test
    void rejectsNoisyValuesAndBadBounds() {
        BoundedMeasurementCache c = new BoundedMeasurementCache();
        assertThrows(IllegalArgumentException.class, () -> c.put(key(0), Measurement.ofOwned(8, new float[64], true)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BoundedMeasurementCache(0, 10));
        assertTrue(e.getMessage().startsWith("maxEntries = 0"));
        assertThrows(IllegalArgumentException.class, () -> new BoundedMeasurementCache(10, 0));
    }

    @Test
    void countersStayConsistentUnderConcurrency() throws Exception {
        BoundedMeasurementCache c = new BoundedMeasurementCache(16, Long.MAX_VALUE);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            fs.add(pool.submit(() -> {
                for (int i = 0; i < 2000; i++) {
                    c.computeIfAbsent(key(i % 32), MeasurementCacheTest::m);
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        CacheStats s = c.stats();
        assertEquals(8000, s.hits() + s.misses());
        assertTrue(s.entries() <= 16);
        assertEquals(16L * 256, s.bytes());
    }
}
