package org.prismjava.baseline;

import java.util.List;
import org.prismjava.loss.LossType;
import org.prismjava.measure.DataFit;
import org.prismjava.measure.FrameUnit;
import org.prismjava.measure.MeasurementLoss;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.optics.ComplexField;
import org.prismjava.optics.Propagator;
import org.prismjava.optics.Pupil;
import org.prismjava.optics.Region;
import org.prismjava.util.Checks;
import org.prismjava.util.SeededRandom;

/**
 * The ptychographical iterative engine for Fourier ptychography with a known, fixed pupil
 * (ePIE; with {@code momentum > 0} the epoch-level momentum of mPIE): the object spectrum
 * {@code O} is updated one sub-aperture at a time, in a seeded random order each epoch,
 *
 * <pre>
 * Phi = P_j . O,  phi = B(Phi),  psi = m_j . phi / |phi|,  Psi = F(psi)
 * O  &lt;-  O + alpha conj(P_j) / max|P_j|^2 . (Psi - Phi)
 * </pre>
 *
 * and after each update the object is projected onto what is known of it: real, non-negative
 * and zero outside its support ({@code O <- F(support . max(0, Re B(O)))}). Line samples
 * (several pupils) update through each of their pupils with the incoherent amplitude. Noisy
 * amplitudes are bias-corrected before they replace the model's. With
 * held-out detector pixels, those keep the model's value in the magnitude replacement and the
 * epoch with the best held-out loss (normalised L1, or L2 to the expected recorded amplitude on
 * noisy data) is returned. Immutable.
 */
public final class Epie implements Reconstructor {
    private final Config config;

    /**
     * Settings.
     *
     * @param epochs passes over all samples at most (>= 1)
     * @param stepSize update step alpha, in (0, 2)
     * @param momentum mPIE momentum applied to each epoch's change of the spectrum, in [0, 1)
     * @param holdoutFraction fraction of detector pixels held out for early stopping, in [0, 0.5]
     * @param patience epochs without a better validation score before stopping (>= 1)
     * @param seed seed of the visiting order and of the held-out pixel draw
     */
    public record Config(int epochs, double stepSize, double momentum, double holdoutFraction, int patience,
            long seed) {
        /** The defaults: 200 epochs, alpha 1, momentum 0.5, no hold-out, patience 10, seed 0. */
        public static final Config DEFAULT = new Config(200, 1.0, 0.5, 0, 10, 0);

        /** Validates every field. */
        public Config {
            Checks.positive("epochs", epochs);
            Checks.check(stepSize > 0 && stepSize < 2, "stepSize", stepSize, "must be in (0, 2)");
            Checks.check(momentum >= 0 && momentum < 1, "momentum", momentum, "must be in [0, 1)");
            Checks.check(holdoutFraction >= 0 && holdoutFraction <= 0.5, "holdoutFraction", holdoutFraction,
                    "must be in [0, 0.5]");
            Checks.positive("patience", patience);
        }

        /** A copy with another epoch count. */
        public Config withEpochs(int v) {
            return new Config(v, stepSize, momentum, holdoutFraction, patience, seed);
        }

        /** A copy with another momentum. */
        public Config withMomentum(double v) {
            return new Config(epochs, stepSize, v, holdoutFraction, patience, seed);
        }

        /** A copy with another hold-out fraction and seed. */
        public Config withHoldout(double fraction, long holdoutSeed) {
            return new Config(epochs, stepSize, momentum, fraction, patience, holdoutSeed);
        }
    }

    /** An engine with {@code config}. */
    public Epie(Config config) {
        Checks.check(config != null, "config", null, "must be set");
        this.config = config;
    }

    /** The settings. */
    public Config config() {
        return config;
    }

    @Override
    public String name() {
        return config.momentum() > 0 ? "mpie" : "epie";
    }

