package org.prismjava.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.prismjava.metrics.ImageMetrics;
import org.prismjava.sampling.Sample;

/** The run folder's pictures, drawn with Java2D (headless). */
final class Plots {
    private static final Color OLD = new Color(0x1f77b4);
    private static final Color NEW = new Color(0xd62728);

    private Plots() {
    }

    /**
     * Loss per step on a log axis: the old- and new-target losses, the threshold (dashed) and
     * faint lines where a sample starts.
     */
    static BufferedImage lossCurve(LossHistory h, double threshold) {
        int w = 900;
        int ht = 420;
        int left = 70;
        int right = 20;
        int top = 30;
        int bottom = 50;
        BufferedImage img = new BufferedImage(w, ht, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        int steps = Math.max(1, h.size());
        double lo = Math.log10(Math.max(1e-6, Math.min(h.min(), threshold) / 2));
        double hi = Math.log10(Math.max(h.max(), threshold) * 2);
        int pw = w - left - right;
        int ph = ht - top - bottom;
        java.util.function.DoubleUnaryOperator y = v -> top + ph * (hi - Math.log10(Math.max(v, 1e-12))) / (hi - lo);
        java.util.function.IntToDoubleFunction x = s -> left + pw * (double) s / steps;
        g.setColor(new Color(0xdddddd));
        for (int s : h.sampleStarts()) {
            g.drawLine((int) x.applyAsDouble(s), top, (int) x.applyAsDouble(s), top + ph);
        }
        for (int e = (int) Math.ceil(lo); e <= hi; e++) {
            int yy = (int) y.applyAsDouble(Math.pow(10, e));
            g.setColor(new Color(0xeeeeee));
            g.drawLine(left, yy, left + pw, yy);
            g.setColor(Color.DARK_GRAY);
            label(g, String.format(Locale.ROOT, "1e%d", e), 8, yy + 4);
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        int ty = (int) y.applyAsDouble(threshold);
        g.drawLine(left, ty, left + pw, ty);
        g.setStroke(new BasicStroke(1.2f));
        g.setColor(OLD);
        g.draw(curve(h.oldLosses(), x, y));
        g.setColor(NEW);
        g.draw(curve(h.newLosses(), x, y));
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        for (int i = 0; i <= 4; i++) {
            int s = steps * i / 4;
            String text = Integer.toString(s);
            int shift = i == 0 ? 0 : i == 4 ? 7 * text.length() : 7 * text.length() / 2;
            label(g, text, (int) x.applyAsDouble(s) - shift, top + ph + 18);
        }
        label(g, "step (all samples); faint lines: sample starts; dashed: threshold", left, ht - 12);
        g.setColor(OLD);
        label(g, "loss, old target (cumulative mask)", left + 5, top - 10);
        g.setColor(NEW);
        label(g, "loss, new sub-aperture", left + 320, top - 10);
        g.dispose();
        return img;
    }

    private static Path2D curve(double[] v, java.util.function.IntToDoubleFunction x,
            java.util.function.DoubleUnaryOperator y) {
        // A zero loss (the old loss at a sample's first step, before any update) has no place on
        // a log axis: the curve breaks there.
        Path2D p = new Path2D.Double();
        boolean drawing = false;
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0) || !Double.isFinite(v[i])) {
                drawing = false;
                continue;
            }
            double px = x.applyAsDouble(i);
            double py = y.applyAsDouble(v[i]);
            if (drawing) {
                p.lineTo(px, py);
            } else {
                p.moveTo(px, py);
                drawing = true;
            }
        }
        return p;
    }

    /**
     * The cumulative k-space mask (grey on black, DC at the centre) with each aperture centre as
     * a red dot, magnified to at least 512 pixels.
     */
    static BufferedImage kspaceCoverage(boolean[] mask, int n, List<Sample> samples) {
        int scale = Math.max(1, 512 / n);
        BufferedImage img = new BufferedImage(n * scale, n * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, n * scale, n * scale);
        g.setColor(new Color(0xb0b0b0));
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                if (mask[r * n + c]) {
                    g.fillRect(c * scale, r * scale, scale, scale);
                }
            }
        }
        g.setColor(Color.RED);
        int dot = Math.max(3, scale * 2);
        for (Sample s : samples) {
            double cy = (n / 2 + s.midpoint().y() + 0.5) * scale;
            double cx = (n / 2 + s.midpoint().x() + 0.5) * scale;
            g.fillOval((int) Math.round(cx - dot / 2.0), (int) Math.round(cy - dot / 2.0), dot, dot);
        }
        g.dispose();
        return img;
    }

    /**
     * A comparison sheet: the first row shows the ground truth and each method's reconstruction
     * (display-stretched, each to its own maximum), the second row each method's absolute
     * difference from the truth on one common scale (white = the largest difference of any
     * method, printed under the sheet); every tile is titled.
     *
     * @param truth the object square (size x size)
     * @param names method names, in order
     * @param images each method's object square
     * @param titles per-method subtitles (e.g. SSIM)
     */
    static BufferedImage comparison(float[] truth, List<String> names, List<float[]> images, List<String> titles,
            int size, Stretch stretch) {
        int scale = Math.max(1, 160 / size);
        int tile = size * scale;
        int gap = 8;
        int head = 34;
        int cols = names.size() + 1;
        int width = cols * tile + (cols + 1) * gap;
        int height = 2 * (tile + head) + 3 * gap + 18;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        float maxDiff = 0;
        List<float[]> diffs = new java.util.ArrayList<>();
        for (float[] im : images) {
            float[] d = new float[truth.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = Math.abs(im[i] - truth[i]);
                maxDiff = Math.max(maxDiff, d[i]);
            }
            diffs.add(d);
        }
        drawTile(img, stretch.apply(truth), size, scale, gap, head);
        g.setColor(Color.BLACK);
        label(g, "ground truth", gap, 14);
        label(g, stretch.id() + " stretch", gap, 28);
        for (int m = 0; m < names.size(); m++) {
            int x = gap + (m + 1) * (tile + gap);
            drawTile(img, stretch.apply(images.get(m)), size, scale, x, head);
            float[] d = diffs.get(m);
            float[] norm = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                norm[i] = maxDiff > 0 ? d[i] / maxDiff : 0;
            }
            int y2 = head + tile + gap + head;
            drawTile(img, norm, size, scale, x, y2);
            label(g, names.get(m), x, 14);
            label(g, titles.get(m), x, 28);
            label(g, "|" + names.get(m) + " - truth|", x, head + tile + gap + 14);
        }
        label(g, String.format(java.util.Locale.ROOT, "differences: white = %.3g (amplitude units)", maxDiff), gap,
                height - 6);
        g.dispose();
        return img;
    }

    private static void drawTile(BufferedImage img, float[] unit, int size, int scale, int x0, int y0) {
        for (int r = 0; r < size * scale; r++) {
            for (int c = 0; c < size * scale; c++) {
                int v = Math.round(255 * Math.min(1f, Math.max(0f, unit[r / scale * size + c / scale])));
                img.setRGB(x0 + c, y0 + r, (v << 16) | (v << 8) | v);
            }
        }
    }

    /** A row-major grey picture. */
    record Picture(float[] pixels, int height, int width) {
    }

    /**
     * Tiles images (each {@code size x size}, each scaled to its own maximum) into a grid of at
     * most {@code columns} columns, 2 pixels apart.
     */
    static Picture mosaic(List<float[]> tiles, int size, int columns) {
        int gap = 2;
        int cols = Math.min(columns, tiles.size());
        int rows = (tiles.size() + cols - 1) / cols;
        int width = cols * size + (cols - 1) * gap;
        int height = rows * size + (rows - 1) * gap;
        float[] out = new float[width * height];
        for (int t = 0; t < tiles.size(); t++) {
            float[] tile = tiles.get(t);
            float max = 0;
            for (float v : tile) {
                max = Math.max(max, v);
            }
            int r0 = t / cols * (size + gap);
            int c0 = t % cols * (size + gap);
            for (int r = 0; r < size; r++) {
                for (int c = 0; c < size; c++) {
                    out[(r0 + r) * width + c0 + c] = max > 0 ? tile[r * size + c] / max : 0;
                }
            }
        }
        return new Picture(out, height, width);
    }

    /** The centred {@code size x size} square of a row-major {@code n x n} image, magnified by {@code scale}. */
    static float[] centredCrop(float[] image, int n, int size, int scale) {
        float[] square = ImageMetrics.crop(image, n, size);
        int s = size * scale;
        float[] out = new float[s * s];
        for (int r = 0; r < s; r++) {
            for (int c = 0; c < s; c++) {
                out[r * s + c] = square[r / scale * size + c / scale];
            }
        }
        return out;
    }

    private static Graphics2D canvas(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        return g;
    }

    /** Draws text; on a JVM without fonts the picture is kept without its labels. */
    private static void label(Graphics2D g, String text, int x, int y) {
        try {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(text, x, y);
        } catch (RuntimeException | Error noFonts) {
            if (noFonts instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            org.slf4j.LoggerFactory.getLogger(Plots.class).debug("no fonts for plot labels: {}", noFonts.toString());
        }
    }
}
