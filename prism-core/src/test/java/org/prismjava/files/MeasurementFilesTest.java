package org.prismjava.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prismjava.measure.FrameSimulator;
import org.prismjava.measure.FrameUnit;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.measure.MeasurementSystem;
import org.prismjava.objects.FitsImage;
import org.prismjava.objects.ObservedObject;
import org.prismjava.objects.TestObjects;
import org.prismjava.optics.Center;
import org.prismjava.optics.ShotNoise;
import org.prismjava.sampling.Patterns;
import org.prismjava.sampling.Sample;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.util.SeededRandom;

/** Measurement files: FITS cubes and folders with a manifest, round trips, and every refusal. */
class MeasurementFilesTest {
    static final int N = 16;
    static final Telescope TELESCOPE = new SubApertureTelescope(TelescopeConfig.builder(N).apertureRadius(3).build());
    static final ObservedObject OBJECT = TestObjects.europaLike(N, 8, 1);
    static final List<Sample> SAMPLES = Patterns.fermat(4, 6).generate(new SeededRandom(2));

    static MeasurementSet counts() {
        return FrameSimulator.simulate(TELESCOPE, OBJECT, SAMPLES, new FrameSimulator.Settings(1e5, 1.5, 0.5, 0.1, 1e-3),
                3).data();
    }

    static void assertSameFrames(MeasurementSet a, MeasurementSet b) {
        assertEquals(a.size(), b.size());
        assertEquals(a.unit(), b.unit());
        assertEquals(a.objectSize(), b.objectSize());
        assertEquals(a.samples(), b.samples(), "nominal centres");
        assertEquals(a.telescope().config(), b.telescope().config(), "geometry");
        for (int k = 0; k < a.size(); k++) {
            if (a.unit() == FrameUnit.INTENSITY) {
                assertArrayEquals(a.intensityFrames().counts(k), b.intensityFrames().counts(k), "frame " + k);
                assertEquals(a.intensityFrames().exposure(k), b.intensityFrames().exposure(k));
            } else {
                assertArrayEquals(a.amplitude(k), b.amplitude(k), "frame " + k);
            }
        }
        assertEquals(a.fingerprint(), b.fingerprint(), "the same data");
    }

    @Test
    void fitsCubesRoundTripCountsBadPixelsExposuresAndAmplitudes(@TempDir Path dir) throws IOException {
        MeasurementSet c = counts();
        Path file = dir.resolve("counts.fits");
        MeasurementFiles.writeFits(file, c, Map.of("OBJECT", "europa"));
        MeasurementSet back = MeasurementFiles.read(file);
        assertSameFrames(c, back);
        assertEquals(1.5, back.intensityFrames().readNoise(), 1e-12);
        assertEquals("europa", FitsImage.readCube(file, null).header().get("OBJECT"));

        float[] withBad = c.intensityFrames().counts(1);
        withBad[5] = Float.NaN;
        MeasurementSet bad = MeasurementSet.recorded(TELESCOPE, 8).addFrame(null, Center.ORIGIN,
                c.intensityFrames().counts(0), 1).addFrame(null, new Center(2.5, -1), withBad, 3).build();
        MeasurementFiles.writeFits(dir.resolve("bad.fits"), bad, Map.of());
        assertSameFrames(bad, MeasurementFiles.read(dir.resolve("bad.fits")));
        assertTrue(Float.isNaN(MeasurementFiles.read(dir.resolve("bad.fits")).intensityFrames().counts(1)[5]));

        Telescope noisy = new SubApertureTelescope(TelescopeConfig.builder(N).apertureRadius(3).snrDb(20).build());
        MeasurementSet amplitude = MeasurementSet.acquire(MeasurementSystem.withDefaults(noisy), OBJECT, SAMPLES, true, 4);
        MeasurementFiles.writeFits(dir.resolve("amplitude.fits"), amplitude, Map.of());
        MeasurementSet a = MeasurementFiles.read(dir.resolve("amplitude.fits"));
        assertSameFrames(amplitude, a);
        assertTrue(a.isNoisy() && a.telescope().config().noise().orElseThrow() instanceof ShotNoise,
                "SNRDB gives the noise model back");
    }

