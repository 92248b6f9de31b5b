package org.prismjava.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prismjava.optics.Center;
import org.prismjava.util.Checks;

/**
 * The calibration of recorded frames: frame j's relative flux {@code flux(j)} (1 = as recorded,
 * the reference frame is 1 by definition), the correction {@code offset(j)} in pixels to its
 * nominal pupil centre (the true centre is nominal + offset), and a background level per unit
 * exposure in the frames' units. Immutable; {@link #nominal} is "the instrument is exact".
 */
public final class Calibration {
    private final double[] flux;
    private final double[] dy;
    private final double[] dx;
    private final double background;

    private Calibration(double[] flux, double[] dy, double[] dx, double background) {
        this.flux = flux;
        this.dy = dy;
        this.dx = dx;
        this.background = background;
    }

    /**
     * A calibration from its parts (copied).
     *
     * @param flux each frame's relative flux, finite and {@code > 0}
     * @param dy each frame's row correction in pixels, finite
     * @param dx each frame's column correction in pixels, finite
     * @param background background per unit exposure, finite and {@code >= 0}
     */
    public static Calibration of(double[] flux, double[] dy, double[] dx, double background) {
        Checks.check(flux != null && flux.length > 0, "flux", flux == null ? "null" : "0 frames",
                "must hold one value per frame, at least one");
        Checks.check(dy != null && dy.length == flux.length, "dy.length", dy == null ? "null" : dy.length,
                "must equal the frame count " + flux.length);
        Checks.check(dx != null && dx.length == flux.length, "dx.length", dx == null ? "null" : dx.length,
                "must equal the frame count " + flux.length);
        for (int j = 0; j < flux.length; j++) {
            Checks.check(Double.isFinite(flux[j]) && flux[j] > 0, "flux[" + j + "]", flux[j], "must be finite and > 0");
            Checks.finite("dy[" + j + "]", dy[j]);
            Checks.finite("dx[" + j + "]", dx[j]);
        }
        Checks.check(Double.isFinite(background) && background >= 0, "background", background,
                "must be finite and >= 0");
        return new Calibration(flux.clone(), dy.clone(), dx.clone(), background);
    }

    /** Every frame as recorded: flux 1, no offset, the given background. */
    public static Calibration nominal(int frames, double background) {
        Checks.positive("frames", frames);
        double[] ones = new double[frames];
        Arrays.fill(ones, 1);
        return of(ones, new double[frames], new double[frames], background);
    }

    /** Number of frames. */
    public int frames() {
        return flux.length;
    }

    /** Frame {@code j}'s relative flux. */
    public double flux(int j) {
        return flux[index(j)];
    }

    /** Frame {@code j}'s pupil-centre correction in pixels (true centre = nominal + offset). */
    public Center offset(int j) {
        return new Center(dy[index(j)], dx[index(j)]);
    }

    /** The background level per unit exposure. */
    public double background() {
        return background;
    }

    /** Root-mean-square of the offsets' lengths over the frames, in pixels. */
    public double rmsOffset() {
        double s = 0;
        for (int j = 0; j < dy.length; j++) {
            s += dy[j] * dy[j] + dx[j] * dx[j];
        }
        return Math.sqrt(s / dy.length);
    }

    /** The largest offset length, in pixels. */
    public double maxOffset() {
        double m = 0;
        for (int j = 0; j < dy.length; j++) {
            m = Math.max(m, Math.hypot(dy[j], dx[j]));
        }
        return m;
    }

    /**
     * The root-mean-square distance, in pixels, between this calibration's centre corrections and
     * {@code other}'s (a recovered calibration against the true one).
     */
    public double rmsOffsetError(Calibration other) {
        requireSameFrames(other);
        double s = 0;
        for (int j = 0; j < dy.length; j++) {
            s += Math.pow(dy[j] - other.dy[j], 2) + Math.pow(dx[j] - other.dx[j], 2);
        }
        return Math.sqrt(s / dy.length);
    }

    /**
     * The root-mean-square difference of the log fluxes after removing their mean difference
     * (fluxes are relative: a common factor is the object's brightness, not a calibration).
     */
    public double rmsLogFluxError(Calibration other) {
        requireSameFrames(other);
        double mean = 0;
        for (int j = 0; j < flux.length; j++) {
            mean += Math.log(flux[j] / other.flux[j]);
        }
        mean /= flux.length;
        double s = 0;
        for (int j = 0; j < flux.length; j++) {
            s += Math.pow(Math.log(flux[j] / other.flux[j]) - mean, 2);
        }
        return Math.sqrt(s / flux.length);
    }

    private void requireSameFrames(Calibration other) {
        Checks.check(other != null && other.frames() == frames(), "other.frames()",
                other == null ? "null" : other.frames(), "must equal this calibration's " + frames());
    }

    /** {@code flux}, {@code dy}, {@code dx} (lists, one value per frame) and {@code background}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flux", list(flux));
        m.put("dy", list(dy));
        m.put("dx", list(dx));
        m.put("background", background);
        return m;
    }

    private static List<Double> list(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double d : v) {
            out.add(d);
        }
        return out;
    }

    private int index(int j) {
        Checks.check(j >= 0 && j < flux.length, "frame", j, "must be in [0, " + flux.length + ")");
        return j;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Calibration c && Arrays.equals(c.flux, flux) && Arrays.equals(c.dy, dy)
                && Arrays.equals(c.dx, dx) && Double.compare(c.background, background) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(flux) * 31 + Arrays.hashCode(dy) * 17 + Arrays.hashCode(dx) + Double.hashCode(background);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Calibration[%d frames, offsets rms %.3f px (max %.3f),"
                + " background %.4g]", frames(), rmsOffset(), maxOffset(), background);
    }
}
