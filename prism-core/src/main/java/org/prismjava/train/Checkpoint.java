package org.prismjava.train;

import java.util.List;
import java.util.Map;
import org.prismjava.calibration.SelfCalibration;
import org.prismjava.measure.CacheStats;
import org.prismjava.measure.MeasurementSystem;
import org.prismjava.model.Adam;
import org.prismjava.sampling.Sample;
import org.prismjava.step.DynamicLossScaler;

/**
 * The complete state of a run after a completed sample: everything {@link ProgressiveTrainer}
 * needs to continue exactly where it stopped (spec 8.9, fixed per 14 #19). Arrays are shared:
 * treat as read-only. Written and read by {@link CheckpointIO}.
 *
 * @param nextSample index of the first sample still to do
 * @param run what the run observes: object name and fingerprint, telescope configuration,
 *     pattern name (checked on resume, key by key)
 * @param samples the whole pattern, in order
 * @param decoder decoder configuration by name (checked on resume)
 * @param trainer trainer configuration by name
 * @param parameters generator parameters in layout order
 * @param optimizer Adam state, or null before the first optimizer existed
 * @param measurement cumulative mask and counters
 * @param reconstruction current reconstruction, row-major N*N
 * @param records per-sample records so far
 * @param initialization initialization record, or null
 * @param elapsedSeconds training wall time so far
 * @param lossScaler mixed-precision loss scaler state (the initial state in FP32 runs)
 * @param cache measurement-cache lookups of the run so far (entries and bytes: at the snapshot)
 * @param calibration the self-calibration of intensity frames, or null when the run estimates none
 */
public record Checkpoint(int nextSample, Map<String, Object> run, List<Sample> samples, Map<String, Object> decoder,
        Map<String, Object> trainer, float[] parameters, Adam.State optimizer, MeasurementSystem.State measurement,
        float[] reconstruction, List<SampleRecord> records,
        InitializationRecord initialization, double elapsedSeconds, DynamicLossScaler.State lossScaler,
        CacheStats cache, SelfCalibration.State calibration) {

    /** Copies the lists and maps. */
    public Checkpoint {
        run = Map.copyOf(run);
        samples = List.copyOf(samples);
        decoder = Map.copyOf(decoder);
        trainer = Map.copyOf(trainer);
        records = List.copyOf(records);
    }
}
