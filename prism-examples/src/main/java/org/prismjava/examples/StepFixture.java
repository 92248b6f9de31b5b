package org.prismjava.examples;

import java.util.List;
import org.prismjava.backend.ComputeBackend;
import org.prismjava.loss.LossType;
import org.prismjava.model.AdamConfig;
import org.prismjava.model.DecoderConfig;
import org.prismjava.objects.ObservedObject;
import org.prismjava.objects.TestObjects;
import org.prismjava.optics.Center;
import org.prismjava.optics.Pupil;
import org.prismjava.step.StepLosses;
import org.prismjava.step.StepObjective;
import org.prismjava.step.StepSpec;
import org.prismjava.step.TrainingStep;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;

/**
 * One progressive training step on a fixed problem, through a backend's {@link TrainingStep}:
 * the reference generator, paired targets (a two-aperture cumulative mask and one new aperture
 * of radius 16), normalised L1, Adam. {@link #evaluate} is the forward half (generator, both
 * physics branches, both losses), {@link #update} the backward half (physics adjoint, generator
 * backward, Adam). Shared by {@link TrainingStepBenchmark} and the JMH benchmarks so both time
 * the same work on any backend.
 */
public final class StepFixture {
    private final TrainingStep step;
    private final long parameters;

    /** The problem at grid {@code n} with an object of {@code objectSize} pixels, on {@code backend}. */
    public StepFixture(ComputeBackend backend, int n, int objectSize) {
        Telescope tel = new SubApertureTelescope(TelescopeConfig.builder(n).apertureRadius(16).build(),
                backend.fft2(n));
        ObservedObject object = TestObjects.europaLike(n, objectSize, 1);
        DecoderConfig decoder = DecoderConfig.reference(n, objectSize).build();
        this.parameters = decoder.parameterCount();
        this.step = backend.newStep(StepSpec.builder(decoder, tel).modelSeed(1).loss(LossType.L1, true)
                .optimizer(AdamConfig.DEFAULT).build());
        Pupil newPupil = tel.pupil(new Center(20, -12));
        boolean[] union = new boolean[n * n];
        tel.pupil(Center.ORIGIN).orInto(union);
        tel.pupil(new Center(-18, 9)).orInto(union);
        Pupil oldPupil = Pupil.fromMask(n, union);
        float[] targetNew = tel.measure(object, newPupil).amplitude().data().asFloat();
        float[] targetOld = tel.measure(object, oldPupil).amplitude().data().asFloat();
        step.bind(new StepObjective.PairedTargets(oldPupil, targetOld, List.of(newPupil), targetNew));
        step.resetOptimizer();
    }

    /** Number of generator parameters. */
    public long parameterCount() {
        return parameters;
    }

    /** The forward half: generator, both physics branches, both losses; returns their sum. */
    public double evaluate() {
        StepLosses l = step.evaluate();
        return l.lossOld() + l.lossNew();
    }

    /** The backward half: physics adjoint, generator backward, one Adam update. */
    public void update() {
        step.update(1e-3);
    }

    /** A whole step; returns the loss before the update. */
    public double step() {
        double l = evaluate();
        update();
        return l;
    }
}
