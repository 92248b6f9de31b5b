package org.prismjava.objects;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.FitsUtil;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.fits.ImageHDU;
import nom.tam.fits.header.Bitpix;
import nom.tam.util.Cursor;
import nom.tam.util.FitsOutputStream;
import org.prismjava.util.AtomicFiles;
import org.prismjava.util.Checks;

/**
 * A 2-D image from a FITS file, read and written through nom-tam-fits: the primary HDU or any
 * image extension (by index or EXTNAME), every BITPIX (8 unsigned, 16, 32, 64, -32, -64),
 * BSCALE/BZERO applied, integer BLANK pixels read as NaN, one plane of a 3-D cube. Rows are
 * top first: FITS stores the bottom row (y = 1) first, so the stored order is flipped on read
 * and on write.
 *
 * @param width NAXIS1
 * @param height NAXIS2
 * @param pixels row-major physical values, {@code height * width}, top row first
 * @param header the HDU's keyword cards (keyword to value text, in order; COMMENT and HISTORY left out)
 */
public record FitsImage(int width, int height, double[] pixels, Map<String, String> header) {
    private static final Pattern SELECTOR = Pattern.compile("(?i)(.+\\.(?:fits|fit|fts))\\[([^\\]]+)](?:\\[(\\d+)])?");

    /** Validates the shape and copies the header. */
    public FitsImage {
        Checks.check(width > 0 && height > 0 && pixels.length == (long) width * height, "pixels.length",
                pixels.length, "must equal width*height = " + (long) width * height);
        header = Map.copyOf(header);
    }

    /**
     * Which image of a FITS file to read: an HDU by index (0 = primary), EXTNAME or
     * {@code EXTNAME,EXTVER}, and a plane of a cube (0-based). Null parts mean "the first HDU
     * holding an image" and "a 2-D image".
     *
     * @param hdu index, EXTNAME or EXTNAME,EXTVER, or null
     * @param plane plane of a 3-D image, or null
     */
    public record Selection(String hdu, Integer plane) {
        /** The first image HDU, which must be 2-D. */
        public static final Selection FIRST_IMAGE = new Selection(null, null);

        /** Validates. */
        public Selection {
            Checks.check(hdu == null || !hdu.isBlank(), "hdu", hdu, "must be an index or an EXTNAME");
            Checks.check(plane == null || plane >= 0, "plane", plane, "must be >= 0");
        }
    }

    /**
     * Splits {@code file.fits[HDU]} or {@code file.fits[HDU][PLANE]} into the file and the
     * selection; any other text is a plain path with {@link Selection#FIRST_IMAGE}.
     */
    public static Map.Entry<Path, Selection> parseSpec(String spec) {
        Matcher m = SELECTOR.matcher(spec);
        if (!m.matches()) {
            return Map.entry(Path.of(spec), Selection.FIRST_IMAGE);
        }
        return Map.entry(Path.of(m.group(1)),
                new Selection(m.group(2).trim(), m.group(3) == null ? null : Integer.valueOf(m.group(3))));
    }

