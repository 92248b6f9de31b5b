package org.prismjava.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.prismjava.calibration.Calibration;
import org.prismjava.objects.ObservedObject;
import org.prismjava.optics.Center;
import org.prismjava.optics.Region;
import org.prismjava.sampling.Sample;
import org.prismjava.telescope.Telescope;
import org.prismjava.util.Checks;
import org.prismjava.util.SeededRandom;

/**
 * Realistic recorded frames of an object the library knows, for testing a reconstruction of
 * measured data against the truth: intensity frames in counts with Poisson noise, optional
 * Gaussian read noise, a per-frame flux error, a background and pupil centres that are off their
 * nominal places. The frames are predicted by the same forward model the intensity fit uses
 * ({@link ShiftedPrediction}), so a reconstruction that recovers the calibration can explain
 * them to their noise. Stateless.
 */
public final class FrameSimulator {
    private FrameSimulator() {
    }

    /**
     * What the instrument adds.
     *
     * @param photons expected counts of the frame nearest the k-space origin, before its flux
     *     error and without background ({@code > 0})
     * @param readNoise Gaussian read noise in counts ({@code >= 0})
     * @param positionError root-mean-square length of the pupil-centre errors in pixels
     *     ({@code >= 0}; each coordinate normal with deviation {@code positionError / sqrt 2})
     * @param fluxJitter deviation of each frame's log flux ({@code >= 0}; 0.1 is about 10%)
     * @param background background per pixel as a fraction of the peak expected count of the
     *     frame nearest the origin ({@code >= 0})
     */
    public record Settings(double photons, double readNoise, double positionError, double fluxJitter,
            double background) {
        /** Validates every setting. */
        public Settings {
            Checks.positive("photons", photons);
            Checks.check(Double.isFinite(readNoise) && readNoise >= 0, "readNoise", readNoise, "must be finite and >= 0");
            Checks.check(Double.isFinite(positionError) && positionError >= 0, "positionError", positionError,
                    "must be finite and >= 0 pixels");
            Checks.check(Double.isFinite(fluxJitter) && fluxJitter >= 0, "fluxJitter", fluxJitter,
                    "must be finite and >= 0");
            Checks.check(Double.isFinite(background) && background >= 0, "background", background,
                    "must be finite and >= 0");
        }

        /** Poisson noise only: exact positions and fluxes, no background, no read noise. */
        public static Settings photonsOnly(double photons) {
            return new Settings(photons, 0, 0, 0, 0);
        }
    }

    /**
     * Simulated frames and the truth behind them.
     *
     * @param data the recorded set (nominal centres, counts), as a reader of the file would build it
     * @param truth the frames' true calibration (fluxes as drawn, offsets in pixels, background
     *     in counts per pixel)
     * @param scale the counts per pixel of a unit amplitude of the object, before flux errors
     */
    public record Result(MeasurementSet data, Calibration truth, double scale) {
        /**
         * The truth as the set's calibration sees it: fluxes relative to the set's reference
         * frame (whose flux an estimate keeps at 1).
         */
        public Calibration truthRelativeToReference() {
            int ref = data.intensityFrames().referenceFrame();
            double[] flux = new double[truth.frames()];
            double[] dy = new double[flux.length];
            double[] dx = new double[flux.length];
            for (int j = 0; j < flux.length; j++) {
                flux[j] = truth.flux(j) / truth.flux(ref);
                dy[j] = truth.offset(j).y();
                dx[j] = truth.offset(j).x();
            }
            return Calibration.of(flux, dy, dx, truth.background());
        }

        /**
         * The object's amplitude in the set's units (row-major N*N): the image a perfect
         * reconstruction of these frames returns, {@code x sqrt(scale g_ref / s)} with {@code s}
         * the set's {@link IntensityFrames#scale()}.
         */
        public float[] objectInSetUnits(ObservedObject object) {
            int ref = data.intensityFrames().referenceFrame();
            float factor = (float) Math.sqrt(scale * truth.flux(ref) / data.intensityFrames().scale());
            float[] x = object.amplitudes();
            for (int i = 0; i < x.length; i++) {
                x[i] *= factor;
            }
            return x;
        }
    }

    /**
     * Records {@code object} through the point samples' nominal centres with the instrument's
     * errors. Draws are seeded: the calibration from {@code SeededRandom.stream(seed, 0)}, frame
     * k's noise from {@code SeededRandom.stream(seed, k + 1)}.
     */
    public static Result simulate(Telescope telescope, ObservedObject object, List<Sample> samples, Settings settings,
            long seed) {
        Checks.check(telescope != null && object != null && settings != null, "telescope/object/settings", null,
                "must be set");
        Checks.check(samples != null && !samples.isEmpty(), "samples", samples, "must hold at least one sample");
        int n = telescope.gridSize();
        Checks.check(object.size() == n, "object.size()", object.size(), "must equal the telescope grid " + n);
        for (int k = 0; k < samples.size(); k++) {
            Checks.check(samples.get(k).isPoint(), "samples[" + k + "]", samples.get(k),
                    "must be a point: recorded frames have one pupil centre each");
        }
        int frames = samples.size();
        SeededRandom draws = SeededRandom.stream(seed, 0);
        double[] flux = new double[frames];
        double[] dy = new double[frames];
        double[] dx = new double[frames];
        double sigma = settings.positionError() / Math.sqrt(2);
        for (int j = 0; j < frames; j++) {
            flux[j] = Math.exp(settings.fluxJitter() * draws.nextGaussian());
            dy[j] = sigma * draws.nextGaussian();
            dx[j] = sigma * draws.nextGaussian();
        }
        float[] x = object.amplitudes();
        Region square = Region.centred(n, object.squareSize());
        ShiftedPrediction prediction = new ShiftedPrediction(telescope.propagator(), square);
        int reference = RecordedFrames.nearestOrigin(samples.stream().map(Sample::start).toList());
        float[] a = new float[n * n];
        prediction.forward(x, telescope.pupil(samples.get(reference).start()), 0, 0, a);
        double total = 0;
        double peak = 0;
        for (float v : a) {
            total += v * v;
            peak = Math.max(peak, v * v);
        }
        Checks.check(total > 0, "object", object.name(), "must be seen by the frame nearest the k-space origin");
        double scale = settings.photons() / total;
        double background = settings.background() * scale * peak;
        RecordedFrames out = MeasurementSet.recorded(telescope, object.squareSize()).readNoise(settings.readNoise());
        for (int j = 0; j < frames; j++) {
            Center nominal = samples.get(j).start();
            prediction.forward(x, telescope.pupil(nominal), dy[j], dx[j], a);
            SeededRandom noise = SeededRandom.stream(seed, j + 1);
            float[] counts = new float[n * n];
            for (int i = 0; i < counts.length; i++) {
                double lambda = scale * flux[j] * a[i] * a[i] + background;
                double c = noise.nextPoisson(lambda);
                if (settings.readNoise() > 0) {
                    c += settings.readNoise() * noise.nextGaussian();
                }
                counts[i] = (float) c;
            }
            out.addFrame(String.format(Locale.ROOT, "simulated frame %d", j + 1), nominal, counts, 1);
        }
        return new Result(out.build(), Calibration.of(flux, dy, dx, background), scale);
    }
}
