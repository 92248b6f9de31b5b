package org.prismjava.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prismjava.baseline.JointPhaseRetrieval;
import org.prismjava.baseline.Reconstructor;
import org.prismjava.objects.ObservedObject;
import org.prismjava.objects.TestObjects;
import org.prismjava.sampling.Patterns;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.train.RunSeeds;
import org.prismjava.train.TrainerConfig;

/** Every method of a comparison sees the same measurements; the seed decides them. */
class ComparisonTest {
    static final int N = 32;
    static final Telescope NOISY = new SubApertureTelescope(TelescopeConfig.builder(N).apertureRadius(4).snrDb(20).build());
    static final ObservedObject OBJECT = TestObjects.europaLike(N, 12, 2);

    static Reconstructor joint(long seed) {
        return Baselines.byName("joint", true, 0.1, RunSeeds.of(seed).holdout());
    }

    @Test
    void theSeedFixesTheDataWithOrWithoutPrism() {
        TrainerConfig prism = TrainerConfig.builder().stepsPerCycle(5).refinementIterations(10).seed(3).build();
        Comparison.Result with = Comparison.run(NOISY, OBJECT, Patterns.fermat(4, 12), 3, prism, List.of(joint(3)),
                List.of());
        Comparison.Result without = Comparison.run(NOISY, OBJECT, Patterns.fermat(4, 12), 3, null, List.of(joint(3)),
                List.of());
        Comparison.Result other = Comparison.run(NOISY, OBJECT, Patterns.fermat(4, 12), 4, null, List.of(joint(3)),
                List.of());
        assertEquals(List.of("prism", "joint"), with.entries().stream().map(Comparison.Entry::method).toList());
        assertTrue(with.data().isNoisy());
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(with.data().amplitude(k), without.data().amplitude(k), "sample " + k);
        }
        assertFalse(java.util.Arrays.equals(with.data().amplitude(1), other.data().amplitude(1)), "another seed");
        assertArrayEquals(with.entries().get(1).reconstruction().image(), without.entries().get(0).reconstruction().image(),
                "the baseline is unaffected by PRISM running beside it");
        Comparison.Entry p = with.entries().get(0);
        int steps = p.reconstruction().iterations();
        assertTrue(steps > 4 * 5 && steps <= 4 * 5 + 10, "4 samples x 5 steps + at most 10 refinement iterations: " + steps);
        assertTrue(p.quality().ssim() > -1 && p.quality().ssim() <= 1);
        assertEquals(with.support(), org.prismjava.optics.Region.centred(N, OBJECT.squareSize()));
    }

    @Test
    void aPrismConfigWithAnotherSeedIsRejected() {
        TrainerConfig prism = TrainerConfig.builder().seed(9).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Comparison.run(NOISY, OBJECT,
                Patterns.fermat(4, 12), 3, prism, List.of(new JointPhaseRetrieval(JointPhaseRetrieval.Config.DEFAULT)),
                List.of())).getMessage().startsWith("prism.seed() = 9 is invalid"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Baselines.byName("gerchberg", false, 0, 0))
                .getMessage().startsWith("baseline = gerchberg is invalid"));
    }
}
