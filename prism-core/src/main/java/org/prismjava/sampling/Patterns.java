package org.prismjava.sampling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.prismjava.optics.Center;
import org.prismjava.util.Checks;

/**
 * The built-in sampling patterns (spec 5.2-5.5) and the line variant of any point pattern.
 * Every factory validates its parameters.
 */
public final class Patterns {
    /** The golden angle used by the Fermat spiral, 137.508 degrees. */
    public static final double GOLDEN_ANGLE = Math.toRadians(137.508);

    private Patterns() {
    }

    /**
     * Fermat (golden-angle) spiral, the default: {@code r_m = (rMax / sqrt n) sqrt m},
     * {@code phi_m = m 137.508 deg}, index 0 exactly at DC, radius increasing; points beyond
     * {@code rCutoff} are dropped.
     */
    public static SamplingPattern fermat(int n, double rMax, double rCutoff) {
        Checks.positive("n", n);
        Checks.positive("rMax", rMax);
        Checks.positive("rCutoff", rCutoff);
        return named("fermat", rng -> {
            double c = rMax / Math.sqrt(n);
            List<Sample> out = new ArrayList<>();
            for (int m = 0; m < n; m++) {
                double r = c * Math.sqrt(m);
                if (r > rCutoff) {
                    break;
                }
                double phi = GOLDEN_ANGLE * m;
                out.add(Sample.point(r * Math.sin(phi), r * Math.cos(phi)));
            }
            return out;
        });
    }

    /** Fermat spiral without a cutoff. */
    public static SamplingPattern fermat(int n, double rMax) {
        return fermat(n, rMax, rMax);
    }

