package org.prismjava.sampling;

import java.util.List;
import org.prismjava.util.SeededRandom;

/**
 * Where the sub-apertures go and in which order (spec 5). Built-in patterns are in
 * {@link Patterns}; users supply their own by implementing this interface or with
 * {@link Patterns#custom(String, List)}. Coordinates are pixels relative to DC, y first.
 */
public interface SamplingPattern {
    /** A short name, e.g. {@code "fermat"}. */
    String name();

    /** The samples in acquisition order; deterministic patterns ignore {@code rng}. */
    List<Sample> generate(SeededRandom rng);
}
