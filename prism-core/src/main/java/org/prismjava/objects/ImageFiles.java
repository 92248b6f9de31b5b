package org.prismjava.objects;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.prismjava.util.Checks;

/**
 * Reads objects from PNG, JPEG, TIFF, BMP or GIF files with the reference's conventions
 * (spec 9.3): grey levels, resize so the shorter side is {@code objectSize}, optional
 * inversion, zero-pad to the centre of N x N, normalise to [0, 1], amplitude = sqrt. Writes
 * images as 8-bit grey PNG scaled to their maximum, atomically.
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** Loads {@code path} as an object of {@code objectSize} pixels on an N x N grid. */
    public static ObservedObject load(Path path, int gridSize, int objectSize, boolean invert) throws IOException {
        Checks.check(path != null && Files.isRegularFile(path), "path", path, "must be a readable image file");
        Checks.powerOfTwo("gridSize", gridSize, 8);
        Checks.check(objectSize >= AstronomicalPreset.MIN_OBJECT_PIXELS && objectSize <= gridSize, "objectSize",
                objectSize, "must be in [" + AstronomicalPreset.MIN_OBJECT_PIXELS + ", " + gridSize + "]");
        BufferedImage src = ImageIO.read(path.toFile());
        Checks.check(src != null, "path", path, "is not an image format Java can read (PNG, JPEG, TIFF, BMP, GIF)");
        double scale = (double) objectSize / Math.min(src.getWidth(), src.getHeight());
        int w = Math.max(1, (int) Math.round(src.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(src.getHeight() * scale));
        BufferedImage grey = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        int m = objectSize;
        double[] intensity = new double[m * m];
        int oy = (h - m) / 2;
        int ox = (w - m) / 2;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                int v = grey.getRaster().getSample(ox + j, oy + i, 0);
                intensity[i * m + j] = invert ? 255 - v : v;
            }
        }
        String name = path.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        return TestObjects.pad(name.isBlank() ? "image" : name, gridSize, m, intensity);
    }

    /** Writes a row-major {@code rows x cols} image as 8-bit grey PNG, scaled so its maximum is white. */
    public static void writePng(Path path, float[] pixels, int rows, int cols) throws IOException {
        Checks.check(pixels.length == rows * cols, "pixels.length", pixels.length, "must be rows*cols = " + rows * cols);
        float max = 0;
        for (float v : pixels) {
            Checks.check(Float.isFinite(v), "pixel", v, "must be finite");
            max = Math.max(max, v);
        }
        BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                float v = max > 0 ? Math.max(0, pixels[i * cols + j]) / max : 0;
                img.getRaster().setSample(j, i, 0, Math.round(v * 255));
            }
        }
        writePng(path, img);
    }

    /** Writes any image (plots, colour overlays) as PNG atomically: temp file, then move. */
    public static void writePng(Path path, BufferedImage img) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".tmp-", ".png");
        try {
            ImageIO.write(img, "png", tmp.toFile());
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
