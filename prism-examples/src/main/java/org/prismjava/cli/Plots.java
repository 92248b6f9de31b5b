package org.prismjava.cli;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.prismjava.metrics.ImageMetrics;

/**
 * Image sheets drawn with Java2D (headless): the comparison sheet and the tiled measurements;
 * the charts are in {@link Charts}.
 */
final class Plots {
    private Plots() {
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
        drawGrey(img, stretch.apply(truth), size, size, scale, gap, head);
        g.setColor(Color.BLACK);
        label(g, "ground truth", gap, 14);
        label(g, stretch.id() + " stretch", gap, 28);
        for (int m = 0; m < names.size(); m++) {
            int x = gap + (m + 1) * (tile + gap);
            drawGrey(img, stretch.apply(images.get(m)), size, size, scale, x, head);
            float[] d = diffs.get(m);
            float[] norm = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                norm[i] = maxDiff > 0 ? d[i] / maxDiff : 0;
            }
            int y2 = head + tile + gap + head;
            drawGrey(img, norm, size, size, scale, x, y2);
            label(g, names.get(m), x, 14);
            label(g, titles.get(m), x, 28);
            label(g, "|" + names.get(m) + " - truth|", x, head + tile + gap + 14);
        }
        label(g, String.format(Locale.ROOT, "differences: white = %.3g (amplitude units)", maxDiff), gap,
                height - 6);
        g.dispose();
        return img;
    }

    /**
     * Draws row-major {@code width x height} values in [0, 1] (clamped) as grey, each value a
     * {@code scale x scale} block, with the top-left corner at {@code (x0, y0)}.
     */
    static void drawGrey(BufferedImage img, float[] unit, int width, int height, int scale, int x0, int y0) {
        for (int r = 0; r < height * scale; r++) {
            for (int c = 0; c < width * scale; c++) {
                int v = Math.round(255 * Math.min(1f, Math.max(0f, unit[r / scale * width + c / scale])));
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

    /**
     * {@link #mosaic} as a grey picture with each tile's label in its top-left corner and a
     * caption under the grid.
     */
    static BufferedImage labelledMosaic(List<float[]> tiles, int size, int columns, List<String> labels,
            String caption) {
        Picture m = mosaic(tiles, size, columns);
        int captionHeight = 22;
        BufferedImage img = new BufferedImage(m.width(), m.height() + captionHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        drawGrey(img, m.pixels(), m.width(), m.height(), 1, 0, 0);
        int cols = Math.min(columns, tiles.size());
        g.setColor(Color.YELLOW);
        for (int t = 0; t < labels.size(); t++) {
            label(g, labels.get(t), t % cols * (size + 2) + 4, t / cols * (size + 2) + 14);
        }
        g.setColor(Color.DARK_GRAY);
        label(g, caption, 4, m.height() + 16);
        g.dispose();
        return img;
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
