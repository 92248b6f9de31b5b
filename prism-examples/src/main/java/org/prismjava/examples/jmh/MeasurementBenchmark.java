package org.prismjava.examples.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.prismjava.measure.BoundedMeasurementCache;
import org.prismjava.measure.MeasurementCache;
import org.prismjava.measure.MeasurementKey;
import org.prismjava.objects.ObservedObject;
import org.prismjava.objects.TestObjects;
import org.prismjava.optics.Center;
import org.prismjava.telescope.Measurement;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;

/** One sub-aperture measurement: a cache miss (full measurement) versus a cache hit (ms per call). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MeasurementBenchmark {
    @Param({"512"})
    public int n;

    private Telescope telescope;
    private ObservedObject object;
    private MeasurementCache cache;
    private MeasurementKey key;
    private final Center center = new Center(20, -12);

    /** Europa-like object of N/4 pixels; one measurement already cached. */
    @Setup
    public void setUp() {
        telescope = new SubApertureTelescope(TelescopeConfig.builder(n).apertureRadius(8.5).build());
        object = TestObjects.europaLike(n, n / 4, 1);
        cache = new BoundedMeasurementCache();
        key = MeasurementKey.of(object, telescope.config(), center);
        cache.put(key, telescope.measure(object, center));
    }

    /** What a miss costs: the measurement itself. */
    @Benchmark
    public Measurement miss() {
        return telescope.measure(object, center);
    }

    /** What a hit costs: key lookup in the LRU cache. */
    @Benchmark
    public Measurement hit() {
        return cache.get(key).orElseThrow();
    }
}
