package org.prismjava.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FITS reading against files written here by the standard's rules. */
class FitsImageTest {
    @TempDir
    Path tmp;

    /** Writes a primary-HDU FITS file: 80-character cards, 2880-byte blocks, big-endian data. */
    static Path write(Path file, List<String> cards, ByteBuffer data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(cards);
        all.add("END");
        for (String c : all) {
            out.writeBytes(String.format(Locale.ROOT, "%-80s", c).getBytes(StandardCharsets.US_ASCII));
        }
        pad(out, (byte) ' ');
        out.writeBytes(java.util.Arrays.copyOf(data.array(), data.position()));
        pad(out, (byte) 0);
        Files.write(file, out.toByteArray());
        return file;
    }

    private static void pad(ByteArrayOutputStream out, byte fill) {
        while (out.size() % 2880 != 0) {
            out.write(fill);
        }
    }

    static String card(String key, Object value) {
        return String.format(Locale.ROOT, "%-8s= %20s / test", key, value);
    }

    private static List<String> header(int bitpix, int w, int h, String... extra) {
        List<String> c = new ArrayList<>(List.of(card("SIMPLE", "T"), card("BITPIX", bitpix), card("NAXIS", 2),
                card("NAXIS1", w), card("NAXIS2", h)));
        c.addAll(List.of(extra));
        return c;
    }

    @Test
    void readsFloatDataWithTheBottomRowStoredFirst() throws IOException {
        ByteBuffer d = ByteBuffer.allocate(3 * 2 * 4);
        for (int i = 0; i < 6; i++) {
            d.putFloat(i + 0.5f);
        }
        FitsImage img = FitsImage.read(write(tmp.resolve("f.fits"), header(-32, 3, 2), d));
        assertEquals(3, img.width());
        assertEquals(2, img.height());
        // stored rows: [0.5 1.5 2.5] (bottom), [3.5 4.5 5.5] (top)
        assertEquals(List.of(3.5, 4.5, 5.5, 0.5, 1.5, 2.5), java.util.Arrays.stream(img.pixels()).boxed().toList());
    }

    @Test
    void appliesBscaleBzeroAndBlank() throws IOException {
        ByteBuffer d = ByteBuffer.allocate(2 * 2 * 2);
        d.putShort((short) -32768).putShort((short) 0).putShort((short) 7).putShort((short) -1);
        Path f = write(tmp.resolve("i.fits"), header(16, 2, 2, card("BZERO", "32768.0"), card("BSCALE", "2.0"),
                card("BLANK", -1)), d);
        FitsImage img = FitsImage.read(f);
        assertEquals(32768 + 2 * 7, img.pixels()[0]);
        assertTrue(Double.isNaN(img.pixels()[1]), "BLANK reads as NaN");
        assertEquals(32768 - 2 * 32768, img.pixels()[2]);
        assertEquals(32768, img.pixels()[3]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageFiles.load(f, 32, 8, false));
        assertTrue(e.getMessage().contains("1 non-finite"), e.getMessage());
    }

    @Test
    void rejectsBrokenFilesWithTheReason() throws IOException {
        ByteBuffer d = ByteBuffer.allocate(8);
        d.putFloat(1).putFloat(2);
        Path full = write(tmp.resolve("a.fits"), header(-32, 4, 4), d);
        byte[] cut = java.util.Arrays.copyOf(Files.readAllBytes(full), 2880 + 8);
        assertReason(Files.write(tmp.resolve("a.fits"), cut), "truncated");
        assertReason(write(tmp.resolve("b.fits"), header(12, 2, 1), d), "BITPIX = 12");
        List<String> cube = new ArrayList<>(List.of(card("SIMPLE", "T"), card("BITPIX", -32), card("NAXIS", 3),
                card("NAXIS1", 1), card("NAXIS2", 1), card("NAXIS3", 2)));
        assertReason(write(tmp.resolve("c.fits"), cube, d), "NAXIS3 = 2");
        Path noEnd = tmp.resolve("d.fits");
        Files.write(noEnd, String.format("%-2880s", card("SIMPLE", "T")).getBytes(StandardCharsets.US_ASCII));
        assertReason(noEnd, "no END card");
    }

    private static void assertReason(Path f, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FitsImage.read(f));
        assertTrue(e.getMessage().contains(reason) && e.getMessage().contains("path"), e.getMessage());
    }

    @Test
    void loadsAsAnObjectWithTheImageConventions() throws IOException {
        int w = 40;
        int h = 20;
        ByteBuffer d = ByteBuffer.allocate(w * h * 8);
        for (int stored = 0; stored < h; stored++) {
            for (int x = 0; x < w; x++) {
                d.putDouble(x < w / 2 ? 4.0 : 1.0);
            }
        }
        ObservedObject o = ImageFiles.load(write(tmp.resolve("half.fits"), header(-64, w, h), d), 32, 10, false);
        float[] a = new float[32 * 32];
        o.amplitudeView().get(0, a);
        int from = (32 - 10) / 2;
        // shorter side 20 -> 10 (factor 2), width 40 -> 20, centre crop 10: left half bright (1), right dark (0)
        assertEquals(1.0, a[(from + 5) * 32 + from], 1e-6);
        assertEquals(0.0, a[(from + 5) * 32 + from + 9], 1e-6);
        assertEquals(0.0, a[(from - 1) * 32 + from], 0.0, "zero outside the object square");
        ObservedObject inverted = ImageFiles.load(tmp.resolve("half.fits"), 32, 10, true);
        assertEquals(0.0, inverted.amplitudeView().get((from + 5) * 32 + from), 1e-6);
    }
}
