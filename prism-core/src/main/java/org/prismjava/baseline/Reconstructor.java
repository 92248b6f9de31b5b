package org.prismjava.baseline;

import org.prismjava.measure.MeasurementSet;
import org.prismjava.optics.Region;

/**
 * A classical phase-retrieval method: reconstructs the real, non-negative object inside a known
 * support from a {@link MeasurementSet}. Implementations are immutable and thread-safe (each call
 * owns its work buffers).
 */
public interface Reconstructor {
    /** Short name for tables and files, e.g. {@code joint} or {@code epie}. */
    String name();

    /**
     * Reconstructs the object.
     *
     * @param data the measurements
     * @param support the square (or rectangle) of the N x N grid the object occupies
     */
    Reconstruction reconstruct(MeasurementSet data, Region support);
}
