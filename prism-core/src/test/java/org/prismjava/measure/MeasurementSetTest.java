package org.prismjava.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prismjava.objects.ObservedObject;
import org.prismjava.objects.TestObjects;
import org.prismjava.sampling.Patterns;
import org.prismjava.sampling.Sample;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.util.SeededRandom;

/** Acquired measurements: deterministic per sample, noisy only when asked, the same terms for every method. */
class MeasurementSetTest {
    static final int N = 32;
    static final ObservedObject OBJECT = TestObjects.europaLike(N, 12, 1);
    static final List<Sample> SAMPLES = Patterns.fermat(6, 12).generate(new SeededRandom(0));

    static MeasurementSet acquire(Telescope t, List<Sample> samples, boolean noise, long seed) {
        return MeasurementSet.acquire(MeasurementSystem.withDefaults(t), OBJECT, samples, noise, seed);
    }

    @Test
    void noiselessMeasurementsAreTheTelescopesAndNoisyOnesArePerSampleDeterministic() {
        Telescope clean = new SubApertureTelescope(TelescopeConfig.builder(N).apertureRadius(4).build());
        MeasurementSet a = acquire(clean, SAMPLES, true, 5);
        assertFalse(a.isNoisy(), "a telescope without a noise model records no noise");
        float[] direct = clean.measure(OBJECT, SAMPLES.get(2).start()).amplitude().data().asFloat();
        assertArrayEquals(direct, a.amplitude(2));
        Telescope noisy = new SubApertureTelescope(TelescopeConfig.builder(N).apertureRadius(4).snrDb(20).build());
        MeasurementSet b = acquire(noisy, SAMPLES, true, 5);
        assertTrue(b.isNoisy());
        MeasurementSet again = acquire(noisy, SAMPLES, true, 5);
        MeasurementSet prefix = acquire(noisy, SAMPLES.subList(0, 3), true, 5);
        MeasurementSet otherSeed = acquire(noisy, SAMPLES, true, 6);
        for (int k = 0; k < SAMPLES.size(); k++) {
            assertArrayEquals(b.amplitude(k), again.amplitude(k), "sample " + k + " is a pure function of its inputs");
            assertFalse(java.util.Arrays.equals(b.amplitude(k), otherSeed.amplitude(k)), "the seed changes the noise");
            assertFalse(java.util.Arrays.equals(b.amplitude(k), a.amplitude(k)), "noise was added");
        }
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(b.amplitude(k), prefix.amplitude(k), "later samples do not change earlier ones");
        }
        assertFalse(acquire(noisy, SAMPLES, false, 5).isNoisy(), "noise only when asked for");
    }

    @Test
    void termsShareTheDataAndCoverageIsTheUnionOfPupils() {
        Telescope t = new SubApertureTelescope(TelescopeConfig.builder(N).apertureRadius(4).build());
        MeasurementSet m = acquire(t, SAMPLES, false, 0);
        List<MeasurementLoss.Term> all = m.allTerms();
        assertEquals(6, all.size());
        all.forEach(term -> assertEquals(1.0 / 6, term.weight(), 1e-15));
        assertArrayEquals(m.amplitude(4), all.get(4).target());
        assertEquals(3, m.terms(1, 4, 0.5).size());
        boolean[] coverage = m.coverage();
        boolean[] expected = new boolean[N * N];
        SAMPLES.forEach(s -> t.pupil(s.start()).orInto(expected));
        assertArrayEquals(expected, coverage);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.terms(2, 9, 1)).getMessage()
                .startsWith("range = [2, 9) is invalid"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.amplitude(6)).getMessage()
                .startsWith("sample index = 6 is invalid"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> acquire(t, List.of(), false, 0)).getMessage()
                .startsWith("samples = [] is invalid"));
    }
}
