package org.prismjava.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.prismjava.train.Algorithm;
import org.prismjava.train.CheckpointIO;

/**
 * What a run needs before it starts: Java heap and disk per checkpoint. The heap model is
 * fitted to peak live heap measured with a serial-GC log (docs/robustness.md): replay holds
 * about 17 bytes per grid pixel per sample (the measured amplitudes and their pupils) plus
 * about 150 per pixel for the trainer's buffers; the reference's spec-6 generator works at the
 * full grid, about 1.45 KB per pixel; the replay generator's activations add about 1.7 KB per
 * pixel of the object's square. Estimates carry a 25% margin: a run that is refused
 * would not have fitted, one that starts may still be close.
 *
 * @param heapBytes estimated peak Java heap
 * @param checkpointBytes bytes of one checkpoint on disk
 * @param outputBytes bytes of the finished run's other files (measurements.fits holds every
 *     sample's N x N amplitudes; pictures, tables and the report about 16 MB at most)
 */
record MemoryEstimate(long heapBytes, long checkpointBytes, long outputBytes) {
    private static final long PICTURES_AND_TABLES = 16L << 20;
    private static final long BASE = 48L << 20;

    static MemoryEstimate of(RunSpec run) {
        long pixels = (long) run.imageSize() * run.imageSize();
        Algorithm a = Algorithm.byName(run.algorithm());
        double perPixel = a == Algorithm.REPLAY ? 150 + 17.0 * run.samples() : 1450;
        long objectPixels = (long) run.objectSize() * run.objectSize();
        long heap = (long) (1.25 * (BASE + pixels * perPixel + objectPixels * 1700));
        long parameters = a.defaultDecoder(run.imageSize(), run.objectSize()).parameterCount();
        long fits = 4L * pixels * run.samples() + 4L * objectPixels + 2880L * (4 + run.samples());
        return new MemoryEstimate(heap, CheckpointIO.estimatedBytes(parameters, run.imageSize(), run.samples()),
                fits + PICTURES_AND_TABLES);
    }

    /** Refuses, with both numbers and what to change, when the heap estimate exceeds {@code maxHeap}. */
    void requireFits(long maxHeap) {
        if (heapBytes > maxHeap) {
            throw new PrismCommand.UsageException(String.format(Locale.ROOT,
                    "this run needs about %s of Java heap but the limit is %s: give Java more (e.g."
                            + " PRISM_JAVA_OPTS=-Xmx%dg) or choose a smaller --image-size or fewer --samples",
                    size(heapBytes), size(maxHeap), (long) Math.ceil(heapBytes / (double) (1L << 30)) + 1));
        }
    }

    /**
     * Refuses when {@code keep + 1} checkpoints (one being written) and the finished run's files
     * do not fit in the free space under {@code dir}.
     */
    void requireDisk(Path dir, int keep) throws IOException {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        long free = Files.getFileStore(existing).getUsableSpace();
        long needed = checkpointBytes * (keep + 1) + outputBytes;
        if (needed > free) {
            throw new PrismCommand.UsageException(String.format(Locale.ROOT,
                    "the run needs about %s of disk (checkpoints: %d kept + 1 being written, %s each; results"
                            + " including measurements.fits: %s) but %s has %s free",
                    size(needed), keep, size(checkpointBytes), size(outputBytes), existing, size(free)));
        }
    }

    static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.0f MB", bytes / (double) (1L << 20));
    }
}
