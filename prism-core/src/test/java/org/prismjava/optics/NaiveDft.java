package org.prismjava.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The centred orthonormal DFT straight from its definition, in double precision, as an
 * {@link Fft2}: the independent reference that FFT engines and backends are checked against.
 * Separable (rows, then columns), O(N^3); meant for N up to a few dozen.
 */
public final class NaiveDft implements Fft2 {
    private final int n;

    /** The reference transform for N x N fields. */
    public NaiveDft(int n) {
        this.n = n;
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public void forward(ComplexField f) {
        write(centred(f, false), f);
    }

    @Override
    public void inverse(ComplexField f) {
        write(centred(f, true), f);
    }

    private static void write(double[][][] v, ComplexField f) {
        for (int r = 0; r < f.size(); r++) {
            for (int c = 0; c < f.size(); c++) {
                f.set(r, c, (float) v[0][r][c], (float) v[1][r][c]);
            }
        }
    }

    /**
     * Asserts that {@code fft}'s forward and inverse transforms of seeded unit-variance fields
     * agree with the definition within {@code 2e-5 N} per component.
     */
    public static void assertMatchesDefinition(Fft2 fft, long seed) {
        int n = fft.size();
        for (boolean inverse : new boolean[] {false, true}) {
            ComplexField x = FftTest.random(n, seed);
            double[][][] want = centred(x, inverse);
            if (inverse) {
                fft.inverse(x);
            } else {
                fft.forward(x);
            }
            for (int u = 0; u < n; u++) {
                for (int v = 0; v < n; v++) {
                    assertEquals(want[0][u][v], x.re(u, v), 2e-5 * n, "re " + u + "," + v);
                    assertEquals(want[1][u][v], x.im(u, v), 2e-5 * n, "im " + u + "," + v);
                }
            }
        }
    }

    /**
     * {@code CF(x)} (or {@code CIF(x)}) as [re/im][row][col]: {@code (1/N) sum x[m,q]
     * exp(-+2 pi i ((u-h)(m-h) + (v-h)(q-h)) / N)} with {@code h = N/2}.
     */
    public static double[][][] centred(ComplexField x, boolean inverse) {
        int n = x.size();
        int h = n / 2;
        double sign = inverse ? 1 : -1;
        double[][] cos = new double[n][n];
        double[][] sin = new double[n][n];
        for (int k = 0; k < n; k++) {
            for (int m = 0; m < n; m++) {
                double ang = sign * 2 * Math.PI * (double) ((long) (k - h) * (m - h) % n) / n;
                cos[k][m] = Math.cos(ang) / Math.sqrt(n);
                sin[k][m] = Math.sin(ang) / Math.sqrt(n);
            }
        }
        // Along each row: t[m][v] = sum_q x[m][q] w[v][q].
        double[][] tr = new double[n][n];
        double[][] ti = new double[n][n];
        for (int m = 0; m < n; m++) {
            for (int v = 0; v < n; v++) {
                double sr = 0;
                double si = 0;
                for (int q = 0; q < n; q++) {
                    double xr = x.re(m, q);
                    double xi = x.im(m, q);
                    sr += xr * cos[v][q] - xi * sin[v][q];
                    si += xr * sin[v][q] + xi * cos[v][q];
                }
                tr[m][v] = sr;
                ti[m][v] = si;
            }
        }
        // Along each column: out[u][v] = sum_m w[u][m] t[m][v].
        double[][][] out = new double[2][n][n];
        for (int u = 0; u < n; u++) {
            for (int v = 0; v < n; v++) {
                double sr = 0;
                double si = 0;
                for (int m = 0; m < n; m++) {
                    sr += tr[m][v] * cos[u][m] - ti[m][v] * sin[u][m];
                    si += tr[m][v] * sin[u][m] + ti[m][v] * cos[u][m];
                }
                out[0][u][v] = sr;
                out[1][u][v] = si;
            }
        }
        return out;
    }
}
