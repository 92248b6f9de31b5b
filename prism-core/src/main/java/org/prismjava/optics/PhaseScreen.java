package org.prismjava.optics;

/** A separable unit-modulus factor {@code exp(i (a[row] + b[col]))} applied pointwise in place. */
final class PhaseScreen {
    private final float[] cosRow;
    private final float[] sinRow;
    private final float[] cosCol;
    private final float[] sinCol;

    PhaseScreen(double[] rowPhase, double[] colPhase) {
        cosRow = cos(rowPhase);
        sinRow = sin(rowPhase);
        cosCol = cos(colPhase);
        sinCol = sin(colPhase);
    }

    private static float[] cos(double[] p) {
        float[] o = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            o[i] = (float) Math.cos(p[i]);
        }
        return o;
    }

    private static float[] sin(double[] p) {
        float[] o = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            o[i] = (float) Math.sin(p[i]);
        }
        return o;
    }

    /** {@code f <- f . s . exp(+-i phase)} over rows [r0, r1), columns [c0, c1). */
    void apply(ComplexField f, boolean conjugate, double scale, Region where) {
        float sg = conjugate ? -1f : 1f;
        for (int r = where.rowFrom(); r < where.rowTo(); r++) {
            float[] re = f.re[r];
            float[] im = f.im[r];
            for (int c = where.colFrom(); c < where.colTo(); c++) {
                // exp(i(a+b)) = (ca cb - sa sb) + i (sa cb + ca sb)
                float pr = (float) scale * (cosRow[r] * cosCol[c] - sinRow[r] * sinCol[c]);
                float pi = (float) scale * sg * (sinRow[r] * cosCol[c] + cosRow[r] * sinCol[c]);
                float a = re[c];
                float b = im[c];
                re[c] = a * pr - b * pi;
                im[c] = a * pi + b * pr;
            }
        }
    }
}
