package org.prismjava.objects;

import org.prismjava.util.Checks;
import org.prismjava.util.SeededRandom;

/**
 * Procedural objects generated in code (nothing is downloaded or shipped): a Europa-like moon,
 * a Siemens star and a bar resolution target. Each is an {@code objectSize x objectSize}
 * intensity pattern in [0, 1], converted to amplitude (sqrt) and zero-padded into the centre
 * of an N x N grid, as image loading does (spec 9.3).
 */
public final class TestObjects {
    private TestObjects() {
    }

    /** The names accepted by {@link #byName}. */
    public static final java.util.List<String> NAMES = java.util.List.of("europa", "siemens-star", "bars");

    /** A built-in object by name. */
    public static ObservedObject byName(String name, int gridSize, int objectSize, long seed) {
        return switch (name) {
            case "europa" -> europaLike(gridSize, objectSize, seed);
            case "siemens-star" -> siemensStar(gridSize, objectSize, 16);
            case "bars" -> resolutionBars(gridSize, objectSize);
            default -> throw Checks.invalid("object", name, "must be one of " + NAMES);
        };
    }

    /**
     * A limb-darkened disk filling the square, with seeded dark lineae (great-circle-like
     * streaks), bright spots and mottling: a stand-in for Europa.
     */
    public static ObservedObject europaLike(int gridSize, int objectSize, long seed) {
        checkSizes(gridSize, objectSize);
        SeededRandom rng = new SeededRandom(seed);
        int m = objectSize;
        double[] img = new double[m * m];
        double rad = m / 2.0 - 0.5;
        double[][] lines = new double[12][3];
        for (double[] l : lines) {
            l[0] = Math.PI * rng.nextDouble();
            l[1] = (rng.nextDouble() - 0.5) * 1.6 * rad;
            l[2] = 0.02 + 0.03 * rng.nextDouble();
        }
        double[][] spots = new double[20][4];
        for (double[] s : spots) {
            s[0] = (rng.nextDouble() - 0.5) * 1.6 * rad;
            s[1] = (rng.nextDouble() - 0.5) * 1.6 * rad;
            s[2] = (0.03 + 0.08 * rng.nextDouble()) * rad;
            s[3] = rng.nextDouble() < 0.5 ? -0.25 : 0.2;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double y = i - (m - 1) / 2.0;
                double x = j - (m - 1) / 2.0;
                double rr = Math.hypot(x, y) / rad;
                if (rr > 1) {
                    continue;
                }
                double v = 0.75 * (0.4 + 0.6 * Math.sqrt(1 - rr * rr));
                for (double[] l : lines) {
                    double d = Math.abs(x * Math.cos(l[0]) + y * Math.sin(l[0]) - l[1]) / rad;
                    v -= 0.25 * Math.exp(-d * d / (2 * l[2] * l[2]));
                }
                for (double[] s : spots) {
                    double d = Math.hypot(x - s[0], y - s[1]);
                    v += s[3] * Math.exp(-d * d / (2 * s[2] * s[2]));
                }
                v += 0.05 * Math.sin(0.7 * x + 1.3 * Math.sin(0.2 * y)) * Math.cos(0.5 * y);
                img[i * m + j] = Math.max(0.05, v);
            }
        }
        return pad("europa", gridSize, m, img);
    }

    /** A Siemens star of {@code spokes} dark/bright sector pairs. */
    public static ObservedObject siemensStar(int gridSize, int objectSize, int spokes) {
        checkSizes(gridSize, objectSize);
        Checks.positive("spokes", spokes);
        int m = objectSize;
        double[] img = new double[m * m];
        double rad = m / 2.0 - 0.5;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double y = i - (m - 1) / 2.0;
                double x = j - (m - 1) / 2.0;
                if (Math.hypot(x, y) <= rad) {
                    img[i * m + j] = Math.sin(spokes * Math.atan2(y, x)) >= 0 ? 1 : 0.1;
                }
            }
        }
        return pad("siemens-star", gridSize, m, img);
    }

    /** Groups of three bars whose width halves from group to group, horizontal and vertical. */
    public static ObservedObject resolutionBars(int gridSize, int objectSize) {
        checkSizes(gridSize, objectSize);
        int m = objectSize;
        double[] img = new double[m * m];
        java.util.Arrays.fill(img, 0.1);
        int x0 = 1;
        for (int w = Math.max(1, m / 16); w >= 1 && x0 + 5 * w < m; w /= 2) {
            for (int b = 0; b < 3; b++) {
                for (int i = m / 8; i < m / 2 - 1; i++) {
                    for (int j = x0 + 2 * b * w; j < x0 + 2 * b * w + w; j++) {
                        img[i * m + j] = 1;
                        img[j * m + (m - 1 - i)] = 1;
                    }
                }
            }
            x0 += 6 * w + 1;
            if (w == 1) {
                break;
            }
        }
        return pad("bars", gridSize, m, img);
    }

    private static void checkSizes(int gridSize, int objectSize) {
        Checks.powerOfTwo("gridSize", gridSize, 8);
        Checks.check(objectSize >= AstronomicalPreset.MIN_OBJECT_PIXELS && objectSize <= gridSize, "objectSize",
                objectSize, "must be in [" + AstronomicalPreset.MIN_OBJECT_PIXELS + ", gridSize=" + gridSize + "]");
    }

    /** Normalises intensity to [0, 1], takes sqrt (amplitude) and pads to the centre. */
    static ObservedObject pad(String name, int n, int m, double[] intensity) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : intensity) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double span = max - min > 0 ? max - min : 1;
        float[] a = new float[n * n];
        int pre = (n - m) / 2;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                a[(pre + i) * n + pre + j] = (float) Math.sqrt((intensity[i * m + j] - min) / span);
            }
        }
        return ObservedObject.of(name, n, a);
    }
}
