package org.prismjava.train;

/** How a sample's optimisation ended. Every outcome but {@link #CONVERGED} is a recorded failure. */
public enum SampleOutcome {
    /** Both losses fell below the threshold (spec 7.5). */
    CONVERGED,
    /** The step budget (including any escalation) ran out. */
    STEP_BUDGET_EXHAUSTED,
    /** Adaptive mode stopped a sample that stayed on a plateau after escalation (RESCUE). */
    PLATEAU
}
