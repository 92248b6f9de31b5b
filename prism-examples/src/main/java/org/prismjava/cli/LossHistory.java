package org.prismjava.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.prismjava.sampling.Sample;
import org.prismjava.train.TrainingContext;
import org.prismjava.train.TrainingListener;

/** Records every step's losses and where each sample starts, for the loss curve. */
final class LossHistory implements TrainingListener {
    private double[] oldLosses = new double[1024];
    private double[] newLosses = new double[1024];
    private int size;
    private final List<Integer> sampleStarts = new ArrayList<>();

    @Override
    public void onSampleStart(TrainingContext context, int index, Sample sample) {
        sampleStarts.add(size);
    }

    @Override
    public void onStepEnd(TrainingContext context, int sample, int step, double lossOld, double lossNew) {
        if (size == oldLosses.length) {
            oldLosses = Arrays.copyOf(oldLosses, size * 2);
            newLosses = Arrays.copyOf(newLosses, size * 2);
        }
        oldLosses[size] = lossOld;
        newLosses[size] = lossNew;
        size++;
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
