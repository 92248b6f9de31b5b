package org.prismjava.optics;

import org.prismjava.util.Checks;

/**
 * A rectangle of pixels {@code [rowFrom, rowTo) x [colFrom, colTo)} on an N x N grid: the
 * bounding box of a pupil, an object support, or the rows of a transform's output that are
 * needed. Immutable.
 *
 * @param rowFrom first row (inclusive)
 * @param rowTo last row (exclusive)
 * @param colFrom first column (inclusive)
 * @param colTo last column (exclusive)
 */
public record Region(int rowFrom, int rowTo, int colFrom, int colTo) {
    /** Validates {@code 0 <= from <= to} on both axes. */
    public Region {
        Checks.check(rowFrom >= 0 && rowFrom <= rowTo, "rowFrom", rowFrom, "must be in [0, rowTo=" + rowTo + "]");
        Checks.check(colFrom >= 0 && colFrom <= colTo, "colFrom", colFrom, "must be in [0, colTo=" + colTo + "]");
    }

    /** The whole N x N grid. */
    public static Region full(int n) {
        return new Region(0, n, 0, n);
    }

    /** The centred {@code size x size} square of an N x N grid (start {@code (n - size) / 2}). */
    public static Region centred(int n, int size) {
        Checks.check(size > 0 && size <= n, "size", size, "must be in [1, " + n + "]");
        int o = (n - size) / 2;
        return new Region(o, o + size, o, o + size);
    }

    /** Bounding box of the pixels of an N x N grid for which {@code nonZero(row * n + col)}; empty if none. */
    public static Region boundingBox(int n, java.util.function.IntPredicate nonZero) {
        int r0 = n;
        int r1 = 0;
        int c0 = n;
        int c1 = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                if (nonZero.test(r * n + c)) {
                    r0 = Math.min(r0, r);
                    r1 = Math.max(r1, r + 1);
                    c0 = Math.min(c0, c);
                    c1 = Math.max(c1, c + 1);
                }
            }
        }
        return r1 == 0 ? new Region(0, 0, 0, 0) : new Region(r0, r1, c0, c1);
    }

    /** Whether no pixel is inside. */
    public boolean isEmpty() {
        return rowFrom == rowTo || colFrom == colTo;
    }

    /** Number of rows. */
    public int height() {
        return rowTo - rowFrom;
    }

    /** Number of columns. */
    public int width() {
        return colTo - colFrom;
    }

    /** The smallest region containing both. An empty region is the identity. */
    public Region union(Region o) {
        if (isEmpty()) {
            return o;
        }
        if (o.isEmpty()) {
            return this;
        }
        return new Region(Math.min(rowFrom, o.rowFrom), Math.max(rowTo, o.rowTo),
                Math.min(colFrom, o.colFrom), Math.max(colTo, o.colTo));
    }

    /** Whether this region lies within an N x N grid. */
    public boolean fitsIn(int n) {
        return rowTo <= n && colTo <= n;
    }
}
