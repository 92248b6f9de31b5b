package org.prismjava.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.prismjava.backend.Precision;
import org.prismjava.loss.LossType;
import org.prismjava.util.Json;

/** {@link TrainerConfig} round-trips through a plain map and its JSON text; bad maps are refused by key. */
class TrainerConfigMapTest {
    /** Every replay setting away from its default. */
    static final TrainerConfig REPLAY = TrainerConfig.builder().refinementIterations(7).refinementLearningRate(0.03)
            .holdoutFraction(0.2).tvWeight(0.05).absorbedRatio(0.4).noiseLikelihood(false).learningRate(2e-3)
            .amsgrad(true).lossType(LossType.L2).normalizeLoss(false).lossThreshold(0.01).stepsPerCycle(17)
            .maxCycles(3).initStepsPerCycle(9).initMaxCycles(4).initializationTarget(InitializationTarget.MEASUREMENT)
            .adaptiveConvergence(true).patience(3).plateauWindow(11).plateauThreshold(0.02).escalationSteps(13)
            .aggressiveLrMultiplier(3).escalationExtraSteps(21).addNoise(false).seed(-123456789012L)
            .cachePolicy(CachePolicy.OFF).resetOptimizerPerSample(true).precision(Precision.MIXED_FP16)
            .initialLossScale(1024).build();
    /** The reference's benchmark switches away from their defaults. */
    static final TrainerConfig REFERENCE = TrainerConfig.builder(Algorithm.REFERENCE).measureEveryStep(true)
            .cachePolicy(CachePolicy.CLEAR_AFTER_EACH_CALL).fusedPhysics(false).reuseBuffers(false)
            .resetOptimizerPerSample(false).precision(Precision.MIXED_BF16).build();

    private static Map<String, Object> throughJson(Map<String, Object> m) {
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) Json.parse(Json.write(m));
        return parsed;
    }

    @Test
    void everySettingRoundTripsThroughAMapAndJson() {
        for (TrainerConfig c : new TrainerConfig[] {TrainerConfig.DEFAULT, TrainerConfig.builder(Algorithm.REFERENCE)
                .build(), REPLAY, REFERENCE}) {
            assertEquals(c, TrainerConfig.fromMap(c.toMap()), "map");
            assertEquals(c, TrainerConfig.fromMap(throughJson(c.toMap())), "JSON");
        }
    }

    @Test
    void theTwoConfigurationsMoveEverySettingAwayFromItsDefault() {
        Set<String> moved = new HashSet<>();
        for (TrainerConfig c : new TrainerConfig[] {REPLAY, REFERENCE}) {
            Map<String, Object> defaults = TrainerConfig.builder(c.algorithm()).build().toMap();
            c.toMap().forEach((k, v) -> {
                if (!v.equals(defaults.get(k))) {
                    moved.add(k);
                }
            });
        }
        moved.add("algorithm");
        assertEquals(TrainerConfig.DEFAULT.toMap().keySet(), moved, "a setting the round trip would not test");
    }

    @Test
    void leftOutSettingsTakeTheAlgorithmsDefaults() {
        assertEquals(TrainerConfig.DEFAULT, TrainerConfig.fromMap(Map.of()));
        assertEquals(TrainerConfig.builder(Algorithm.REFERENCE).seed(4).build(),
                TrainerConfig.fromMap(Map.of("algorithm", "reference", "seed", 4)));
    }

    @Test
    void badMapsAreRefusedNamingTheKey() {
        Map<String, Object> typo = new LinkedHashMap<>(Map.of("learningrate", 0.1));
        assertMessage(typo, "unknown key learningrate");
        assertMessage(new HashMap<>(Map.of("stepsPerCycle", "many")), "key stepsPerCycle must be an integer");
        assertMessage(new HashMap<>(Map.of("amsgrad", 1)), "key amsgrad must be true or false");
        assertMessage(new HashMap<>(Map.of("lossType", "l7")), "key lossType");
        assertMessage(new HashMap<>(Map.of("cachePolicy", "SOMETIMES")), "key cachePolicy must be one of");
        assertMessage(new HashMap<>(Map.of("learningRate", -1)), "learningRate");
    }

    private static void assertMessage(Map<String, Object> m, String expected) {
        String msg = assertThrows(IllegalArgumentException.class, () -> TrainerConfig.fromMap(m)).getMessage();
        assertTrue(msg.contains(expected), msg);
    }
}
