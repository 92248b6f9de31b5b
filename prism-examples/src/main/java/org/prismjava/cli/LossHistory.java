package org.prismjava.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.prismjava.train.SampleRecord;
import org.prismjava.train.TrainingContext;
import org.prismjava.train.TrainingListener;
import org.prismjava.util.AtomicFiles;

/**
 * Records every step's losses and where each sample starts, for the loss curve, and keeps them
 * in the run folder's {@code loss_history.csv} ({@code sample,step,loss_old,loss_new}; samples
 * numbered from 1 like every file of the run folder), one
 * append per finished sample, so that a resumed run's curve covers the whole run.
 */
final class LossHistory implements TrainingListener {
    static final String FILE = "loss_history.csv";
    private static final String HEADER = "sample,step,loss_old,loss_new\n";

    private final Path file;
    private double[] oldLosses = new double[1024];
    private double[] newLosses = new double[1024];
    private int[] sampleOf = new int[1024];
    private int[] stepOf = new int[1024];
    private int size;
    private int written;
    private final List<Integer> sampleStarts = new ArrayList<>();

    /** A history kept in {@code file}; nothing is read or written before the run starts. */
    LossHistory(Path file) {
        this.file = file;
    }

    /**
     * Reads back the rows of the samples before the run's first one (a resumed run's; later rows,
     * appended after the last checkpoint, and a partly written last line are dropped) and
     * rewrites the file with exactly those.
     */
    @Override
    public void onRunStart(TrainingContext context) {
        if (Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] f = line.split(",");
                    if (f.length == 4 && !line.equals(HEADER.strip())) {
                        try {
                            int sample = Integer.parseInt(f[0]) - 1;
                            if (sample < context.nextSample()) {
                                add(sample, Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                                        Double.parseDouble(f[3]));
                            }
                        } catch (NumberFormatException partlyWritten) {
                            // only the last line can be cut short; its sample has no checkpoint yet
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        StringBuilder all = new StringBuilder(HEADER);
        appendRows(all, 0, size);
        try {
            AtomicFiles.writeString(file, all.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        written = size;
    }

    @Override
    public void onStepEnd(TrainingContext context, int sample, int step, double lossOld, double lossNew) {
        add(sample, step, lossOld, lossNew);
    }

    @Override
    public void onSampleEnd(TrainingContext context, SampleRecord record) {
        StringBuilder rows = new StringBuilder();
        appendRows(rows, written, size);
        try {
            Files.writeString(file, rows, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
        written = size;
    }

    private void add(int sample, int step, double lossOld, double lossNew) {
        if (size == oldLosses.length) {
            oldLosses = Arrays.copyOf(oldLosses, size * 2);
            newLosses = Arrays.copyOf(newLosses, size * 2);
            sampleOf = Arrays.copyOf(sampleOf, size * 2);
            stepOf = Arrays.copyOf(stepOf, size * 2);
        }
        if (size == 0 || sampleOf[size - 1] != sample) {
            sampleStarts.add(size);
        }
        oldLosses[size] = lossOld;
        newLosses[size] = lossNew;
        sampleOf[size] = sample;
        stepOf[size] = step;
        size++;
    }

    private void appendRows(StringBuilder out, int from, int to) {
        for (int i = from; i < to; i++) {
            out.append(sampleOf[i] + 1).append(',').append(stepOf[i]).append(',').append(oldLosses[i]).append(',')
                    .append(newLosses[i]).append('\n');
        }
    }

    int size() {
        return size;
    }

    double[] oldLosses() {
        return Arrays.copyOf(oldLosses, size);
    }

    double[] newLosses() {
        return Arrays.copyOf(newLosses, size);
    }

    List<Integer> sampleStarts() {
        return List.copyOf(sampleStarts);
    }

    /** Smallest finite positive loss recorded (1 if none). */
    double min() {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            m = Math.min(m, positive(oldLosses[i], m));
            m = Math.min(m, positive(newLosses[i], m));
        }
        return Double.isInfinite(m) ? 1 : m;
    }

    /** Largest finite loss recorded (1 if none). */
    double max() {
        double m = 0;
        for (int i = 0; i < size; i++) {
            m = Math.max(m, Double.isFinite(oldLosses[i]) ? oldLosses[i] : 0);
            m = Math.max(m, Double.isFinite(newLosses[i]) ? newLosses[i] : 0);
        }
        return m > 0 ? m : 1;
    }

    private static double positive(double v, double otherwise) {
        return Double.isFinite(v) && v > 0 ? v : otherwise;
    }
}
