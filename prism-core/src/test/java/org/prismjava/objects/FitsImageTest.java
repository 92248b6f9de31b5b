package org.prismjava.objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
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
        assertReason(write(tmp.resolve("c.fits"), cube, d), "holds a cube of 2 planes; choose one with c.fits[0][PLANE]");
        Path noEnd = tmp.resolve("d.fits");
        Files.write(noEnd, String.format("%-2880s", card("SIMPLE", "T")).getBytes(StandardCharsets.US_ASCII));
        assertReason(noEnd, "FITS");
        Path text = Files.writeString(tmp.resolve("e.fits"), "not a FITS file at all");
        assertReason(text, "FITS");
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

    /** A file of {@code hdus} built by nom-tam-fits itself (the first is the primary). */
    private Path build(String name, List<BasicHDU<?>> hdus) throws Exception {
        Path file = tmp.resolve(name);
        try (Fits f = new Fits()) {
            for (BasicHDU<?> h : hdus) {
                f.addHDU(h);
            }
            f.write(file.toFile());
        }
        return file;
    }

    private static BasicHDU<?> image(Object kernel, String extname, Object... cards) throws Exception {
        BasicHDU<?> h = Fits.makeHDU(kernel);
        if (extname != null) {
            h.getHeader().addValue("EXTNAME", extname, null);
        }
        for (int i = 0; i < cards.length; i += 2) {
            h.getHeader().addValue((String) cards[i], (Number) cards[i + 1], null);
        }
        return h;
    }

    @Test
    void everyBitpixReadsItsPhysicalValues() throws Exception {
        Object[] kernels = {new byte[][] {{(byte) 200, 1}}, new short[][] {{-300, 7}}, new int[][] {{-70000, 9}},
            new long[][] {{1L << 40, -5}}, new float[][] {{0.25f, -1.5f}}, new double[][] {{1e-300, 3.0}}};
        double[][] want = {{2 * 200 + 10, 2 * 1 + 10}, {2 * -300 + 10, 2 * 7 + 10}, {2 * -70000 + 10, 2 * 9 + 10},
            {2.0 * (1L << 40) + 10, 2 * -5 + 10}, {2 * 0.25 + 10, 2 * -1.5 + 10}, {2e-300 + 10, 2 * 3.0 + 10}};
        int[] bitpix = {8, 16, 32, 64, -32, -64};
        for (int k = 0; k < kernels.length; k++) {
            Path f = build("b" + k + ".fits", List.of(image(kernels[k], null, "BSCALE", 2.0, "BZERO", 10.0)));
            FitsImage img = FitsImage.read(f);
            assertEquals(String.valueOf(bitpix[k]), img.header().get("BITPIX"));
            assertArrayEquals(want[k], img.pixels(), 0.0, "BITPIX " + bitpix[k] + " (8 is unsigned)");
        }
    }

    @Test
    void selectsAnExtensionByIndexOrExtnameAndAPlaneOfACube() throws Exception {
        float[][][] cube = new float[3][2][2];
        for (int p = 0; p < 3; p++) {
            cube[p][1][0] = p + 1;
        }
        Path f = build("multi.fits", List.of(Fits.makeHDU(new nom.tam.fits.ImageData()),
                image(new short[][] {{1, 2}, {3, 4}}, "SCI"), image(cube, "CUBE")));
        FitsImage first = FitsImage.read(f);
        assertEquals("SCI", first.header().get("EXTNAME"), "the primary has no data: the first image extension");
        assertArrayEquals(new double[] {3, 4, 1, 2}, first.pixels(), 0.0, "top row first");
        assertEquals(first.header(), FitsImage.read(f, new FitsImage.Selection("1", null)).header());
        FitsImage plane = FitsImage.read(f, new FitsImage.Selection("CUBE", 2));
        assertArrayEquals(new double[] {3, 0, 0, 0}, plane.pixels(), 0.0, "plane 2, its stored second row on top");
        assertEquals(new FitsImage.Selection("2", 1), FitsImage.parseSpec(f + "[2][1]").getValue());
        assertEquals(new FitsImage.Selection("SCI,1", null), FitsImage.parseSpec(f + "[SCI,1]").getValue());
        assertEquals(f, FitsImage.parseSpec(f + "[SCI,1]").getKey());
        assertEquals(FitsImage.Selection.FIRST_IMAGE, FitsImage.parseSpec("plain.png").getValue());
        assertSelectionRefused(f, new FitsImage.Selection("CUBE", null), "holds a cube of 3 planes");
        assertSelectionRefused(f, new FitsImage.Selection("CUBE", 3), "has no plane 3 (the image has 3)");
        assertSelectionRefused(f, new FitsImage.Selection("7", null), "has no HDU 7 (it holds 3, 0-based)");
        assertSelectionRefused(f, new FitsImage.Selection("0", null), "HDU 0 holds no image");
        assertSelectionRefused(f, new FitsImage.Selection("DQ", null), "has no HDU with EXTNAME DQ (0: image, NAXIS = ");
        assertSelectionRefused(f, new FitsImage.Selection("DQ", null), "; 1: SCI image, NAXIS = 2; 2: CUBE image,"
                + " NAXIS = 3)");
        ObservedObject o = ImageFiles.load(f, new FitsImage.Selection("SCI", null), 16, 8, false);
        assertTrue(o.amplitudeView().get(0) == 0f, "loaded as an object, padded");
    }

    private static void assertSelectionRefused(Path f, FitsImage.Selection s, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FitsImage.read(f, s));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void writtenImagesAndCubesReadBackBitForBitWithTheirCards() throws Exception {
        float[] a = {0.1f, Float.MIN_VALUE, 3e38f, -0f, 1f / 3, 7f};
        float[] b = {6, 5, 4, 3, 2, 1};
        Map<String, Object> cards = new LinkedHashMap<>();
        cards.put("OBJECT", "m51 [test]");
        cards.put("SSIM", 0.9987654321);
        cards.put("NSAMPLES", 48);
        cards.put("NOISY", true);
        Path one = tmp.resolve("one.fits");
        FitsImage.write(one, 3, 2, List.of(a), cards);
        FitsImage img = FitsImage.read(one);
        assertEquals(3, img.width());
        assertEquals(2, img.height());
        for (int i = 0; i < a.length; i++) {
            assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits((float) img.pixels()[i]), "pixel " + i);
        }
        assertEquals("-32", img.header().get("BITPIX"));
        assertEquals("m51 [test]", img.header().get("OBJECT"));
        assertEquals(0.9987654321, Double.parseDouble(img.header().get("SSIM")), 0.0);
        assertEquals("48", img.header().get("NSAMPLES"));
        assertEquals("T", img.header().get("NOISY"));
        Path two = tmp.resolve("two.fits");
        FitsImage.write(two, 3, 2, List.of(a, b), cards);
        FitsImage second = FitsImage.read(two, new FitsImage.Selection("0", 1));
        assertArrayEquals(new double[] {6, 5, 4, 3, 2, 1}, second.pixels(), 0.0);
        assertEquals("3", second.header().get("NAXIS"));
        assertThrows(IllegalArgumentException.class, () -> FitsImage.write(tmp.resolve("x.fits"), 3, 2, List.of(a),
                Map.of("TOOLONGKEY", 1)));
        assertThrows(IllegalArgumentException.class, () -> FitsImage.write(tmp.resolve("x.fits"), 3, 2, List.of(a),
                Map.of("SSIM", Double.NaN)));
    }
}
