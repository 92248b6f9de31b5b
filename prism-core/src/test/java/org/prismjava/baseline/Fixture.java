package org.prismjava.baseline;

import java.util.List;
import org.prismjava.loss.LossType;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.measure.MeasurementSystem;
import org.prismjava.metrics.ImageMetrics;
import org.prismjava.objects.ObservedObject;
import org.prismjava.optics.Region;
import org.prismjava.sampling.Patterns;
import org.prismjava.sampling.Sample;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.util.SeededRandom;

/**
 * A small, well-overlapped phase-retrieval problem: a smooth positive 16 px object (a pedestal
 * and five Gaussian blobs) on a 64 grid, 32 Fermat samples over radius 32 through apertures of
 * radius 8.
 */
final class Fixture {
    static final int N = 64;
    static final int SIZE = 16;
    static final Region SUPPORT = Region.centred(N, SIZE);

    private Fixture() {
    }

    static ObservedObject object() {
        float[] a = new float[N * N];
        double[][] blobs = {{4, 5, 2.5, 0.8}, {11, 4, 2, 0.6}, {8, 11, 3, 0.9}, {3, 12, 1.5, 0.5}, {12, 12, 2, 0.7}};
        for (int i = 0; i < SIZE; i++) {
            for (int j = 0; j < SIZE; j++) {
                double v = 0.25;
                for (double[] b : blobs) {
                    double d2 = (i - b[0]) * (i - b[0]) + (j - b[1]) * (j - b[1]);
                    v += b[3] * Math.exp(-d2 / (2 * b[2] * b[2]));
                }
                a[(SUPPORT.rowFrom() + i) * N + SUPPORT.colFrom() + j] = (float) Math.sqrt(v / 1.5);
            }
        }
        return ObservedObject.of("blobs", N, a);
    }

    static MeasurementSet data(Double snrDb, long noiseSeed) {
        return data(snrDb, noiseSeed, 32);
    }

    static MeasurementSet data(Double snrDb, long noiseSeed, int count) {
        TelescopeConfig.Builder b = TelescopeConfig.builder(N).apertureRadius(8);
        if (snrDb != null) {
            b.snrDb(snrDb);
        }
        List<Sample> samples = Patterns.fermat(count, N / 2.0).generate(new SeededRandom(1));
        return MeasurementSet.acquire(MeasurementSystem.withDefaults(new SubApertureTelescope(b.build())), object(),
                samples, snrDb != null, noiseSeed);
    }

    static double ssim(float[] image) {
        float[] truth = new float[N * N];
        object().amplitudeView().get(truth);
        return ImageMetrics.onObjectCrop(image, truth, N, SIZE).ssim();
    }

    /** The mean normalised L1 data loss of an image. */
    static double loss(MeasurementSet data, float[] image) {
        return data.loss(SUPPORT, LossType.L1.create(true)).evaluate(image, data.allTerms(), null, null);
    }

    static float[] flat() {
        float[] x = new float[N * N];
        for (int r = SUPPORT.rowFrom(); r < SUPPORT.rowTo(); r++) {
            for (int c = SUPPORT.colFrom(); c < SUPPORT.colTo(); c++) {
                x[r * N + c] = 0.5f;
            }
        }
        return x;
    }
}