    @Override
    public Reconstruction reconstruct(MeasurementSet data, Region support) {
        Checks.check(data != null, "data", null, "must be set");
        int n = data.gridSize();
        JointPhaseRetrieval.checkSupport(support, n);
        long t0 = System.nanoTime();
        Propagator prop = data.telescope().propagator();
        boolean[] heldOut = config.holdoutFraction() > 0
                ? MeasurementLoss.randomHoldout(n, config.holdoutFraction(), config.seed()) : null;
        DataFit score = heldOut != null
                ? data.fit(support, (data.isNoisy() ? LossType.L2 : LossType.L1).create(true), heldOut, null) : null;
        Engine e = new Engine(prop, support, heldOut);
        List<float[]> targets = replacementTargets(data);
        float[] x = JointPhaseRetrieval.flatStart(n, support);
        e.setObject(x);
        ComplexField velocity = ComplexField.zeros(n);
        ComplexField epochStart = ComplexField.zeros(n);
        SeededRandom order = new SeededRandom(config.seed());
        int[] perm = new int[data.size()];
        BestIterate best = score != null ? new BestIterate(config.patience()) : null;
        int epoch = 0;
        while (true) {
            e.image(x);
            if (best != null) {
                best.offer(epoch, score.validate(x, data.size()), x);
                if (best.shouldStop(epoch)) {
                    break;
                }
            }
            if (epoch == config.epochs()) {
                break;
            }
            epochStart.copyFrom(e.spectrum);
            shuffle(perm, order);
            for (int j : perm) {
                e.update(data.pupils(j), targets.get(j), config.stepSize());
            }
            if (config.momentum() > 0) {
                e.momentum(epochStart, velocity, (float) config.momentum());
            }
            epoch++;
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        if (best != null) {
            return new Reconstruction(name(), n, best.best(), epoch, best.bestIteration(), seconds, best.bestScore());
        }
        return new Reconstruction(name(), n, x, epoch, epoch, seconds, Double.NaN);
    }

    /**
     * The amplitudes the magnitude replacement uses: the measurements, bias-corrected on noisy
     * data ({@link org.prismjava.optics.NoiseModel#unbiasedAmplitude}), once per reconstruction.
     * Intensity frames give their nominal amplitude view (no self-calibration in ePIE).
     */
    private static List<float[]> replacementTargets(MeasurementSet data) {
        java.util.Optional<org.prismjava.optics.NoiseModel> noise = data.telescope().config().noise();
        List<float[]> out = new java.util.ArrayList<>();
        for (int k = 0; k < data.size(); k++) {
            if (!data.isNoisy() || noise.isEmpty() || data.unit() == FrameUnit.INTENSITY) {
                out.add(data.amplitude(k));
                continue;
            }
            float[] m = data.amplitude(k);
            float[] a = new float[m.length];
            for (int i = 0; i < m.length; i++) {
                a[i] = (float) noise.get().unbiasedAmplitude(m[i]);
            }
            out.add(a);
        }
        return out;
    }

    private static void shuffle(int[] perm, SeededRandom rng) {
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        for (int i = perm.length - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[k];
            perm[k] = t;
        }
    }

    /** The spectrum and the work fields of one reconstruction. */
    private static final class Engine {
        private final Propagator prop;
        private final int n;
        private final Region support;
        private final boolean[] heldOut;
        private final ComplexField spectrum;
        private final ComplexField work;
        private ComplexField[] fields = new ComplexField[0];
        private final float[] amplitude;

        Engine(Propagator prop, Region support, boolean[] heldOut) {
            this.prop = prop;
            this.n = prop.size();
            this.support = support;
            this.heldOut = heldOut;
            this.spectrum = ComplexField.zeros(n);
            this.work = ComplexField.zeros(n);
            this.amplitude = new float[n * n];
        }

        /** O <- F(x). */
        void setObject(float[] x) {
            spectrum.setReal(x);
            prop.toPupil(spectrum, support, 0, n);
        }

        /** x <- support . max(0, Re B(O)): the object (O is kept projected, so this only reads it). */
        void image(float[] x) {
            work.copyFrom(spectrum);
            prop.toDetector(work, Region.full(n), support.rowFrom(), support.rowTo());
            java.util.Arrays.fill(x, 0f);
            for (int r = support.rowFrom(); r < support.rowTo(); r++) {
                for (int c = support.colFrom(); c < support.colTo(); c++) {
                    x[r * n + c] = Math.max(0f, work.re(r, c));
                }
            }
        }

        /** One ePIE update through a sample's pupils, then the object projection. */
        void update(List<Pupil> pupils, float[] measured, double alpha) {
            int t = pupils.size();
            if (fields.length < t) {
                fields = new ComplexField[t];
                for (int i = 0; i < t; i++) {
                    fields[i] = ComplexField.zeros(n);
                }
            }
            java.util.Arrays.fill(amplitude, 0f);
            for (int i = 0; i < t; i++) {
                Pupil p = pupils.get(i);
                ComplexField y = fields[i];
                p.multiply(spectrum, y, false);
                prop.toDetector(y, p.box(), 0, n);
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < n; c++) {
                        float a = y.re(r, c);
                        float b = y.im(r, c);
                        amplitude[r * n + c] += a * a + b * b;
                    }
                }
            }
            float inv = 1f / t;
            for (int k = 0; k < amplitude.length; k++) {
                amplitude[k] = (float) Math.sqrt(amplitude[k] * inv);
            }
            for (int i = 0; i < t; i++) {
                Pupil p = pupils.get(i);
                ComplexField y = fields[i];
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < n; c++) {
                        int k = r * n + c;
                        if (heldOut != null && heldOut[k]) {
                            continue;
                        }
                        float a = amplitude[k];
                        if (a > 0) {
                            float s = measured[k] / a;
                            y.set(r, c, y.re(r, c) * s, y.im(r, c) * s);
                        } else {
                            y.set(r, c, measured[k], 0f);
                        }
                    }
                }
                Region box = p.box();
                prop.toPupil(y, Region.full(n), box.rowFrom(), box.rowTo());
                double pmax = 0;
                for (int r = box.rowFrom(); r < box.rowTo(); r++) {
                    for (int c = box.colFrom(); c < box.colTo(); c++) {
                        pmax = Math.max(pmax, p.re(r, c) * p.re(r, c) + p.im(r, c) * p.im(r, c));
                    }
                }
                float step = (float) (alpha / Math.max(pmax, 1e-30));
                for (int r = box.rowFrom(); r < box.rowTo(); r++) {
                    for (int c = box.colFrom(); c < box.colTo(); c++) {
                        float pr = p.re(r, c);
                        float pi = p.im(r, c);
                        if (pr == 0 && pi == 0) {
                            continue;
                        }
                        float or = spectrum.re(r, c);
                        float oi = spectrum.im(r, c);
                        float dr = y.re(r, c) - (pr * or - pi * oi);
                        float di = y.im(r, c) - (pr * oi + pi * or);
                        spectrum.set(r, c, or + step * (pr * dr + pi * di), oi + step * (pr * di - pi * dr));
                    }
                }
            }
            project();
        }

        /** O <- F(support . max(0, Re B(O))). */
        private void project() {
            prop.toDetector(spectrum, Region.full(n), support.rowFrom(), support.rowTo());
            for (int r = 0; r < n; r++) {
                boolean rowIn = r >= support.rowFrom() && r < support.rowTo();
                for (int c = 0; c < n; c++) {
                    boolean in = rowIn && c >= support.colFrom() && c < support.colTo();
                    spectrum.set(r, c, in ? Math.max(0f, spectrum.re(r, c)) : 0f, 0f);
                }
            }
            prop.toPupil(spectrum, support, 0, n);
        }

        /** mPIE: v <- beta v + (O - O_start); O <- O_start + v, then project. */
        void momentum(ComplexField start, ComplexField velocity, float beta) {
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    float vr = beta * velocity.re(r, c) + spectrum.re(r, c) - start.re(r, c);
                    float vi = beta * velocity.im(r, c) + spectrum.im(r, c) - start.im(r, c);
                    velocity.set(r, c, vr, vi);
                    spectrum.set(r, c, start.re(r, c) + vr, start.im(r, c) + vi);
                }
            }
            project();
        }
    }
}
