package org.prismjava.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.prismjava.baseline.JointPhaseRetrieval;
import org.prismjava.baseline.Reconstruction;
import org.prismjava.calibration.Calibration;
import org.prismjava.calibration.CalibrationConfig;
import org.prismjava.files.MeasurementFiles;
import org.prismjava.loss.LossType;
import org.prismjava.measure.FrameSimulator;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.metrics.ImageMetrics;
import org.prismjava.objects.ImageFiles;
import org.prismjava.objects.ObservedObject;
import org.prismjava.sampling.Patterns;
import org.prismjava.sampling.Sample;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.train.PrismReconstructor;
import org.prismjava.train.ProgressiveTrainer;
import org.prismjava.train.RunSeeds;
import org.prismjava.train.TrainerConfig;
import org.prismjava.train.TrainingResult;
import org.prismjava.util.Json;
import org.prismjava.util.SeededRandom;

/**
 * The measured-data benchmark of docs/real-data.md: for each image and seed, frames as
 * {@code prism simulate --photons 1e7 --position-error 1 --flux-jitter 0.1 --background 0.001}
 * writes them (N 128, object 32, 48 Fermat samples), written to a file and read back, then
 * reconstructed without a truth by PRISM self-calibrated, PRISM given the true calibration, PRISM
 * taking the frames as recorded, and the joint solver self-calibrated and given the truth. Scored
 * afterwards against the object (least-squares brightness factor). Arguments: output JSON,
 * then image files. Prints one line per run.
 */
public final class RealDataBenchmark {
    private RealDataBenchmark() {
    }

