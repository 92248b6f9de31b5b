package org.prismjava.examples;

import java.nio.file.Path;
import org.prismjava.objects.ObservedObject;
import org.prismjava.objects.TestObjects;
import org.prismjava.sampling.Patterns;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.train.CheckpointListener;
import org.prismjava.train.LoggingListener;
import org.prismjava.train.ProgressiveTrainer;
import org.prismjava.train.TrainerConfig;
import org.prismjava.train.TrainingResult;

/** The README's "Reconstructing from Java", compiled (ReadmeSnippetTest keeps the two identical). */
public final class ApiExample {
    private ApiExample() {
    }

    /** Reconstructs a built-in Europa-like object from 48 sub-apertures (about a minute on two cores). */
    public static void main(String[] args) {
        Telescope telescope = new SubApertureTelescope(TelescopeConfig.builder(128).apertureRadius(10.7).build());
        ObservedObject europa = TestObjects.europaLike(128, 32, 1);
        TrainingResult result = ProgressiveTrainer.builder()
                .setTelescope(telescope)
                .setObject(europa)
                .setPattern(Patterns.fermat(48, 64))               // or your own SamplingPattern
                .optConfig(TrainerConfig.builder().seed(7).build())  // replay defaults; builder(Algorithm.REFERENCE) for spec App. C
                .addListener(new LoggingListener())                // SLF4J progress
                .addListener(new CheckpointListener(Path.of("runs/europa/checkpoint")))
                .build()
                .run();
        result.reconstructionArray();                              // [N, N] INDArray of amplitudes
        result.samples();                                          // per-sample losses, SSIM, PSNR, RMSE %, steps, time
        result.refinementRecord();                                 // the final joint refinement
        result.quality().ifPresent(q -> System.out.printf("SSIM %.3f, PSNR %.2f dB%n", q.ssim(), q.psnr()));
        // continue an interrupted run exactly: .optResumeFrom(Path.of("runs/europa/checkpoint"))
    }
}
