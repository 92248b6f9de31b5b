package org.prismjava.compare;

import java.util.ArrayList;
import java.util.List;
import org.prismjava.baseline.Reconstruction;
import org.prismjava.baseline.Reconstructor;
import org.prismjava.calibration.CalibrationConfig;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.measure.MeasurementSystem;
import org.prismjava.metrics.ImageMetrics;
import org.prismjava.objects.ObservedObject;
import org.prismjava.optics.Region;
import org.prismjava.sampling.Sample;
import org.prismjava.sampling.SamplingPattern;
import org.prismjava.telescope.Telescope;
import org.prismjava.train.Algorithm;
import org.prismjava.train.PrismReconstructor;
import org.prismjava.train.ProgressiveTrainer;
import org.prismjava.train.RunSeeds;
import org.prismjava.train.TrainerConfig;
import org.prismjava.train.TrainingListener;
import org.prismjava.util.Checks;
import org.prismjava.util.SeededRandom;

/**
 * PRISM and classical baselines on identical measurements: one {@link MeasurementSet} is acquired
 * (the pattern, noise draw and held-out pixels follow from the PRISM configuration's seed exactly
 * as in a {@link ProgressiveTrainer} run), every method reconstructs from it, and each result is
 * scored against the ground truth on the object square with the same metrics.
 */
public final class Comparison {
    private Comparison() {
    }

    /**
     * One method's result.
     *
     * @param reconstruction the image and its cost (iterations = optimizer steps for PRISM)
     * @param quality SSIM, PSNR and RMSE against the ground truth on the object square
     */
    public record Entry(Reconstruction reconstruction, ImageMetrics.Quality quality) {
        /** The method's name. */
        public String method() {
            return reconstruction.method();
        }
    }

    /**
     * A comparison's outcome.
     *
     * @param data the measurements every method used
     * @param support the object square the methods reconstruct into
     * @param entries one per method, PRISM first when it ran
     */
    public record Result(MeasurementSet data, Region support, List<Entry> entries) {
        /** Copies the list. */
        public Result {
            entries = List.copyOf(entries);
        }
    }

    /**
     * Runs PRISM (when {@code prism} is not null) and every baseline on the same measurements.
     *
     * @param seed the run seed: it fixes the pattern's draw, the noise and (through
     *     {@link RunSeeds#holdout()}) the held-out pixels the baselines should be given
     * @param prism the trainer settings, whose seed must be {@code seed}; null runs the baselines only
     * @param listeners added to the PRISM trainer (progress, for example)
     */
    public static Result run(Telescope telescope, ObservedObject object, SamplingPattern pattern, long seed,
            TrainerConfig prism, List<Reconstructor> baselines, List<TrainingListener> listeners) {
        Checks.check(telescope != null && object != null && pattern != null, "telescope/object/pattern", null,
                "are required");
        Checks.check(baselines != null && listeners != null, "baselines/listeners", null, "must be lists");
        Checks.check(prism == null || prism.seed() == seed, "prism.seed()", prism == null ? null : prism.seed(),
                "must be the comparison's seed " + seed);
        RunSeeds seeds = RunSeeds.of(seed);
        List<Sample> samples = pattern.generate(new SeededRandom(seeds.pattern()));
        boolean noise = prism == null || prism.addNoise();
        MeasurementSet data = MeasurementSet.acquire(MeasurementSystem.withDefaults(telescope), object, samples, noise,
                seeds.noise());
        Region support = Region.centred(telescope.gridSize(), object.squareSize());
        float[] truth = new float[telescope.gridSize() * telescope.gridSize()];
        object.amplitudeView().get(truth);
        List<Entry> entries = new ArrayList<>();
        if (prism != null && prism.algorithm() == Algorithm.REPLAY) {
            Reconstruction rec = new PrismReconstructor(prism, CalibrationConfig.DEFAULT, null, listeners)
                    .reconstruct(data, support);
            entries.add(new Entry(rec, score(rec, truth, support)));
        } else if (prism != null) {
            ProgressiveTrainer.Builder b = ProgressiveTrainer.builder().setTelescope(telescope).setObject(object)
                    .setPattern(pattern).optConfig(prism);
            listeners.forEach(b::addListener);
            Reconstruction rec = PrismReconstructor.asReconstruction("prism-reference", b.build().run());
            entries.add(new Entry(rec, score(rec, truth, support)));
        }
        for (Reconstructor m : baselines) {
            Reconstruction rec = m.reconstruct(data, support);
            entries.add(new Entry(rec, score(rec, truth, support)));
        }
        return new Result(data, support, entries);
    }

    private static ImageMetrics.Quality score(Reconstruction r, float[] truth, Region support) {
        return ImageMetrics.onObjectCrop(r.image(), truth, r.gridSize(), support.height());
    }
}