    /** Runs the grid; args[0] = results JSON, args[1..] = image files, seeds from -Dseeds (default 0,1,2). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        String[] seeds = System.getProperty("seeds", "0,1,2").split(",");
        int n = 128;
        int size = 32;
        Telescope telescope = new SubApertureTelescope(TelescopeConfig.builder(n).apertureRadius(n / 12.0).build());
        FrameSimulator.Settings settings = new FrameSimulator.Settings(1e7, 0, 1.0, 0.1, 1e-3);
        List<Map<String, Object>> rows = new ArrayList<>();
        Path work = Files.createTempDirectory("prism-real-data");
        for (int i = 1; i < args.length; i++) {
            Path image = Path.of(args[i]);
            ObservedObject object = ImageFiles.load(image, n, size, false);
            for (String s : seeds) {
                long seed = Long.parseLong(s.strip());
                RunSeeds rs = RunSeeds.of(seed);
                List<Sample> samples = Patterns.fermat(48, n / 2.0).generate(new SeededRandom(rs.pattern()));
                FrameSimulator.Result sim = FrameSimulator.simulate(telescope, object, samples, settings, rs.noise());
                Path file = work.resolve(object.name() + "-" + seed + ".fits");
                MeasurementFiles.writeFits(file, sim.data(), Map.of());
                MeasurementSet data = MeasurementFiles.read(file);
                Calibration truth = sim.truthRelativeToReference();
                float[] gt = object.amplitudes();
                TrainerConfig config = TrainerConfig.builder().seed(seed).build();
                for (String variant : List.of("prism", "prism-true-calibration", "prism-as-recorded", "joint",
                        "joint-true-calibration")) {
                    Reconstruction r = run(variant, data, truth, config, rs);
                    ImageMetrics.Quality q = ImageMetrics.onObjectCropScaled(r.image(), gt, n, data.objectSize());
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("object", object.name());
                    row.put("seed", seed);
                    row.put("method", variant);
                    row.put("ssim", q.ssim());
                    row.put("psnr", q.psnr());
                    row.put("seconds", r.seconds());
                    Calibration c = r.calibration();
                    row.put("centreErrorPx", c.rmsOffsetError(truth));
                    row.put("centreErrorWithoutReferencePx", withoutReference(c, truth, data));
                    row.put("referenceCentreErrorPx", Math.hypot(
                            c.offset(data.intensityFrames().referenceFrame()).y()
                                    - truth.offset(data.intensityFrames().referenceFrame()).y(),
                            c.offset(data.intensityFrames().referenceFrame()).x()
                                    - truth.offset(data.intensityFrames().referenceFrame()).x()));
                    row.put("innerCentreErrorPx", inner(c, truth, data));
                    row.put("logFluxError", c.rmsLogFluxError(truth));
                    row.put("startCentreErrorPx", truth.rmsOffset());
                    row.put("framesAtBound", r.framesAtCalibrationBound().size());
                    rows.add(row);
                    System.out.println(String.format(Locale.ROOT,
                            "%-22s seed %d %-24s SSIM %.4f  centres %.3f px (without reference %.3f, inner half %.3f)  flux %.4f"
                            + "  %.0f s", object.name(), seed, variant, q.ssim(), c.rmsOffsetError(truth),
                            withoutReference(c, truth, data), inner(c, truth, data), c.rmsLogFluxError(truth), r.seconds()));
                    Files.writeString(out, Json.write(Map.of("settings", Map.of("n", n, "objectSize", size, "samples", 48,
                            "photons", 1e7, "positionError", 1.0, "fluxJitter", 0.1, "background", 1e-3), "rows", rows)));
                }
            }
        }
    }

    private static Reconstruction run(String variant, MeasurementSet data, Calibration truth, TrainerConfig config,
            RunSeeds seeds) {
        switch (variant) {
            case "prism":
                return new PrismReconstructor(config, CalibrationConfig.DEFAULT, null, List.of())
                        .reconstruct(data, data.support());
            case "prism-true-calibration":
            case "prism-as-recorded": {
                ProgressiveTrainer.Builder b = ProgressiveTrainer.builder().optMeasurements(data).optConfig(config)
                        .optCalibration(CalibrationConfig.NONE);
                if (variant.equals("prism-true-calibration")) {
                    b.optCalibrationStart(truth);
                }
                TrainingResult r = b.build().run();
                return PrismReconstructor.asReconstruction(variant, r);
            }
            default: {
                JointPhaseRetrieval.Config d = JointPhaseRetrieval.Config.DEFAULT;
                JointPhaseRetrieval.Config jc = new JointPhaseRetrieval.Config(d.iterations(), d.learningRate(),
                        LossType.L2, 0, 0.1, d.patience(), seeds.holdout());
                boolean exact = variant.equals("joint-true-calibration");
                JointPhaseRetrieval j = new JointPhaseRetrieval(jc, exact ? CalibrationConfig.NONE
                        : CalibrationConfig.DEFAULT);
                return exact ? j.reconstruct(data, data.support(), truth) : j.reconstruct(data, data.support());
            }
        }
    }

    /** The centre error over the inner half of the frames (nearest the k-space origin), the reference excluded. */
    private static double inner(Calibration c, Calibration truth, MeasurementSet data) {
        double[] radii = data.samples().stream().mapToDouble(x -> x.start().radius()).sorted().toArray();
        double median = radii[radii.length / 2];
        int ref = data.intensityFrames().referenceFrame();
        double s = 0;
        int count = 0;
        for (int j = 0; j < c.frames(); j++) {
            if (j != ref && data.sample(j).start().radius() <= median) {
                s += Math.pow(c.offset(j).y() - truth.offset(j).y(), 2) + Math.pow(c.offset(j).x() - truth.offset(j).x(), 2);
                count++;
            }
        }
        return Math.sqrt(s / Math.max(1, count));
    }

    private static double withoutReference(Calibration c, Calibration truth, MeasurementSet data) {
        int ref = data.intensityFrames().referenceFrame();
        double s = 0;
        for (int j = 0; j < c.frames(); j++) {
            if (j != ref) {
                s += Math.pow(c.offset(j).y() - truth.offset(j).y(), 2) + Math.pow(c.offset(j).x() - truth.offset(j).x(), 2);
            }
        }
        return Math.sqrt(s / (c.frames() - 1));
    }
}
