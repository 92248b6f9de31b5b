package org.prismjava.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.prismjava.loss.LossType;
import org.prismjava.optics.Center;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;

/** A user's own frames: what a recorded set holds, and every refusal naming the frame and the problem. */
class RecordedFramesTest {
    static final int N = 16;
    static final Telescope TELESCOPE = new SubApertureTelescope(TelescopeConfig.builder(N).apertureRadius(3).build());

    static float[] frame(float value) {
        float[] f = new float[N * N];
        Arrays.fill(f, value);
        for (int r = N / 2 - 1; r <= N / 2 + 1; r++) {
            for (int c = N / 2 - 1; c <= N / 2 + 1; c++) {
                f[r * N + c] = 100 * value + 50;
            }
        }
        return f;
    }

    static RecordedFrames two() {
        return MeasurementSet.recorded(TELESCOPE, 8).addFrame(Center.ORIGIN, frame(2))
                .addFrame("second", new Center(2, -1.5), frame(1), 2);
    }

    @Test
    void intensityFramesKeepTheirCountsMaskExposureAndNominalCentres() {
        float[] withBad = frame(2);
        withBad[3] = Float.NaN;
        MeasurementSet m = MeasurementSet.recorded(TELESCOPE, 8).readNoise(1.5).gain(2)
                .addFrame(null, new Center(0.5, 0), withBad, 1).addFrame(null, new Center(3, 3), frame(1), 4).build();
        assertEquals(FrameUnit.INTENSITY, m.unit());
        assertTrue(m.isNoisy(), "counts are noisy");
        assertEquals(2, m.size());
        assertEquals(8, m.objectSize());
        assertEquals(new Center(3, 3), m.sample(1).start());
        IntensityFrames f = m.intensityFrames();
        assertEquals(4, f.exposure(1));
        assertEquals(3, f.readNoise(), 1e-12, "read noise in electrons: counts times gain");
        assertEquals(0, f.referenceFrame(), "the frame nearest the origin");
        assertTrue(Float.isNaN(f.counts(0)[3]), "bad pixels stay NaN");
        assertEquals(4f, f.counts(0)[0], "counts times gain");
        assertEquals(1, f.badPixelCount(0));
        assertTrue(f.badPixels(0)[3]);
        assertEquals(4, f.background(), 1e-6, "the median per unit exposure: (4, 2/4 -> 0.5); median of both frames");
        assertEquals(0f, m.amplitude(0)[3], "the nominal amplitude view is 0 at a bad pixel");
        assertThrows(IllegalArgumentException.class, () -> m.term(0, 1), "intensity frames are fitted through fit()");
        assertNotEquals(m.fingerprint(), two().build().fingerprint());
        assertEquals(m.fingerprint(), MeasurementSet.recorded(TELESCOPE, 8).readNoise(1.5).gain(2)
                .addFrame(null, new Center(0.5, 0), withBad, 1).addFrame(null, new Center(3, 3), frame(1), 4).build()
                .fingerprint(), "the fingerprint is a function of the data");
    }

    @Test
    void amplitudeFramesAreTheDataAndFitLikeAcquiredOnes() {
        MeasurementSet m = MeasurementSet.recorded(TELESCOPE, 8).unit(FrameUnit.AMPLITUDE)
                .addFrame(Center.ORIGIN, frame(1)).build();
        assertEquals(FrameUnit.AMPLITUDE, m.unit());
        assertArrayEquals(frame(1), m.amplitude(0));
        assertTrue(m.fit(m.support(), LossType.L1.create(true), null, null).calibration().isEmpty());
    }

    static void refused(Consumer<RecordedFrames> setup, String... words) {
        RecordedFrames b = MeasurementSet.recorded(TELESCOPE, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            setup.accept(b);
            b.build();
        });
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + e.getMessage() + "' names " + w);
        }
    }

    @Test
    void badFramesAreRefusedNamingTheFrameAndTheProblem() {
        refused(b -> { }, "frames", "at least one frame");
        refused(b -> b.addFrame(Center.ORIGIN, new float[10]), "frame[0]", "N*N = 256");
        float[] inf = frame(1);
        inf[17] = Float.POSITIVE_INFINITY;
        refused(b -> b.addFrame("plane 3", Center.ORIGIN, inf, 1), "plane 3", "row 1, column 1", "finite");
        float[] negative = frame(1);
        negative[5] = -2;
        refused(b -> b.addFrame(Center.ORIGIN, frame(1)).addFrame(Center.ORIGIN, negative), "frame[1]", "-2.0",
                "counts must be >= 0");
        refused(b -> b.readNoise(0.1).addFrame(Center.ORIGIN, negative), "-5.0 read noises");
        float[] allBad = new float[N * N];
        Arrays.fill(allBad, Float.NaN);
        refused(b -> b.addFrame(Center.ORIGIN, allBad), "every pixel bad");
        float[] nan = frame(1);
        nan[0] = Float.NaN;
        refused(b -> b.unit(FrameUnit.AMPLITUDE).addFrame(Center.ORIGIN, nan), "amplitude frames must be finite");
        refused(b -> b.addFrame(new Center(8, 0), frame(1)), "centre", "[-8.0, 8.0)");
        refused(b -> b.addFrame("f", Center.ORIGIN, frame(1), 0), "f exposure", "> 0");
        refused(b -> b.unit(FrameUnit.AMPLITUDE).addFrame("f", Center.ORIGIN, frame(1), 2), "exposure",
                "intensity frames only");
        refused(b -> b.addFrame(Center.ORIGIN, new float[N * N]), "no pixel above the background");
        assertThrows(IllegalArgumentException.class, () -> MeasurementSet.recorded(TELESCOPE, 4), "objectSize >= 8");
    }
}
