package org.prismjava.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prismjava.optics.Region;

/** Images keep the depth they store: 16-bit PNG and TIFF at full depth, colour as luminance. */
class ImageFilesTest {
    static final int N = 32;
    static final int M = 8;

    /** An M x M 16-bit grey image with the given values, row-major. */
    static BufferedImage grey16(int[] values) {
        BufferedImage img = new BufferedImage(M, M, BufferedImage.TYPE_USHORT_GRAY);
        for (int i = 0; i < values.length; i++) {
            img.getRaster().setSample(i % M, i / M, 0, values[i]);
        }
        return img;
    }

    static float[] square(ObservedObject o) {
        Region r = Region.centred(N, M);
        float[] out = new float[M * M];
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < M; j++) {
                out[i * M + j] = o.get(r.rowFrom() + i, r.colFrom() + j);
            }
        }
        return out;
    }

    @Test
    void sixteenBitPngAndTiffHoldingSmallValuesAreReadAsTheyAre(@TempDir Path dir) throws Exception {
        int[] v = new int[M * M];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 4;                       // 0..252 in a 16-bit file: all zeros through an 8-bit detour
        }
        for (String format : new String[] {"png", "tiff"}) {
            Path file = dir.resolve("ramp." + format);
            assertTrue(ImageIO.write(grey16(v), format, file.toFile()), "a " + format + " writer exists");
            float[] a = square(ImageFiles.load(file, N, M, false));
            for (int i = 0; i < v.length; i++) {
                assertEquals(Math.sqrt(v[i] / 252.0), a[i], 1e-6, format + " pixel " + i + ": amplitude = sqrt(I/max)");
            }
        }
    }

    @Test
    void sixteenBitDepthSurvivesBeyondEightBits(@TempDir Path dir) throws Exception {
        int[] v = new int[M * M];
        java.util.Arrays.fill(v, 60000);
        v[0] = 0;
        v[9] = 60001;                           // one count in 60000: lost in 8 bits
        Path file = dir.resolve("deep.png");
        ImageIO.write(grey16(v), "png", file.toFile());
        float[] a = square(ImageFiles.load(file, N, M, false));
        assertNotEquals(a[1], a[9], "a one-count difference at 16 bits is kept");
        assertEquals(Math.sqrt(60000.0 / 60001), a[1], 1e-6);
    }

    @Test
    void colourBecomesLuminance(@TempDir Path dir) throws Exception {
        BufferedImage img = new BufferedImage(M, M, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < M; y++) {
            for (int x = 0; x < M; x++) {
                img.setRGB(x, y, x < M / 2 ? 0xff0000 : 0x0000ff);
            }
        }
        img.setRGB(0, 0, 0);
        Path file = dir.resolve("colour.png");
        ImageIO.write(img, "png", file.toFile());
        float[] a = square(ImageFiles.load(file, N, M, false));
        assertEquals(1.0, a[1], 1e-6, "red (0.299) is the brightest");
        assertEquals(Math.sqrt(0.114 / 0.299), a[M - 1], 1e-5, "blue's luminance relative to red's");
        assertEquals(0, a[0], 0);
    }
}
