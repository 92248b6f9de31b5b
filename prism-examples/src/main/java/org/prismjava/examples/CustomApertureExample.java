package org.prismjava.examples;

import java.util.Locale;
import org.prismjava.objects.TestObjects;
import org.prismjava.optics.Aperture;
import org.prismjava.optics.Center;
import org.prismjava.optics.HexagonalAperture;
import org.prismjava.sampling.Patterns;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.train.ProgressiveTrainer;
import org.prismjava.train.TrainerConfig;
import org.prismjava.train.TrainingResult;

/**
 * Custom optics: a segmented sub-aperture (seven hexagonal segments, like a small segmented
 * mirror) with a defocus aberration, written as an {@link Aperture} and plugged into the
 * telescope. The trainer uses it for every measurement and in its differentiable model.
 */
public final class CustomApertureExample {
    private CustomApertureExample() {
    }

    /**
     * Seven hexagons (one central, six around it) of apothem {@code a}, with a quadratic phase
     * of {@code defocusWaves} waves at the rim.
     */
    record SegmentedDefocusedAperture(double apothem, double defocusWaves) implements Aperture {
        private static final double GAP = 0.5;

        @Override
        public double boundingRadius() {
            return 3 * apothem * 2 / Math.sqrt(3) + 2 * GAP;
        }

        @Override
        public double amplitude(double dy, double dx) {
            HexagonalAperture segment = new HexagonalAperture(apothem);
            if (segment.amplitude(dy, dx) > 0) {
                return 1;
            }
            double pitch = 2 * apothem + GAP;
            for (int k = 0; k < 6; k++) {
                double angle = Math.PI / 6 + k * Math.PI / 3;
                if (segment.amplitude(dy - pitch * Math.sin(angle), dx - pitch * Math.cos(angle)) > 0) {
                    return 1;
                }
            }
            return 0;
        }

        @Override
        public double phase(double dy, double dx) {
            double rho2 = (dy * dy + dx * dx) / (boundingRadius() * boundingRadius());
            return 2 * Math.PI * defocusWaves * rho2;
        }
    }

    /** Reconstructs the built-in Siemens star through the segmented, defocused sub-apertures. */
    public static void main(String[] args) {
        int n = 128;
        Aperture segmented = new SegmentedDefocusedAperture(3.0, 0.25);
        Telescope telescope = new SubApertureTelescope(TelescopeConfig.builder(n).aperture(segmented).build());
        System.out.printf(Locale.ROOT, "segmented pupil at DC transmits %d pixels%n",
                telescope.pupil(Center.ORIGIN).pixelCount());
        TrainingResult r = ProgressiveTrainer.builder().setTelescope(telescope)
                .setObject(TestObjects.siemensStar(n, 32, 16)).setPattern(Patterns.fermat(32, n / 2.0))
                .optConfig(TrainerConfig.DEFAULT).build().run();
        r.quality().ifPresent(q -> System.out.printf(Locale.ROOT, "SSIM %.3f, PSNR %.2f dB after %d samples%n",
                q.ssim(), q.psnr(), r.samples().size()));
    }
}
