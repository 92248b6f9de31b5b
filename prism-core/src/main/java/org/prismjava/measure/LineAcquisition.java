package org.prismjava.measure;

import java.util.ArrayList;
import java.util.List;
import org.prismjava.optics.Center;
import org.prismjava.sampling.Sample;
import org.prismjava.util.Checks;

/**
 * How a line sample is discretised into aperture positions (spec 3.5): FAST spaces positions
 * about half an aperture diameter apart ({@code int(L / r) + 1}), ACCURATE uses
 * {@code int(L samplesPerPixel)}; never fewer than {@code minSamples}. Positions include both
 * ends. Both the target and the prediction of a line sample use the same positions and the same
 * operator: the amplitude {@code sqrt(mean_t I_t)} (the reference's unit mismatch is fixed).
 *
 * @param mode spacing rule
 * @param samplesPerPixel positions per pixel of length in ACCURATE mode, {@code > 0}
 * @param minSamples lower bound on positions, {@code >= 2}
 */
public record LineAcquisition(Mode mode, double samplesPerPixel, int minSamples) {
    /** Spacing rules. */
    public enum Mode {
        /** About two positions per aperture diameter. */
        FAST,
        /** {@code samplesPerPixel} positions per pixel of length. */
        ACCURATE
    }

    /** The reference defaults: FAST, 1 sample per pixel, at least 2 positions. */
    public static final LineAcquisition DEFAULT = new LineAcquisition(Mode.FAST, 1.0, 2);

    /** Validates. */
    public LineAcquisition {
        Checks.check(mode != null, "mode", null, "must be FAST or ACCURATE");
        Checks.positive("samplesPerPixel", samplesPerPixel);
        Checks.check(minSamples >= 2, "minSamples", minSamples, "must be >= 2");
    }

    /** Number of positions for a segment of {@code length} pixels and aperture radius {@code r}. */
    public int positionCount(double length, double apertureRadius) {
        int count = mode == Mode.FAST ? (int) (length / apertureRadius) + 1 : (int) (length * samplesPerPixel);
        return Math.max(minSamples, count);
    }

    /** The aperture positions of a sample: the point itself, or evenly spaced along the line. */
    public List<Center> positions(Sample s, double apertureRadius) {
        if (s.isPoint()) {
            return List.of(s.start());
        }
        int m = positionCount(s.length(), apertureRadius);
        List<Center> out = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            double t = (double) i / (m - 1);
            out.add(new Center(s.start().y() + t * (s.end().y() - s.start().y()),
                    s.start().x() + t * (s.end().x() - s.start().x())));
        }
        return out;
    }
}
