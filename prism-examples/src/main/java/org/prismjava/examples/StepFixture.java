package org.prismjava.examples;

import java.util.List;
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
 * One progressive training step, split into its phases, on a fixed problem: the generator, the
 * fused dual-branch physics (a two-aperture cumulative mask and one new aperture of radius 16),
 * normalised L1 on both targets, and Adam. Shared by {@link TrainingStepBenchmark} and the JMH
 * benchmarks so both time the same work.
 */
public final class StepFixture {
    private final int n;
    private final ProgressiveDecoder decoder;
    private final MeasurementOperator op;
    private final Pupil oldPupil;
    private final List<Pupil> newPupils;
    private final float[] targetNew;
    private final float[] targetOld;
    private final ImageLoss loss = LossType.L1.create(true);
    private final Adam adam;
    private final float[] x;
    private final float[] predOld;
    private final float[] predNew;
    private final float[] gradOld;
    private final float[] gradNew;
    private final float[] gradX;

    /** The problem at grid {@code n} with an object of {@code objectSize} pixels. */
    public StepFixture(int n, int objectSize) {
        this.n = n;
        Telescope tel = new SubApertureTelescope(TelescopeConfig.builder(n).apertureRadius(16).build());
        ObservedObject object = TestObjects.europaLike(n, objectSize, 1);
        this.decoder = ProgressiveDecoder.create(DecoderConfig.reference(n, objectSize).build(), 1);
        this.op = new MeasurementOperator(tel.propagator(), decoder.outputSupport(), true);
        Pupil newPupil = tel.pupil(new Center(20, -12));
        boolean[] union = new boolean[n * n];
        tel.pupil(Center.ORIGIN).orInto(union);
        tel.pupil(new Center(-18, 9)).orInto(union);
        this.oldPupil = Pupil.fromMask(n, union);
        this.newPupils = List.of(newPupil);
        this.targetNew = tel.measure(object, newPupil).amplitude().data().asFloat();
        this.targetOld = tel.measure(object, oldPupil).amplitude().data().asFloat();
        this.adam = new Adam(decoder.parameters(), AdamConfig.DEFAULT);
        this.x = new float[n * n];
        this.predOld = new float[n * n];
        this.predNew = new float[n * n];
        this.gradOld = new float[n * n];
        this.gradNew = new float[n * n];
        this.gradX = new float[n * n];
    }

    /** Number of generator parameters. */
    public int parameterCount() {
        return decoder.parameters().size();
    }

    /** Phase 1: generator forward. */
    public void generatorForward() {
        decoder.forward(x);
    }

    /** Phase 2: both physics branches. */
    public void physicsForward() {
        op.forward(x, oldPupil, newPupils, predOld, predNew);
    }

    /** Phase 3: both losses and their gradients; returns their sum. */
    public double loss() {
        return loss.evaluate(predNew, targetNew, n, n, gradNew) + loss.evaluate(predOld, targetOld, n, n, gradOld);
    }

    /** Phase 4: physics adjoint. */
    public void physicsBackward() {
        op.backward(gradOld, gradNew, gradX);
    }

    /** Phase 5: generator backward. */
    public void generatorBackward() {
        decoder.backward(gradX);
    }

    /** Phase 6: one Adam update. */
    public void adam() {
        adam.step(1e-3);
    }

    /** A whole step; returns the loss before the update. */
    public double step() {
        generatorForward();
        physicsForward();
        double l = loss();
        physicsBackward();
        generatorBackward();
        adam();
        return l;
    }
}
