package org.prismjava.examples;

import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;
import org.prismjava.loss.ImageLoss;
import org.prismjava.loss.LossType;
import org.prismjava.measure.MeasurementOperator;
import org.prismjava.model.Adam;
import org.prismjava.model.AdamConfig;
import org.prismjava.model.DecoderConfig;
import org.prismjava.model.ProgressiveDecoder;
import org.prismjava.objects.ObservedObject;
import org.prismjava.objects.TestObjects;
import org.prismjava.optics.Center;
import org.prismjava.optics.Pupil;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;

/**
 * One progressive training step (generator forward, dual-branch physics, normalised L1 on old
 * and new targets, physics backward, generator backward, Adam) at N = 512 / object 128 (the
 * seed benchmark's size), timed per phase. Prints medians over the measured steps after a
 * warm-up. Threads of ND4J's native ops follow {@code OMP_NUM_THREADS}. {@link MemoryCheck}
 * measures memory over a long run.
 *
 * <p>Arguments: {@code [N] [objectSize] [steps]} (defaults 512 128 50).
 */
public final class TrainingStepBenchmark {
    private TrainingStepBenchmark() {
    }

    /** Runs the benchmark and prints one table. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int obj = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Telescope tel = new SubApertureTelescope(TelescopeConfig.builder(n).apertureRadius(16).build());
        ObservedObject object = TestObjects.europaLike(n, obj, 1);
        ProgressiveDecoder decoder = ProgressiveDecoder.create(DecoderConfig.builder(n, obj).build(), 1);
        MeasurementOperator op = new MeasurementOperator(tel.propagator(), decoder.outputSupport(), true);
        Pupil newPupil = tel.pupil(new Center(20, -12));
        boolean[] union = new boolean[n * n];
        tel.pupil(Center.ORIGIN).orInto(union);
        tel.pupil(new Center(-18, 9)).orInto(union);
        Pupil oldPupil = Pupil.fromMask(n, union);
        float[] targetNew = tel.measure(object, newPupil).amplitude().data().asFloat();
        float[] targetOld = tel.measure(object, oldPupil).amplitude().data().asFloat();
        ImageLoss loss = LossType.L1.create(true);
        Adam adam = new Adam(decoder.parameters(), AdamConfig.DEFAULT);
        float[] x = new float[n * n];
        float[] pOld = new float[n * n];
        float[] pNew = new float[n * n];
        float[] gOld = new float[n * n];
        float[] gNew = new float[n * n];
        float[] gx = new float[n * n];
        String[] phases = {"generator fwd", "physics fwd", "loss", "physics bwd", "generator bwd", "adam", "total"};
        int warm = 10;
        double[][] t = new double[phases.length][steps];
        for (int s = 0; s < warm + steps; s++) {
            long t0 = System.nanoTime();
            decoder.forward(x);
            long t1 = System.nanoTime();
            op.forward(x, oldPupil, List.of(newPupil), pOld, pNew);
            long t2 = System.nanoTime();
            loss.evaluate(pNew, targetNew, n, n, gNew);
            loss.evaluate(pOld, targetOld, n, n, gOld);
            long t3 = System.nanoTime();
            op.backward(gOld, gNew, gx);
            long t4 = System.nanoTime();
            decoder.backward(gx);
            long t5 = System.nanoTime();
            adam.step(1e-3);
            long t6 = System.nanoTime();
            if (s >= warm) {
                long[] marks = {t0, t1, t2, t3, t4, t5, t6};
                for (int p = 0; p < 6; p++) {
                    t[p][s - warm] = (marks[p + 1] - marks[p]) / 1e6;
                }
                t[6][s - warm] = (t6 - t0) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "training step, N = %d, object %d, %d parameters, ND4J threads %d, %d steps"
                + " after %d warm-up (medians, ms)%n", n, obj, decoder.parameters().size(),
                Nd4j.getEnvironment().maxMasterThreads(), steps, warm);
        for (int p = 0; p < phases.length; p++) {
            System.out.printf(Locale.ROOT, "  %-14s %8.2f%n", phases[p], BenchmarkStats.median(t[p]));
        }
    }
}
