package org.prismjava.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.prismjava.objects.ObservedObject;
import org.prismjava.optics.Center;
import org.prismjava.sampling.Sample;
import org.prismjava.telescope.Measurement;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.util.SeededRandom;

/** Spec 13.4 #19-23 and 13.5 (with the consistent line-mode units). */
class MeasurementSystemTest {
    static final int N = 64;

    static ObservedObject disk() {
        float[] a = new float[N * N];
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                a[r * N + c] = Math.hypot(r - 32, c - 30) < 10 ? 0.5f + 0.01f * c : 0;
            }
        }
        return ObservedObject.of("disk", N, a);
    }

    static MeasurementSystem system(Double snr) {
        TelescopeConfig.Builder b = TelescopeConfig.builder(N).apertureRadius(5);
        if (snr != null) {
            b.snrDb(snr);
        }
        return MeasurementSystem.withDefaults(new SubApertureTelescope(b.build()));
    }

    static float[] flat(Measurement m) {
        float[] f = new float[N * N];
        m.amplitudeView().get(f);
        return f;
    }

    @Test
    void cumulativeMaskGrowsAndResets() {
        MeasurementSystem s = system(null);
        assertEquals(0, s.completedSamples());
        assertEquals(0, s.coverage());
        s.addMask(Sample.point(0, 0));
        assertEquals(1, s.completedSamples());
        double c1 = s.coverage();
        assertTrue(c1 > 0);
        s.addMask(Sample.point(7, 3));
        assertTrue(s.coverage() > c1);
        s.reset();
        assertEquals(0, s.completedSamples());
        assertEquals(0, s.coverage());
    }

    @Test
    void firstSampleTargetsAreEqualLaterOnesDiffer() {
        MeasurementSystem s = system(null);
        ObservedObject gt = disk();
        TargetPair first = s.measure(gt, null, Sample.point(0, 0), false, null);
        assertSame(first.old(), first.next());
        assertEquals(2, first.toArray().size(0));
        s.addMask(Sample.point(0, 0));
        float[] rec = flat(s.measureClean(gt, Sample.point(0, 0)));
        TargetPair later = s.measure(gt, rec, Sample.point(10, 10), false, null);
        assertNotEquals(later.old().sum(), later.next().sum());
    }

    @Test
    void emptyMaskMeasuresZero() {
        MeasurementSystem s = system(null);
        float[] field = flat(s.measureClean(disk(), Sample.point(0, 0)));
        Measurement m = s.throughCumulativeMask(field);
        assertEquals(0, m.sum(), 1e-9);
        s.addMask(Sample.point(0, 0));
        assertTrue(s.throughCumulativeMask(field).sum() > 0);
    }

    @Test
    void cacheServesRepeatsAndNoiseIsDrawnAfterIt() {
        MeasurementSystem s = system(30.0);
        ObservedObject gt = disk();
        SeededRandom rng = new SeededRandom(3);
        TargetPair a = s.measure(gt, null, Sample.point(2, 1), true, rng);
        TargetPair b = s.measure(gt, null, Sample.point(2, 1), true, rng);
        CacheStats st = s.cache().orElseThrow().stats();
        assertEquals(1, st.hits());
        assertEquals(1, st.misses());
        assertTrue(a.next().isNoisy());
        assertNotEquals(a.next().get(32, 30), b.next().get(32, 30), "fresh noise per call");
        Measurement clean = s.measureClean(gt, Sample.point(2, 1));
        assertEquals(2, s.cache().orElseThrow().stats().hits());
        assertTrue(!clean.isNoisy());
    }

    @Test
    void stateRoundTrip() {
        MeasurementSystem s = system(null);
        s.addMask(Sample.point(0, 0));
        s.addMask(Sample.line(new Center(-5, 0), new Center(5, 0)));
        MeasurementSystem.State st = s.state();
        MeasurementSystem t = system(null);
        t.restore(st);
        assertEquals(st, t.state());
        assertEquals(s.coverage(), t.coverage());
        assertEquals(2, t.completedSamples());
        assertEquals(1 + 3, t.apertureCount(), "fast mode: int(10/5)+1 = 3 positions on the line");
    }

    @Test
    void zeroLengthLineEqualsThePointAndEndsAreInterchangeable() {
        MeasurementSystem s = system(null);
        ObservedObject gt = disk();
        Center c = new Center(3, -4);
        Measurement point = s.measureClean(gt, Sample.point(c));
        Measurement line = s.measureClean(gt, Sample.line(c, c));
        assertEquals(point.sum(), line.sum(), 1e-6);
        Center a = new Center(-6, 2);
        Center b = new Center(8, -3);
        Measurement ab = s.measureClean(gt, Sample.line(a, b));
        Measurement ba = s.measureClean(gt, Sample.line(b, a));
        for (int k = 0; k < N * N; k++) {
            assertEquals(ab.get(k / N, k % N), ba.get(k / N, k % N), 1e-6);
        }
    }

    @Test
    void lineTargetUsesTheSameOperatorAsThePrediction() {
        MeasurementSystem s = system(null);
        ObservedObject gt = disk();
        Sample line = Sample.line(new Center(-6, 2), new Center(8, -3));
        Measurement target = s.measureClean(gt, line);
        float[] x = new float[N * N];
        gt.amplitudeView().get(x);
        MeasurementOperator op = new MeasurementOperator(s.telescope().propagator(), gt.support(), true);
        float[] pred = op.apply(x, s.pupils(line));
        for (int k = 0; k < N * N; k++) {
            assertEquals(target.get(k / N, k % N), pred[k], 1e-5, "a perfect reconstruction has zero loss");
        }
    }

    @Test
    void lineAcquisitionPositionCounts() {
        assertEquals(3, LineAcquisition.DEFAULT.positionCount(100, 50));
        LineAcquisition accurate = new LineAcquisition(LineAcquisition.Mode.ACCURATE, 1, 2);
        assertEquals(100, accurate.positionCount(100, 50));
        assertEquals(10, new LineAcquisition(LineAcquisition.Mode.ACCURATE, 1, 10).positionCount(1, 50));
        assertThrows(IllegalArgumentException.class, () -> new LineAcquisition(LineAcquisition.Mode.FAST, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new LineAcquisition(LineAcquisition.Mode.FAST, 0, 2));
    }

    @Test
    void badInputs() {
        MeasurementSystem s = system(null);
        float[] bad = new float[N * N];
        bad[5] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.throughCumulativeMask(bad));
        assertTrue(e.getMessage().startsWith("field[5] = NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.throughCumulativeMask(new float[3]));
        assertThrows(IllegalArgumentException.class, () -> s.measure(disk(), null, Sample.point(0, 0), true, null));
        assertThrows(IllegalArgumentException.class, () -> s.addMask(Sample.point(40, 0)));
    }
}
