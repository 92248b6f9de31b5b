package org.prismjava.calibration;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.prismjava.model.Adam;
import org.prismjava.model.AdamConfig;
import org.prismjava.model.ParameterSet;
import org.prismjava.util.Checks;

/**
 * The estimator of a {@link Calibration}: a data term adds the gradient of its loss with respect to
 * each frame's log flux, pupil-centre offset and the background ({@code add...}), and
 * {@link #step()} takes one Adam step on the parts the {@link CalibrationConfig} estimates. The
 * reference frame's flux stays 1 (a common factor of every flux is the object's brightness).
 * Gaussian priors on the offsets and log fluxes ({@link #addPriorGradient}) keep frames whose
 * data do not fix them at their recorded values.
 * Offsets longer than {@code maxOffset} and fluxes beyond {@code maxFluxRatio} are held at the
 * bound and the frames listed by {@link #framesAtBound()}. Not thread-safe; one per fit.
 */
public final class SelfCalibration {
    private final CalibrationConfig config;
    private final int frames;
    private final int reference;
    private final double backgroundScale;
    private final ParameterSet logFlux;
    private final ParameterSet offsets;
    private final ParameterSet background;
    private final Adam fluxAdam;
    private final Adam offsetAdam;
    private final Adam backgroundAdam;
    private final TreeSet<Integer> atBound = new TreeSet<>();
    private Calibration current;

    /**
     * @param config what is estimated
     * @param start the first estimate (its reference frame's flux should be 1)
     * @param referenceFrame the frame whose flux is fixed
     * @param backgroundScale the data's background scale ({@code > 0}): the background moves by
     *     about {@code backgroundStep * backgroundScale} per step
     */
    public SelfCalibration(CalibrationConfig config, Calibration start, int referenceFrame, double backgroundScale) {
        Checks.check(config != null, "config", null, "must be set");
        Checks.check(start != null, "start", null, "must be set");
        Checks.check(referenceFrame >= 0 && referenceFrame < start.frames(), "referenceFrame", referenceFrame,
                "must be in [0, " + start.frames() + ")");
        Checks.positive("backgroundScale", backgroundScale);
        this.config = config;
        this.frames = start.frames();
        this.reference = referenceFrame;
        this.backgroundScale = backgroundScale;
        this.logFlux = ParameterSet.vector("logFlux", frames);
        this.offsets = ParameterSet.vector("offsets", 2 * frames);
        this.background = ParameterSet.vector("background", 1);
        FloatBuffer f = logFlux.valueBuffer();
        FloatBuffer o = offsets.valueBuffer();
        for (int j = 0; j < frames; j++) {
            f.put(j, (float) Math.log(start.flux(j)));
            o.put(2 * j, (float) start.offset(j).y());
            o.put(2 * j + 1, (float) start.offset(j).x());
        }
        background.valueBuffer().put(0, (float) (start.background() / backgroundScale));
        this.fluxAdam = new Adam(logFlux, AdamConfig.of(config.fluxStep(), false));
        this.offsetAdam = new Adam(offsets, AdamConfig.of(config.positionStep(), false));
        this.backgroundAdam = new Adam(background, AdamConfig.of(config.backgroundStep(), false));
        this.current = start;
        clearGradients();
    }

    /** What is estimated. */
    public CalibrationConfig config() {
        return config;
    }

    /** The frame whose flux is fixed at 1. */
    public int referenceFrame() {
        return reference;
    }

    /** The current estimate. */
    public Calibration current() {
        return current;
    }

    /** Zeroes the accumulated gradients. */
    public void clearGradients() {
        logFlux.gradients().assign(0);
        offsets.gradients().assign(0);
        background.gradients().assign(0);
    }

    /** Adds {@code d loss / d log flux(j)}. */
    public void addFluxGradient(int j, double g) {
        FloatBuffer b = logFlux.gradientBuffer();
        b.put(j, (float) (b.get(j) + g));
    }

    /** Adds {@code d loss / d offset(j)}, row and column, per pixel. */
    public void addOffsetGradient(int j, double gy, double gx) {
        FloatBuffer b = offsets.gradientBuffer();
        b.put(2 * j, (float) (b.get(2 * j) + gy));
        b.put(2 * j + 1, (float) (b.get(2 * j + 1) + gx));
    }

    /** Adds {@code d loss / d background}. */
    public void addBackgroundGradient(double g) {
        FloatBuffer b = background.gradientBuffer();
        b.put(0, (float) (b.get(0) + g * backgroundScale));
    }

    /**
     * The gradient accumulated since the last step or clear, in the layout
     * {@code [d/d log flux(0..F-1), d/d dy(0..F-1), d/d dx(0..F-1), d/d background]} (per unit of
     * each: log flux, pixel, count).
     */
    public double[] accumulatedGradient() {
        double[] g = new double[3 * frames + 1];
        FloatBuffer f = logFlux.gradientBuffer();
        FloatBuffer o = offsets.gradientBuffer();
        for (int j = 0; j < frames; j++) {
            g[j] = f.get(j);
            g[frames + j] = o.get(2 * j);
            g[2 * frames + j] = o.get(2 * j + 1);
        }
        g[3 * frames] = background.gradientBuffer().get(0) / backgroundScale;
        return g;
    }