    @Test
    void theCentresFollowTheFitsAxesYUp(@TempDir Path dir) throws IOException {
        MeasurementSet one = MeasurementSet.recorded(TELESCOPE, 8).addFrame(null, new Center(2, 3),
                counts().intensityFrames().counts(0), 1).build();
        Path file = dir.resolve("one.fits");
        MeasurementFiles.writeFits(file, one, Map.of());
        Map<String, String> h = FitsImage.readCube(file, null).header();
        assertEquals(-2.0, Double.parseDouble(h.get("SY00001")), "a centre 2 rows down the array is 2 px down: SY -2");
        assertEquals(3.0, Double.parseDouble(h.get("SX00001")));
    }

    static void writePng16(Path file, float[] values) throws IOException {
        BufferedImage img = new BufferedImage(N, N, BufferedImage.TYPE_USHORT_GRAY);
        for (int i = 0; i < values.length; i++) {
            img.getRaster().setSample(i % N, i / N, 0, Math.round(values[i]));
        }
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void aFolderOfFramesWithAManifestReadsLikeTheCube(@TempDir Path dir) throws IOException {
        MeasurementSet c = counts();
        StringBuilder manifest = new StringBuilder("# grid_size = 16\n# aperture_radius = 3\n# object_size = 8\n"
                + "# unit = intensity\n# read_noise = 1.5\n# wavelength = 5.5e-7\n# pixel_size = 0.01\n"
                + "file, centre_y, centre_x, exposure\n");
        for (int k = 0; k < c.size(); k++) {
            float[] v = c.intensityFrames().counts(k);
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.max(0, Math.round(v[i]));
            }
            String name = "frame" + k + (k % 2 == 0 ? ".png" : ".fits");
            if (k % 2 == 0) {
                writePng16(dir.resolve(name), v);
            } else {
                FitsImage.write(dir.resolve(name), N, N, List.of(v), Map.of());
            }
            Center centre = c.sample(k).start();
            manifest.append(name).append(", ").append(0.0 - centre.y()).append(", ").append(centre.x()).append(", 1\n");
        }
        Files.writeString(dir.resolve(MeasurementFiles.MANIFEST), manifest);
        MeasurementSet folder = MeasurementFiles.read(dir);
        assertEquals(c.samples(), folder.samples());
        assertEquals(c.telescope().config(), folder.telescope().config());
        for (int k = 0; k < c.size(); k++) {
            float[] expected = c.intensityFrames().counts(k);
            float[] got = folder.intensityFrames().counts(k);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Math.max(0, Math.round(expected[i])), got[i], 0f, "frame " + k + " pixel " + i);
            }
        }
        assertEquals(folder.fingerprint(), MeasurementFiles.read(dir.resolve(MeasurementFiles.MANIFEST)).fingerprint(),
                "the folder or its manifest");
    }

    static void refused(Path file, String... words) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MeasurementFiles.read(file));
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + e.getMessage() + "' names " + w);
        }
    }

    static Path fits(Path dir, String name, Map<String, Object> cards, int size, int planes) throws IOException {
        Path p = dir.resolve(name);
        float[] v = counts().intensityFrames().counts(0);
        FitsImage.write(p, size, size, planes, k -> java.util.Arrays.copyOf(v, size * size), cards);
        return p;
    }

    static Map<String, Object> geometry() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("GRIDSIZE", N);
        m.put("APRADIUS", 3);
        m.put("OBJSIZE", 8);
        m.put("SY00001", 0);
        m.put("SX00001", 0);
        m.put("SY00002", 1);
        m.put("SX00002", 2);
        return m;
    }

    static Map<String, Object> without(String key) {
        Map<String, Object> m = geometry();
        m.remove(key);
        return m;
    }

    static Map<String, Object> with(String key, Object value) {
        Map<String, Object> m = geometry();
        m.put(key, value);
        return m;
    }

    @Test
    void damagedAndInconsistentFitsFilesAreRefusedNamingTheCard(@TempDir Path dir) throws IOException {
        assertEquals(2, MeasurementFiles.read(fits(dir, "ok.fits", geometry(), N, 2)).size(), "the minimal file reads");
        refused(fits(dir, "a.fits", without("GRIDSIZE"), N, 2), "GRIDSIZE", "required");
        refused(fits(dir, "b.fits", with("APRADIUS", "wide"), N, 2), "APRADIUS", "'wide'", "number");
        refused(fits(dir, "c.fits", without("SY00002"), N, 2), "SY00002", "plane 2 of", "pupil centre");
        refused(fits(dir, "d.fits", with("GRIDSIZE", 32), N, 2), "frames", "16x16", "32x32");
        refused(fits(dir, "e.fits", with("EY00001", 3), N, 2), "EY00001", "line sample");
        refused(fits(dir, "f.fits", with("OBJSIZE", 40), N, 2), "objectSize", "[8, 16]");
        refused(fits(dir, "g.fits", with("BUNIT", "jansky"), N, 2), "BUNIT", "jansky", "intensity");
        refused(fits(dir, "h.fits", with("SNRDB", 20), N, 2), "SNRDB", "amplitude frames only");
        refused(fits(dir, "i.fits", with("APRADIUS", 0.5), N, 2), "APRADIUS", ">= 1");
        refused(fits(dir, "j.fits", with("GRIDSIZE", 12), 12, 2), "GRIDSIZE", "power of two");
        refused(dir.resolve("ok.fits[0][1]"), "whole cube");
        refused(dir.resolve("missing.fits"), "does not exist");
        Path truncated = dir.resolve("truncated.fits");
        byte[] bytes = Files.readAllBytes(dir.resolve("ok.fits"));
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 2880));
        refused(truncated, "truncated");
        refused(dir.resolve("notes.txt"), "does not exist");
        Files.writeString(dir.resolve("notes.txt"), "hello");
        refused(dir.resolve("notes.txt"), "must be a FITS file");
    }

    @Test
    void inconsistentManifestsAreRefusedNamingTheRowAndColumn(@TempDir Path dir) throws IOException {
        float[] v = counts().intensityFrames().counts(0);
        FitsImage.write(dir.resolve("f.fits"), N, N, List.of(v), Map.of());
        FitsImage.write(dir.resolve("small.fits"), 8, 8, List.of(new float[64]), Map.of());
        BufferedImage colour = new BufferedImage(N, N, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(colour, "png", dir.resolve("colour.png").toFile());
        String head = "# aperture_radius = 3\n# object_size = 8\n";
        refused(dir, "without " + MeasurementFiles.MANIFEST);
        for (String[] c : new String[][] {
            {head + "file,centre_y,centre_x\nf.fits,0,0\nf.fits,up,0\n", "row 2 centre_y", "'up'"},
            {head + "file,centre_y,centre_x\nf.fits,0,0\nnope.fits,1,1\n", "row 2 file", "nope.fits"},
            {head + "file,centre_y,centre_x\nf.fits,0,0\nsmall.fits,1,1\n", "row 2", "8x8", "16x16"},
            {head + "file,centre_y,centre_x\ncolour.png,0,0\n", "3 band", "single-band"},
            {head + "file,y,x\nf.fits,0,0\n", "column", "y"},
            {head + "file,centre_y\nf.fits,0\n", "header", "centre_x"},
            {head + "# grid_size = 32\nfile,centre_y,centre_x\nf.fits,0,0\n", "grid_size", "16"},
            {head + "# aperture = 3\nfile,centre_y,centre_x\nf.fits,0,0\n", "aperture", "not a manifest setting"},
            {"# object_size = 8\nfile,centre_y,centre_x\nf.fits,0,0\n", "aperture_radius", "required"},
            {head + "file,centre_y,centre_x\n", "no frame rows"},
            {head + "file,centre_y,centre_x,exposure\nf.fits,0,0,-1\n", "exposure", "> 0"},
        }) {
            Files.writeString(dir.resolve(MeasurementFiles.MANIFEST), c[0]);
            refused(dir, java.util.Arrays.copyOfRange(c, 1, c.length));
        }
    }
}
