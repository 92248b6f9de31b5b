package org.prismjava.examples;

import java.io.IOException;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prismjava.objects.ImageFiles;
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

/**
 * The library from Java code: a telescope, an object, a sampling pattern and a trainer
 * configuration, then {@link ProgressiveTrainer#run()}. Writes {@code runs/api-example.png}.
 */
public final class ApiExample {
    private ApiExample() {
    }

    /** Runs a small reconstruction (about a minute on two cores). */
    public static void main(String[] args) throws IOException {
        int n = 128;
        Telescope telescope = new SubApertureTelescope(TelescopeConfig.builder(n).apertureRadius(n / 12.0).build());
        ObservedObject europa = TestObjects.europaLike(n, 32, 1);
        TrainingResult result = ProgressiveTrainer.builder()
                .setTelescope(telescope)
                .setObject(europa)
                .setPattern(Patterns.fermat(32, n / 2.0))
                .optConfig(TrainerConfig.builder().seed(7).build())   // replay algorithm defaults
                .addListener(new LoggingListener())
                .addListener(new CheckpointListener(Path.of("runs", "api-example-checkpoint")))
                .build()
                .run();
        INDArray image = result.reconstructionArray(); // [N, N] amplitudes
        ImageFiles.writePng(Path.of("runs", "api-example.png"), result.reconstruction(), n, n);
        result.quality().ifPresent(q -> System.out.printf("SSIM %.3f, PSNR %.2f dB; image %s%n", q.ssim(), q.psnr(),
                java.util.Arrays.toString(image.shape())));
    }
}