    /**
     * Adds the gradient of the priors of frames {@code 0..count-1} ({@link CalibrationConfig#positionPrior},
     * {@link CalibrationConfig#fluxPrior}: {@code |offset|^2 / (2 sigma^2)} and
     * {@code log flux^2 / (2 sigma^2)} each), times {@code weight}: the data term's scale.
     */
    public void addPriorGradient(int count, double weight) {
        double py = weight / (config.positionPrior() * config.positionPrior());
        double pf = weight / (config.fluxPrior() * config.fluxPrior());
        FloatBuffer o = offsets.valueBuffer();
        FloatBuffer f = logFlux.valueBuffer();
        for (int j = 0; j < count; j++) {
            addOffsetGradient(j, py * o.get(2 * j), py * o.get(2 * j + 1));
            addFluxGradient(j, pf * f.get(j));
        }
    }

    /** One Adam step on the estimated parts from the accumulated gradients, then the bounds; clears the gradients. */
    public void step() {
        if (config.flux()) {
            logFlux.gradientBuffer().put(reference, 0f);
            fluxAdam.step(config.fluxStep());
        }
        if (config.positions()) {
            offsetAdam.step(config.positionStep());
        }
        if (config.background()) {
            backgroundAdam.step(config.backgroundStep());
        }
        enforceBounds();
        clearGradients();
        current = read();
    }

    private void enforceBounds() {
        FloatBuffer f = logFlux.valueBuffer();
        FloatBuffer o = offsets.valueBuffer();
        double maxLog = Math.log(config.maxFluxRatio());
        for (int j = 0; j < frames; j++) {
            double v = f.get(j);
            if (Math.abs(v) > maxLog) {
                f.put(j, (float) Math.copySign(maxLog, v));
                atBound.add(j);
            }
            double y = o.get(2 * j);
            double x = o.get(2 * j + 1);
            double r = Math.hypot(y, x);
            if (r > config.maxOffset()) {
                double s = config.maxOffset() / r;
                o.put(2 * j, (float) (y * s));
                o.put(2 * j + 1, (float) (x * s));
                atBound.add(j);
            }
        }
        FloatBuffer b = background.valueBuffer();
        if (b.get(0) < 0) {
            b.put(0, 0f);
        }
    }

    private Calibration read() {
        FloatBuffer f = logFlux.valueBuffer();
        FloatBuffer o = offsets.valueBuffer();
        double[] flux = new double[frames];
        double[] dy = new double[frames];
        double[] dx = new double[frames];
        for (int j = 0; j < frames; j++) {
            flux[j] = Math.exp(f.get(j));
            dy[j] = o.get(2 * j);
            dx[j] = o.get(2 * j + 1);
        }
        return Calibration.of(flux, dy, dx, background.valueBuffer().get(0) * backgroundScale);
    }

    /**
     * Negates the reference frame's offset (its twin: at the k-space origin the frame of a real
     * object tells an offset from its negative only through the object's asymmetry); the caller
     * keeps whichever explains the data better.
     */
    public void reflectReferenceOffset() {
        FloatBuffer o = offsets.valueBuffer();
        o.put(2 * reference, -o.get(2 * reference));
        o.put(2 * reference + 1, -o.get(2 * reference + 1));
        current = read();
    }

    /** Frames whose offset or flux reached its bound at some step, in order. */
    public List<Integer> framesAtBound() {
        return new ArrayList<>(atBound);
    }

    /** A copy of the estimator's state, for checkpoints. */
    public State state() {
        return new State(logFlux.copyValues(), offsets.copyValues(), background.copyValues(), fluxAdam.state(),
                offsetAdam.state(), backgroundAdam.state(), framesAtBound());
    }

    /** Restores a state taken from an estimator over the same frames. */
    public void restore(State s) {
        Checks.check(s != null && s.logFlux().length == frames && s.offsets().length == 2 * frames
                && s.background().length == 1, "calibration state", s == null ? "null" : s.logFlux().length + " frames",
                "must hold " + frames + " frames");
        logFlux.setValues(s.logFlux());
        offsets.setValues(s.offsets());
        background.setValues(s.background());
        fluxAdam.restore(s.fluxMoments());
        offsetAdam.restore(s.offsetMoments());
        backgroundAdam.restore(s.backgroundMoments());
        atBound.clear();
        atBound.addAll(s.framesAtBound());
        current = read();
    }

    /**
     * The estimator's state: parameter values (log flux, offsets as y,x pairs, background in
     * background scales), the three Adam moments and the frames that reached a bound.
     */
    public record State(float[] logFlux, float[] offsets, float[] background, Adam.State fluxMoments,
            Adam.State offsetMoments, Adam.State backgroundMoments, List<Integer> framesAtBound) {
        /** Copies the lists and arrays. */
        public State {
            logFlux = logFlux.clone();
            offsets = offsets.clone();
            background = background.clone();
            framesAtBound = List.copyOf(framesAtBound);
        }
    }
}
