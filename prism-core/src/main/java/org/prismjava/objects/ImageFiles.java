package org.prismjava.objects;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.prismjava.util.AtomicFiles;
import org.prismjava.util.Checks;

/**
 * Reads objects from PNG, JPEG, TIFF, BMP, GIF or FITS files with the reference's conventions
 * (spec 9.3): grey levels at the file's own depth (16-bit PNG and TIFF keep all 16 bits; colour
 * becomes luminance; FITS: the physical pixel values), taken as intensity, resized so the shorter
 * side is {@code objectSize} (a linear filter widened by the reduction factor, centre crop of the
 * longer side), optional inversion, zero-padded to the centre of N x N, normalised to [0, 1],
 * amplitude = sqrt. Writes images as 8-bit grey PNG scaled to their maximum, atomically.
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** Loads {@code path} as an object of {@code objectSize} pixels on an N x N grid. */
    public static ObservedObject load(Path path, int gridSize, int objectSize, boolean invert) throws IOException {
        return load(path, FitsImage.Selection.FIRST_IMAGE, gridSize, objectSize, invert);
    }

    /**
     * Loads {@code path} as an object of {@code objectSize} pixels on an N x N grid; for a FITS
     * file, the image {@code fits} selects (HDU and plane).
     */
    public static ObservedObject load(Path path, FitsImage.Selection fits, int gridSize, int objectSize,
            boolean invert) throws IOException {
        Checks.check(path != null && Files.isRegularFile(path), "path", path, "must be a readable image file");
        Checks.powerOfTwo("gridSize", gridSize, 8);
        Checks.check(objectSize >= AstronomicalPreset.MIN_OBJECT_PIXELS && objectSize <= gridSize, "objectSize",
                objectSize, "must be in [" + AstronomicalPreset.MIN_OBJECT_PIXELS + ", " + gridSize + "]");
        String name = path.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        name = name.isBlank() ? "image" : name;
        if (FitsImage.isFitsName(path)) {
            FitsImage image = FitsImage.read(path, fits);
            if ("amplitude".equalsIgnoreCase(image.header().getOrDefault("BUNIT", "").strip())) {
                return amplitudeSquare(path, name, image, gridSize, objectSize);
            }
            return TestObjects.pad(name, gridSize, objectSize,
                    squareIntensity(image.pixels(), image.height(), image.width(), objectSize, invert));
        }
        Checks.check(fits.equals(FitsImage.Selection.FIRST_IMAGE), "path", path,
                "is not a FITS file, so it has no HDU or plane to select (" + fits + ")");
        BufferedImage src = decode(path);
        return TestObjects.pad(name, gridSize, objectSize,
                squareIntensity(grey(src), src.getHeight(), src.getWidth(), objectSize, invert));
    }

    /**
     * The values of one image file as stored, for data that are not objects (recorded frames):
     * a FITS file's first image in physical units (BLANK as NaN), a PNG or TIFF's grey levels
     * at their depth. Row-major, top row first. Colour and palette images are refused: they do
     * not hold counts.
     *
     * @return a FITS-like image without cards for non-FITS files
     */
    public static FitsImage readValues(Path path) throws IOException {
        Checks.check(path != null && Files.isRegularFile(path), "path", path, "must be a readable image file");
        if (FitsImage.isFitsName(path)) {
            return FitsImage.read(path);
        }
        BufferedImage src = decode(path);
        Checks.check(src.getRaster().getNumBands() == 1 && !(src.getColorModel() instanceof java.awt.image.IndexColorModel),
                "path", path, "has " + src.getRaster().getNumBands() + " band(s)"
                        + (src.getColorModel() instanceof java.awt.image.IndexColorModel ? " and a palette" : "")
                        + "; a frame must be a single-band grey image of counts");
        return new FitsImage(src.getWidth(), src.getHeight(), grey(src), java.util.Map.of());
    }

    /**
     * A FITS image whose BUNIT says it holds amplitudes (a reconstruction.fits, or the truth file
     * prism simulate writes): the object square as it is, centred on the grid, with no resizing or
     * normalisation.
     */
    private static ObservedObject amplitudeSquare(Path path, String name, FitsImage image, int n, int m) {
        Checks.check(image.width() == m && image.height() == m, "path", path, "holds amplitudes (BUNIT) of "
                + image.width() + " x " + image.height() + " pixels, placed as they are: the object size must be "
                + image.width() + " (not " + m + ")");
        float[] a = new float[n * n];
        int pre = (n - m) / 2;
        double[] v = image.pixels();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double x = v[i * m + j];
                Checks.check(Double.isFinite(x) && x >= 0, "path", path, "holds amplitude " + x + " at row " + i
                        + ", column " + j + "; amplitudes must be finite and >= 0");
                a[(pre + i) * n + pre + j] = (float) x;
            }
        }
        return ObservedObject.of(name, n, a);
    }

    /** Largest image side read, pixels: a header claiming more is refused before any pixel is decoded. */
    public static final int MAX_SIDE = 32768;

    /** Decodes a raster image, checking its header's size first; damaged files are bad input. */
    private static BufferedImage decode(Path path) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            Checks.check(readers != null && readers.hasNext(), "path", path,
                    "is not an image format Java can read (PNG, JPEG, TIFF, BMP, GIF) or FITS");
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toUpperCase(java.util.Locale.ROOT);
            try {
                reader.setInput(in, true, true);
                int width;
                int height;
                try {
                    width = reader.getWidth(0);
                    height = reader.getHeight(0);
                } catch (IOException | RuntimeException e) {
                    throw Checks.invalid("path", path, "has a damaged " + format + " header (" + e.getMessage() + ")");
                }
                Checks.check(width <= MAX_SIDE && height <= MAX_SIDE, "path", path, "is " + width + " x " + height
                        + " pixels by its header; at most " + MAX_SIDE + " x " + MAX_SIDE + " are read");
                try {
                    return reader.read(0);
                } catch (IOException | RuntimeException e) {
                    throw Checks.invalid("path", path, "cannot be decoded as " + format + " (" + e.getMessage()
                            + "): the file is damaged or truncated");
                }
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * The grey levels of an image at the depth it stores (8 or 16 bits, integer or float
     * samples): one band as it is, colour as luminance {@code 0.299 R + 0.587 G + 0.114 B}, alpha
     * ignored; a palette image through its colour map. Row-major, top row first.
     */
    static double[] grey(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        double[] out = new double[w * h];
        java.awt.image.Raster r = img.getRaster();
        boolean indexed = img.getColorModel() instanceof java.awt.image.IndexColorModel;
        int bands = r.getNumBands();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v;
                if (indexed) {
                    int rgb = img.getRGB(x, y);
                    v = 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
                } else if (bands >= 3) {
                    v = 0.299 * r.getSampleDouble(x, y, 0) + 0.587 * r.getSampleDouble(x, y, 1)
                            + 0.114 * r.getSampleDouble(x, y, 2);
                } else {
                    v = r.getSampleDouble(x, y, 0);
                }
                out[y * w + x] = v;
            }
        }
        return out;
    }

    /**
     * Pixel values (any image's grey levels or a FITS image's physical values, taken as
     * intensity) resampled so the shorter side is {@code m}, centre-cropped to m x m; non-finite
     * values are rejected with their count.
     */
    private static double[] squareIntensity(double[] pixels, int height, int width, int m, boolean invert) {
        int bad = 0;
        for (double v : pixels) {
            bad += Double.isFinite(v) ? 0 : 1;
        }
        Checks.check(bad == 0, "image pixels", bad + " non-finite (NaN, BLANK or infinite)",
                "must all be finite; replace missing pixels (for example with 0) before loading");
        double scale = (double) m / Math.min(width, height);
        int w = Math.max(m, (int) Math.round(width * scale));
        int h = Math.max(m, (int) Math.round(height * scale));
        double[] rows = resampleRows(pixels, height, width, w);
        double[] both = transpose(resampleRows(transpose(rows, height, w), w, height, h), w, h);
        double[] out = new double[m * m];
        int oy = (h - m) / 2;
        int ox = (w - m) / 2;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double v = both[(oy + i) * w + ox + j];
                out[i * m + j] = invert ? -v : v;
            }
        }
        return out;
    }

    /**
     * Resamples every row from {@code in} to {@code out} samples with a triangle (linear) filter
     * widened by the reduction factor when shrinking, so downscaling averages instead of aliasing.
     */
    private static double[] resampleRows(double[] src, int rows, int in, int out) {
        double scale = (double) out / in;
        double support = Math.max(1, 1 / scale);
        double[] dst = new double[rows * out];
        for (int o = 0; o < out; o++) {
            double centre = (o + 0.5) / scale - 0.5;
            int from = Math.max(0, (int) Math.floor(centre - support));
            int to = Math.min(in - 1, (int) Math.ceil(centre + support));
            double[] w = new double[to - from + 1];
            double sum = 0;
            for (int x = from; x <= to; x++) {
                w[x - from] = Math.max(0, 1 - Math.abs(x - centre) / support);
                sum += w[x - from];
            }
            for (int r = 0; r < rows; r++) {
                double acc = 0;
                for (int x = from; x <= to; x++) {
                    acc += w[x - from] * src[r * in + x];
                }
                dst[r * out + o] = sum > 0 ? acc / sum : src[r * in + Math.min(in - 1, Math.max(0, (int) Math.round(centre)))];
            }
        }
        return dst;
    }

    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
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

    /** Writes any image (plots, colour overlays) as PNG atomically ({@link AtomicFiles}). */
    public static void writePng(Path path, BufferedImage img) throws IOException {
        AtomicFiles.write(path, file -> {
            if (!ImageIO.write(img, "png", file.toFile())) {
                throw new IOException("no PNG writer for image type " + img.getType());
            }
        });
    }
}
