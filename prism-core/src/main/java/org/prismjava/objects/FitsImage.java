package org.prismjava.objects;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.prismjava.util.Checks;

/**
 * A 2-D image from the primary HDU of a FITS file (NASA/IAU FITS 4.0): BITPIX 8, 16, 32, 64,
 * -32 or -64, NAXIS 2 (or 3 with NAXIS3 = 1), BSCALE/BZERO applied, integer BLANK pixels read
 * as NaN. Rows are returned top first: FITS stores the bottom row (y = 1) first, so the stored
 * order is flipped. Pure Java, no dependency.
 *
 * @param width NAXIS1
 * @param height NAXIS2
 * @param pixels row-major physical values, {@code height * width}
 */
public record FitsImage(int width, int height, double[] pixels) {
    private static final int BLOCK = 2880;
    private static final int CARD = 80;

    /** Validates the shape. */
    public FitsImage {
        Checks.check(width > 0 && height > 0 && pixels.length == (long) width * height, "pixels.length",
                pixels.length, "must equal width*height = " + (long) width * height);
    }

    /** Whether the file name ends in .fits, .fit or .fts (any case). */
    public static boolean isFitsName(Path path) {
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".fits") || n.endsWith(".fit") || n.endsWith(".fts");
    }

    /** Reads the primary image of {@code path}. */
    public static FitsImage read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        Map<String, String> header = new LinkedHashMap<>();
        int offset = 0;
        boolean end = false;
        while (!end) {
            if (offset + BLOCK > bytes.length) {
                throw invalid(path, "the header has no END card");
            }
            for (int c = 0; c < BLOCK / CARD && !end; c++) {
                String card = new String(bytes, offset + c * CARD, CARD, StandardCharsets.US_ASCII);
                String key = card.substring(0, 8).trim();
                if (key.equals("END")) {
                    end = true;
                } else if (card.length() > 10 && card.charAt(8) == '=' && !key.isEmpty()) {
                    header.putIfAbsent(key, value(card.substring(10)));
                }
            }
            offset += BLOCK;
        }
        if (!"T".equals(header.get("SIMPLE"))) {
            throw invalid(path, "it does not start with SIMPLE = T");
        }
        int bitpix = integer(path, header, "BITPIX");
        int naxis = integer(path, header, "NAXIS");
        int width = naxis >= 1 ? integer(path, header, "NAXIS1") : 0;
        int height = naxis >= 2 ? integer(path, header, "NAXIS2") : 0;
        for (int k = 3; k <= naxis; k++) {
            if (integer(path, header, "NAXIS" + k) != 1) {
                throw invalid(path, "NAXIS" + k + " = " + header.get("NAXIS" + k) + "; only 2-D images are read");
            }
        }
        if (naxis < 2 || width <= 0 || height <= 0) {
            throw invalid(path, "the primary HDU holds no 2-D image (NAXIS = " + naxis + ")");
        }
        int size = Math.abs(bitpix) / 8;
        if (!java.util.List.of(8, 16, 32, 64, -32, -64).contains(bitpix)) {
            throw invalid(path, "BITPIX = " + bitpix + " is not one of 8, 16, 32, 64, -32, -64");
        }
        long needed = (long) width * height * size;
        if (offset + needed > bytes.length) {
            throw invalid(path, "the data are truncated: " + (bytes.length - offset) + " bytes for " + needed);
        }
        double scale = number(path, header, "BSCALE", 1);
        double zero = number(path, header, "BZERO", 0);
        Double blank = header.containsKey("BLANK") && bitpix > 0 ? number(path, header, "BLANK", 0) : null;
        ByteBuffer data = ByteBuffer.wrap(bytes, offset, (int) needed).order(ByteOrder.BIG_ENDIAN);
        double[] pixels = new double[width * height];
        for (int stored = 0; stored < height; stored++) {
            int row = height - 1 - stored;
            for (int x = 0; x < width; x++) {
                double raw = switch (bitpix) {
                    case 8 -> data.get() & 0xFF;
                    case 16 -> data.getShort();
                    case 32 -> data.getInt();
                    case 64 -> data.getLong();
                    case -32 -> data.getFloat();
                    default -> data.getDouble();
                };
                pixels[row * width + x] = blank != null && raw == blank ? Double.NaN : zero + scale * raw;
            }
        }
        return new FitsImage(width, height, pixels);
    }

    /** The value field of a card: a quoted string's content, or the text before any comment. */
    private static String value(String field) {
        String f = field.trim();
        if (f.startsWith("'")) {
            int close = f.indexOf('\'', 1);
            return close < 0 ? f.substring(1) : f.substring(1, close).trim();
        }
        int slash = f.indexOf('/');
        return (slash < 0 ? f : f.substring(0, slash)).trim();
    }

    private static int integer(Path path, Map<String, String> header, String key) {
        String v = header.get(key);
        if (v == null) {
            throw invalid(path, "the header lacks " + key);
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw invalid(path, key + " = '" + v + "' is not an integer");
        }
    }

    private static double number(Path path, Map<String, String> header, String key, double otherwise) {
        String v = header.get(key);
        if (v == null) {
            return otherwise;
        }
        try {
            return Double.parseDouble(v.replace('D', 'E'));
        } catch (NumberFormatException e) {
            throw invalid(path, key + " = '" + v + "' is not a number");
        }
    }

    private static IllegalArgumentException invalid(Path path, String why) {
        return Checks.invalid("path", path, "is not a readable FITS image: " + why);
    }
}
