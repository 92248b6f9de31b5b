package org.prismjava.train;

import java.nio.file.Path;
import org.prismjava.util.Checks;

/**
 * Writes a checkpoint (see {@link CheckpointIO}) after every {@code every}-th sample and after
 * the last one, keeping the newest {@code keep}.
 */
public final class CheckpointListener implements TrainingListener {
    private final Path directory;
    private final int every;
    private final int keep;

    /**
     * @param directory checkpoint directory (created if missing)
     * @param every write after every this many samples (>= 1)
     * @param keep checkpoints kept, the newest (>= 1)
     */
    public CheckpointListener(Path directory, int every, int keep) {
        Checks.check(directory != null, "directory", null, "must be set");
        this.directory = directory;
        this.every = Checks.positive("every", every);
        this.keep = Checks.positive("keep", keep);
    }

    /** After every sample, keeping the newest only. */
    public CheckpointListener(Path directory) {
        this(directory, 1, 1);
    }

    @Override
    public void onSampleEnd(TrainingContext context, SampleRecord record) {
        int done = record.index() + 1;
        if (done % every == 0 || done == context.totalSamples()) {
            CheckpointIO.write(directory, context.snapshot(), keep);
        }
    }
}