    /**
     * Uniform random points in a disk of radius {@code rMax}, sorted by radius, the farthest
     * replaced by DC so the first sample is DC (spec 5.3).
     */
    public static SamplingPattern randomDisk(int n, double rMax) {
        Checks.positive("n", n);
        Checks.positive("rMax", rMax);
        return named("random", rng -> {
            double[] r = new double[n];
            int far = 0;
            for (int i = 0; i < n; i++) {
                r[i] = rMax * Math.sqrt(rng.nextDouble());
                if (r[i] > r[far]) {
                    far = i;
                }
            }
            r[far] = 0;
            List<Sample> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double t = 2 * Math.PI * rng.nextDouble();
                out.add(Sample.point(r[i] * Math.sin(t), r[i] * Math.cos(t)));
            }
            out.sort(Comparator.comparingDouble(s -> s.start().radius()));
            return out;
        });
    }

    /**
     * Star of radial lines of length {@code lineLength} (spec 5.4): radii {@code 0, L, 2L, ...}
     * below {@code rMax - L/2}, {@code 2 nAngles} directions, only {@code nAngles} lines through
     * the centre.
     */
    public static SamplingPattern star(double lineLength, int nAngles, double rMax) {
        Checks.positive("lineLength", lineLength);
        Checks.positive("nAngles", nAngles);
        Checks.positive("rMax", rMax);
        Checks.check(lineLength < 2 * rMax, "lineLength", lineLength, "must be < 2 rMax = " + 2 * rMax);
        return named("star", rng -> {
            List<Sample> out = new ArrayList<>();
            for (double rho = 0; rho < rMax - lineLength / 2; rho += lineLength) {
                for (int a = 0; a < 2 * nAngles; a++) {
                    double alpha = a * Math.PI / nAngles;
                    if (rho == 0 && alpha >= Math.PI - 1e-12) {
                        continue;
                    }
                    double uy = Math.sin(alpha);
                    double ux = Math.cos(alpha);
                    out.add(Sample.line(new Center((rho - lineLength / 2) * uy, (rho - lineLength / 2) * ux),
                            new Center((rho + lineLength / 2) * uy, (rho + lineLength / 2) * ux)));
                }
            }
            return out;
        });
    }

    /**
     * Exactly {@code n} samples on concentric circles inside the disk of radius {@code rMax}:
     * DC first, then {@code R = max(1, round(sqrt((n - 1) / 3)))} rings at the mid-radii
     * {@code rMax (i + 1/2) / R} of equal annuli (so no ring touches the disk's edge, which
     * for {@code rMax = N/2} is the grid's edge), with points in proportion to each ring's
     * radius (about six on the innermost), evenly spaced.
     */
    public static SamplingPattern concentricCircles(int n, double rMax) {
        Checks.positive("n", n);
        Checks.positive("rMax", rMax);
        return named("circles", rng -> {
            List<Sample> out = new ArrayList<>();
            out.add(Sample.point(0, 0));
            int rings = (int) Math.max(1, Math.round(Math.sqrt((n - 1) / 3.0)));
            double weights = rings * (rings + 1) / 2.0;
            int placed = 0;
            for (int i = 0; i < rings; i++) {
                int k = i == rings - 1 ? n - 1 - placed : (int) Math.round((n - 1) * (i + 1) / weights);
                k = Math.min(k, n - 1 - placed);
                double r = rMax * (i + 0.5) / rings;
                for (int j = 0; j < k; j++) {
                    double t = 2 * Math.PI * j / k;
                    out.add(Sample.point(r * Math.sin(t), r * Math.cos(t)));
                }
                placed += k;
            }
            return out;
        });
    }

    /**
     * Exactly {@code n} samples from a jittered square grid strictly inside the disk of radius
     * {@code rMax}: the grid is the coarsest whose jittered points (Gaussian jitter of 0.1
     * spacing) inside the disk number at least {@code n - 1}, thinned at random to
     * {@code n - 1}; DC first, the rest sorted by radius.
     */
    public static SamplingPattern jitteredGrid(int n, double rMax) {
        Checks.check(n >= 2, "n", n, "must be >= 2");
        Checks.positive("rMax", rMax);
        return named("jittered", rng -> {
            for (int g = Math.max(2, (int) Math.ceil(Math.sqrt(n * 4 / Math.PI))); ; g++) {
                double spacing = 2 * rMax / (g - 1);
                List<Sample> points = new ArrayList<>();
                for (int i = 0; i < g; i++) {
                    for (int j = 0; j < g; j++) {
                        double y = -rMax + i * spacing + 0.1 * spacing * rng.nextGaussian();
                        double x = -rMax + j * spacing + 0.1 * spacing * rng.nextGaussian();
                        if (Math.hypot(y, x) < rMax && Math.hypot(y, x) > spacing / 2) {
                            points.add(Sample.point(y, x));
                        }
                    }
                }
                if (points.size() >= n - 1) {
                    while (points.size() > n - 1) {
                        points.remove(rng.nextInt(points.size()));
                    }
                    points.sort(Comparator.comparingDouble(s -> s.start().radius()));
                    List<Sample> out = new ArrayList<>();
                    out.add(Sample.point(0, 0));
                    out.addAll(points);
                    return out;
                }
            }
        });
    }

    /**
     * The line variant of a point pattern: each point becomes a segment of {@code length}
     * through it, at {@code angle} radians, or a uniformly random angle per line when
     * {@code angle} is NaN (spec 5.2).
     */
    public static SamplingPattern lines(SamplingPattern points, double length, double angle) {
        Checks.positive("length", length);
        Checks.check(Double.isNaN(angle) || Double.isFinite(angle), "angle", angle, "must be finite or NaN (random)");
        return named(points.name() + "-lines", rng -> {
            List<Sample> out = new ArrayList<>();
            for (Sample s : points.generate(rng)) {
                Checks.check(s.isPoint(), "points", points.name(), "must be a point pattern");
                double t = Double.isNaN(angle) ? 2 * Math.PI * rng.nextDouble() : angle;
                double dy = length / 2 * Math.sin(t);
                double dx = length / 2 * Math.cos(t);
                Center c = s.start();
                out.add(Sample.line(new Center(c.y() - dy, c.x() - dx), new Center(c.y() + dy, c.x() + dx)));
            }
            return out;
        });
    }

    /** A user-supplied, fixed list of samples (validated non-empty; order kept). */
    public static SamplingPattern custom(String name, List<Sample> samples) {
        Checks.check(name != null && !name.isBlank(), "name", name, "must be non-blank");
        Checks.check(samples != null && !samples.isEmpty(), "samples", samples, "must hold at least one sample");
        List<Sample> copy = List.copyOf(samples);
        return named(name, rng -> copy);
    }

    /** A built-in point pattern by name (fermat, random, circles or jittered), of exactly {@code n} samples. */
    public static SamplingPattern builtin(String name, int n, double rMax) {
        return switch (name) {
            case "fermat" -> fermat(n, rMax);
            case "random" -> randomDisk(n, rMax);
            case "circles" -> concentricCircles(n, rMax);
            case "jittered" -> jitteredGrid(n, rMax);
            default -> throw Checks.invalid("pattern", name, "must be one of fermat, random, circles, jittered");
        };
    }

    private static SamplingPattern named(String name, java.util.function.Function<org.prismjava.util.SeededRandom,
            List<Sample>> gen) {
        return new SamplingPattern() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Sample> generate(org.prismjava.util.SeededRandom rng) {
                List<Sample> s = gen.apply(rng);
                Checks.check(!s.isEmpty(), "pattern " + name, "empty", "generated no samples");
                return List.copyOf(s);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