    /** Whether the file name ends in .fits, .fit or .fts (any case). */
    public static boolean isFitsName(Path path) {
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".fits") || n.endsWith(".fit") || n.endsWith(".fts");
    }

    /** Reads the first image of {@code path}. */
    public static FitsImage read(Path path) throws IOException {
        return read(path, Selection.FIRST_IMAGE);
    }

    /** Reads the image {@code selection} names; a file that does not hold it is refused with the reason. */
    public static FitsImage read(Path path, Selection selection) throws IOException {
        Checks.check(selection != null, "selection", null, "must be set");
        List<FitsImage> planes = decode(path, selection.hdu(), selection.plane(), false);
        return planes.get(0);
    }

    /**
     * Every plane of an image or cube (one plane for a 2-D image), top row first as {@link #read}
     * gives them, as float32.
     *
     * @param width NAXIS1
     * @param height NAXIS2
     * @param planes one row-major {@code height * width} array per plane (NaN where BLANK or NaN)
     * @param header the HDU's key-value cards
     */
    public record Cube(int width, int height, List<float[]> planes, Map<String, String> header) {
        /** Copies the list and the map. */
        public Cube {
            planes = List.copyOf(planes);
            header = Map.copyOf(header);
        }
    }

    /** Reads every plane of the first image HDU, or of the HDU {@code hdu} names (index, EXTNAME or EXTNAME,EXTVER). */
    public static Cube readCube(Path path, String hdu) throws IOException {
        List<FitsImage> planes = decode(path, hdu, null, true);
        List<float[]> out = new ArrayList<>();
        for (FitsImage p : planes) {
            float[] f = new float[p.pixels().length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) p.pixels()[i];
            }
            out.add(f);
        }
        FitsImage first = planes.get(0);
        return new Cube(first.width(), first.height(), out, first.header());
    }

    /** One plane ({@code allPlanes} false: {@code plane}, which a cube needs) or every plane of the selected HDU. */
    private static List<FitsImage> decode(Path path, String hduName, Integer wantedPlane, boolean allPlanes)
            throws IOException {
        try (Fits fits = new Fits(path.toFile())) {
            ImageHDU hdu = select(path, fits, new Selection(hduName, null));
            int[] axes = hdu.getAxes();
            int width = axes[axes.length - 1];
            int height = axes[axes.length - 2];
            int planes = axes.length == 3 ? axes[0] : 1;
            if (width > ImageFiles.MAX_SIDE || height > ImageFiles.MAX_SIDE) {
                throw invalid(path, "is " + width + " x " + height + " pixels by its header; at most "
                        + ImageFiles.MAX_SIDE + " x " + ImageFiles.MAX_SIDE + " are read");
            }
            int plane = wantedPlane == null ? 0 : wantedPlane;
            if (!allPlanes && wantedPlane == null && planes > 1) {
                throw invalid(path, "holds a cube of " + planes + " planes; choose one with " + path.getFileName()
                        + "[" + (hduName == null ? "0" : hduName) + "][PLANE]");
            }
            if (plane >= planes) {
                throw invalid(path, "has no plane " + plane + " (the image has " + planes + ")");
            }
            Header h = hdu.getHeader();
            long needed = (long) Math.abs(hdu.getBitPix()) / 8 * width * height * planes;
            long available = Files.size(path) - hdu.getData().getFileOffset();
            if (available < needed) {
                throw invalid(path, "the data are truncated: " + Math.max(0, available) + " bytes for " + needed);
            }
            Object kernel = hdu.getKernel();
            if (kernel == null) {
                throw invalid(path, "the data are truncated or missing");
            }
            double scale = h.getDoubleValue("BSCALE", 1);
            double zero = h.getDoubleValue("BZERO", 0);
            Long blank = hdu.getBitPix() > 0 && h.containsKey("BLANK") ? h.getLongValue("BLANK") : null;
            List<FitsImage> out = new ArrayList<>();
            Map<String, String> header = cards(h);
            for (int p = allPlanes ? 0 : plane; p < (allPlanes ? planes : plane + 1); p++) {
                Object rows = axes.length == 3 ? ((Object[]) kernel)[p] : kernel;
                double[] pixels = new double[width * height];
                for (int stored = 0; stored < height; stored++) {
                    int top = (height - 1 - stored) * width;
                    raw(((Object[]) rows)[stored], pixels, top, width, scale, zero, blank);
                }
                out.add(new FitsImage(width, height, pixels, header));
            }
            return out;
        } catch (FitsException | ClassCastException | ArrayIndexOutOfBoundsException e) {
            throw invalid(path, "is not a readable FITS image: " + firstLine(e));
        } catch (IOException e) {
            throw invalid(path, "cannot be read as FITS: " + firstLine(e));
        }
    }

    private static ImageHDU select(Path path, Fits fits, Selection s) throws FitsException, IOException {
        if (s.hdu() == null) {
            List<String> seen = new ArrayList<>();
            for (BasicHDU<?> hdu = fits.readHDU(); hdu != null; hdu = fits.readHDU()) {
                if (hdu instanceof ImageHDU image && image.getAxes() != null && image.getAxes().length >= 2) {
                    return checkedImage(path, image, String.valueOf(seen.size()));
                }
                seen.add(describe(hdu));
            }
            if (seen.isEmpty()) {
                throw invalid(path, "is not a readable FITS file: no complete header (2880-byte blocks of"
                        + " 80-character cards ending with an END card)");
            }
            throw invalid(path, "holds no 2-D image in any HDU (" + String.join("; ", seen) + ")");
        }
        BasicHDU<?> hdu;
        if (s.hdu().chars().allMatch(Character::isDigit)) {
            int index = Integer.parseInt(s.hdu());
            fits.read();
            if (index >= fits.getNumberOfHDUs()) {
                throw invalid(path, "has no HDU " + index + " (it holds " + fits.getNumberOfHDUs() + ", 0-based)");
            }
            hdu = fits.getHDU(index);
        } else {
            String[] nameAndVersion = s.hdu().split(",", 2);
            String name = nameAndVersion[0].trim();
            if (nameAndVersion.length == 2 && !nameAndVersion[1].trim().matches("\\d+")) {
                throw invalid(path, "HDU " + s.hdu() + ": EXTVER must be a whole number (EXTNAME,EXTVER)");
            }
            hdu = nameAndVersion.length == 2 ? fits.getHDU(name, Integer.parseInt(nameAndVersion[1].trim()))
                    : fits.getHDU(name);
            if (hdu == null) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < fits.getNumberOfHDUs(); i++) {
                    names.add(i + ": " + describe(fits.getHDU(i)));
                }
                throw invalid(path, "has no HDU with EXTNAME " + s.hdu() + " (" + String.join("; ", names) + ")");
            }
        }
        if (!(hdu instanceof ImageHDU image) || image.getAxes() == null || image.getAxes().length < 2) {
            throw invalid(path, "HDU " + s.hdu() + " holds no image (" + describe(hdu) + ")");
        }
        return checkedImage(path, image, s.hdu());
    }

    private static ImageHDU checkedImage(Path path, ImageHDU image, String which) throws FitsException {
        int bitpix = image.getHeader().getIntValue("BITPIX", 0);
        if (!List.of(8, 16, 32, 64, -32, -64).contains(bitpix)) {
            throw invalid(path, "BITPIX = " + bitpix + " is not one of 8, 16, 32, 64, -32, -64");
        }
        int[] axes = image.getAxes();
        if (axes.length > 3) {
            throw invalid(path, "HDU " + which + " has " + axes.length
                    + " axes; 2-D images and 3-D cubes are read");
        }
        return image;
    }

    private static String describe(BasicHDU<?> hdu) {
        Header h = hdu.getHeader();
        String name = h.getStringValue("EXTNAME");
        String kind = hdu instanceof ImageHDU ? "image, NAXIS = " + h.getIntValue("NAXIS", 0)
                : hdu.getClass().getSimpleName().replace("HDU", "").toLowerCase(Locale.ROOT);
        return (name == null ? "" : name + (h.containsKey("EXTVER") ? "," + h.getIntValue("EXTVER") : "") + " ")
                + kind;
    }

    /** One stored row of any BITPIX, scaled into {@code out} from {@code offset}. */
    private static void raw(Object row, double[] out, int offset, int width, double scale, double zero, Long blank) {
        boolean identity = scale == 1 && zero == 0;
        for (int c = 0; c < width; c++) {
            double v;
            long integer;
            if (row instanceof byte[] b) {
                integer = b[c] & 0xFF;
            } else if (row instanceof short[] s) {
                integer = s[c];
            } else if (row instanceof int[] i) {
                integer = i[c];
            } else if (row instanceof long[] l) {
                integer = l[c];
            } else if (row instanceof float[] f) {
                out[offset + c] = identity ? f[c] : zero + scale * f[c];
                continue;
            } else {
                double d = ((double[]) row)[c];
                out[offset + c] = identity ? d : zero + scale * d;
                continue;
            }
            v = blank != null && integer == blank ? Double.NaN : zero + scale * integer;
            out[offset + c] = v;
        }
    }

    private static Map<String, String> cards(Header h) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Cursor<String, HeaderCard> it = h.iterator(); it.hasNext();) {
            HeaderCard c = it.next();
            if (c.isKeyValuePair() && c.getValue() != null) {
                out.putIfAbsent(c.getKey(), c.getValue());
            }
        }
        return out;
    }

    /**
     * Writes {@code planes} (each row-major {@code height * width}, top row first) as one float32
     * image (one plane) or cube, with {@code cards} added to the primary header (numbers, strings
     * and booleans; keywords of at most 8 characters), atomically.
     */
    public static void write(Path path, int width, int height, List<float[]> planes, Map<String, ?> cards)
            throws IOException {
        write(path, width, height, planes.size(), planes::get, cards);
    }

    /**
     * As {@link #write(Path, int, int, List, Map)}, with plane {@code k} asked of {@code plane}
     * while it is written: one plane is in memory at a time, whatever the cube's size.
     */
    public static void write(Path path, int width, int height, int planes, IntFunction<float[]> plane,
            Map<String, ?> cards) throws IOException {
        Checks.check(planes >= 1, "planes", planes, "must be at least one image");
        Checks.check(width > 0 && height > 0, "shape", width + "x" + height, "must be non-empty");
        Header h = new Header();
        try {
            h.setSimple(true);
            h.setBitpix(Bitpix.FLOAT);
            h.setNaxes(planes == 1 ? 2 : 3);
            h.setNaxis(1, width);
            h.setNaxis(2, height);
            if (planes > 1) {
                h.setNaxis(3, planes);
            }
            for (Map.Entry<String, ?> e : cards.entrySet()) {
                addCard(h, e.getKey(), e.getValue());
            }
        } catch (FitsException e) {
            throw new IllegalArgumentException("cannot make the FITS header of " + path + ": " + firstLine(e), e);
        }
        AtomicFiles.write(path, file -> {
            try (FitsOutputStream out = new FitsOutputStream(Files.newOutputStream(file))) {
                h.write(out);
                for (int k = 0; k < planes; k++) {
                    float[] image = plane.apply(k);
                    Checks.check(image.length == width * height, "plane " + k + " length", image.length,
                            "must be " + width * height);
                    for (int r = height - 1; r >= 0; r--) {
                        out.write(image, r * width, width);
                    }
                }
                FitsUtil.pad(out, 4L * width * height * planes);
                out.flush();
            } catch (FitsException e) {
                throw new IOException("cannot write " + path + " as FITS: " + firstLine(e), e);
            }
        });
    }

    private static void addCard(Header h, String key, Object value) throws FitsException {
        Checks.check(key.length() <= 8 && key.equals(key.toUpperCase(Locale.ROOT)), "card", key,
                "must be an upper-case FITS keyword of at most 8 characters");
        if (value instanceof Boolean b) {
            h.addValue(key, b, null);
        } else if (value instanceof Number n) {
            if (n instanceof Double || n instanceof Float) {
                Checks.check(Double.isFinite(n.doubleValue()), "card " + key, n, "must be finite");
            }
            h.addValue(key, n, null);
        } else {
            h.addValue(key, String.valueOf(value), null);
        }
    }

    /** The first line of the failure's message (nom-tam-fits says what is wrong there), or its type. */
    private static String firstLine(Throwable e) {
        String m = e.getMessage() != null ? e.getMessage() : e.toString();
        return m.lines().findFirst().orElse(m);
    }

    private static IllegalArgumentException invalid(Path path, String why) {
        return Checks.invalid("path", path, why);
    }
}
