package org.prismjava.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.prismjava.files.MeasurementFiles;
import org.prismjava.measure.FrameSimulator;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.objects.ObservedObject;
import org.prismjava.objects.TestObjects;
import org.prismjava.sampling.Patterns;
import org.prismjava.sampling.Sample;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.train.LoggingListener;
import org.prismjava.train.ProgressiveTrainer;
import org.prismjava.train.TrainingResult;
import org.prismjava.util.SeededRandom;

/** The README's "Reconstruct your own data" in Java: frames written to a file, read back, reconstructed without a truth. */
public final class MeasuredDataExample {
    private MeasuredDataExample() {
    }

    /** Simulates realistic frames of a built-in object into {@code args[0]} (default data/europa.fits), then reconstructs the file. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "data/europa.fits");
        if (!Files.exists(file)) {
            // Stands in for an instrument: counts with Poisson noise, 1 px centre errors, 10% flux errors, a background.
            Telescope telescope = new SubApertureTelescope(TelescopeConfig.builder(64).apertureRadius(5.3).build());
            ObservedObject object = TestObjects.europaLike(64, 16, 1);
            List<Sample> centres = Patterns.fermat(16, 32).generate(new SeededRandom(0));
            FrameSimulator.Settings instrument = new FrameSimulator.Settings(1e6, 0, 1.0, 0.1, 1e-3);
            MeasurementSet frames = FrameSimulator.simulate(telescope, object, centres, instrument, 0).data();
            Files.createDirectories(file.toAbsolutePath().getParent());
            MeasurementFiles.writeFits(file, frames, Map.of("OBJECT", "europa-like"));
        }
        MeasurementSet data = MeasurementFiles.read(file);                 // a FITS cube or a folder + manifest.csv
        TrainingResult result = ProgressiveTrainer.builder()
                .optMeasurements(data)                                      // no object: geometry from the file
                .addListener(new LoggingListener())
                .build()
                .run();
        result.calibrationEstimate().ifPresent(c -> System.out.printf(    // self-calibrated by default
                "centre corrections %.2f px rms, background %.3g counts%n", c.rmsOffset(), c.background()));
        double[] residuals = result.frameResiduals();                     // about 1 = explained to the noise
        System.out.printf("frame residuals: first %.3f, last %.3f%n", residuals[0], residuals[residuals.length - 1]);
        result.reconstructionArray();                                       // [N, N] amplitudes, in the file's units
    }
}
