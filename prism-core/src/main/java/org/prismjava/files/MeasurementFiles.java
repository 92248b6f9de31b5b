package org.prismjava.files;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.prismjava.measure.FrameUnit;
import org.prismjava.measure.IntensityFrames;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.measure.RecordedFrames;
import org.prismjava.objects.FitsImage;
import org.prismjava.objects.ImageFiles;
import org.prismjava.optics.Center;
import org.prismjava.optics.CircularAperture;
import org.prismjava.optics.ShotNoise;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.util.Checks;

/**
 * Reads and writes measurement files (docs/data-format.md). A FITS file holds the frames as a
 * cube (NAXIS1 = NAXIS2 = the grid, NAXIS3 = frames) with the geometry (GRIDSIZE, APRADIUS,
 * OBJSIZE) and each frame's nominal pupil centre (SYnnnnn, SXnnnnn, frames counted from 1) in
 * the header; a folder holds one image per frame and {@value #MANIFEST}, whose {@code # key =
 * value} lines give the geometry and whose rows name each frame's file and centre. Pupil centres
 * are pupil-plane pixels from the k-space origin, x to the right and y up on the displayed frame
 * (along FITS NAXIS1 and NAXIS2); everything else is optional with a stated default. Stateless.
 */
public final class MeasurementFiles {
    /** The manifest's name inside a folder of frames. */
    public static final String MANIFEST = "manifest.csv";
    /** The frames' unit when a file does not say: counts, as detectors record. */
    public static final FrameUnit DEFAULT_UNIT = FrameUnit.INTENSITY;

    private MeasurementFiles() {
    }

    /**
     * Reads a measurement file: a FITS cube ({@code file.fits}, or {@code file.fits[HDU]} for
     * another HDU), a folder holding {@value #MANIFEST}, or a manifest itself.
     */
    public static MeasurementSet read(Path path) throws IOException {
        Checks.check(path != null, "path", null, "must name a measurement file or folder");
        Map.Entry<Path, FitsImage.Selection> spec = FitsImage.parseSpec(path.toString());
        if (!spec.getValue().equals(FitsImage.Selection.FIRST_IMAGE)) {
            Checks.check(spec.getValue().plane() == null, "path", path,
                    "selects one plane; a measurement file is the whole cube (name the HDU only: file.fits[SCI])");
            Checks.check(Files.isRegularFile(spec.getKey()), "path", spec.getKey(), "does not exist or is not a file");
            return readFits(spec.getKey(), spec.getValue().hdu());
        }
        if (Files.isDirectory(path)) {
            Path manifest = path.resolve(MANIFEST);
            Checks.check(Files.isRegularFile(manifest), "path", path, "is a folder without " + MANIFEST
                    + " (a folder of frames needs a manifest naming each frame and its pupil centre)");
            return readManifest(manifest);
        }
        Checks.check(Files.isRegularFile(path), "path", path, "does not exist or is not a file");
        if (FitsImage.isFitsName(path)) {
            return readFits(path, null);
        }
        Checks.check(path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"), "path", path,
                "must be a FITS file (.fits, .fit, .fts), a folder of frames or its " + MANIFEST);
        return readManifest(path);
    }

    // ---------------------------------------------------------------- FITS

    private static MeasurementSet readFits(Path path, String hdu) throws IOException {
        FitsImage.Cube cube = FitsImage.readCube(path, hdu);
        Map<String, String> cards = cube.header();
        Settings s = new Settings(path + " card ", k -> cards.get(FITS_KEYS.get(k)), FITS_KEYS);
        int n = s.integer(GRID);
        Checks.check(cube.width() == n && cube.height() == n, path + " frames", cube.width() + "x" + cube.height(),
                "must be GRIDSIZE x GRIDSIZE = " + n + "x" + n);
        RecordedFrames frames = s.builder(n);
        boolean intensity = s.unit() == FrameUnit.INTENSITY;
        for (int k = 0; k < cube.planes().size(); k++) {
            String index = frameIndex(k);
            String label = "plane " + (k + 1) + " of " + path;
            Checks.check(!cards.containsKey("EY" + index) && !cards.containsKey("EX" + index), path + " card EY" + index,
                    cards.get("EY" + index), "marks a line sample; recorded frames have one pupil centre each");
            double y = number(cards, path, "SY" + index, label + " needs its pupil centre");
            double x = number(cards, path, "SX" + index, label + " needs its pupil centre");
            double exposure = cards.containsKey("EXP" + index) ? number(cards, path, "EXP" + index, "") : 1;
            Checks.check(intensity || !cards.containsKey("EXP" + index), path + " card EXP" + index, exposure,
                    "applies to intensity frames only (BUNIT is amplitude)");
            frames.addFrame(label, new Center(0.0 - y, x), cube.planes().get(k), exposure);
        }
        return frames.build();
    }

    private static double number(Map<String, String> cards, Path path, String key, String why) {
        String v = cards.get(key);
        Checks.check(v != null, path + " card " + key, "missing", why.isEmpty() ? "must be a number" : why);
        return finite(path + " card " + key, v);
    }

    /** {@code text} as a finite number, or a refusal naming {@code where}. */
    private static double finite(String where, String text) {
        try {
            double d = Double.parseDouble(text == null ? "" : text.strip());
            Checks.check(Double.isFinite(d), where, text, "must be a finite number");
            return d;
        } catch (NumberFormatException e) {
            throw Checks.invalid(where, "'" + text + "'", "must be a number");
        }
    }

    private static String frameIndex(int k) {
        return String.format(Locale.ROOT, "%05d", k + 1);
    }

    /**
     * Writes {@code data} as a FITS cube in this layout, with {@code extraCards} (upper-case
     * keywords of at most 8 characters) after the geometry, atomically. Intensity frames keep
     * their counts (in electrons: GAIN 1) and NaN bad pixels; amplitude frames are the data.
     * Reading the file back gives the same frames, centres and exposures.
     */
    public static void writeFits(Path path, MeasurementSet data, Map<String, ?> extraCards) throws IOException {
        Checks.check(data != null, "data", null, "must be set");
        TelescopeConfig t = data.telescope().config();
        Checks.check(t.aperture() instanceof CircularAperture, "data.telescope().aperture", t.aperture(),
                "must be circular to be written as APRADIUS; build sets of custom pupils in code");
        Map<String, Object> cards = new LinkedHashMap<>();
        cards.put("BUNIT", data.unit().id());
        cards.put("GRIDSIZE", data.gridSize());
        cards.put("OBJSIZE", data.objectSize());
        cards.put("APRADIUS", ((CircularAperture) t.aperture()).radius());
        cards.put("WAVELEN", t.wavelength());
        cards.put("PUPILPIX", t.pixelSize());
        cards.put("NFRAMES", data.size());
        boolean intensity = data.unit() == FrameUnit.INTENSITY;
        if (intensity) {
            cards.put("READNOIS", data.intensityFrames().readNoise());
            cards.put("GAIN", 1.0);
        } else if (data.isNoisy() && t.noise().orElse(null) instanceof ShotNoise shot) {
            cards.put("SNRDB", shot.snrDb());
        }
        for (int k = 0; k < data.size(); k++) {
            Center c = data.sample(k).start();
            Checks.check(data.sample(k).isPoint(), "data.sample(" + k + ")", data.sample(k),
                    "must be a point: a file frame has one pupil centre");
            cards.put("SY" + frameIndex(k), 0.0 - c.y());
            cards.put("SX" + frameIndex(k), c.x());
            if (intensity && data.intensityFrames().exposure(k) != 1) {
                cards.put("EXP" + frameIndex(k), data.intensityFrames().exposure(k));
            }
        }
        extraCards.forEach((k, v) -> {
            Checks.check(!cards.containsKey(k), "extra card", k, "is one of the layout's own cards");
            cards.put(k, v);
        });
        int n = data.gridSize();
        IntensityFrames counts = intensity ? data.intensityFrames() : null;
        FitsImage.write(path, n, n, data.size(), k -> intensity ? counts.counts(k) : data.amplitude(k), cards);
    }

    // ---------------------------------------------------------------- folder + manifest

    private static MeasurementSet readManifest(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        Map<String, String> settings = new LinkedHashMap<>();
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("#")) {
                String body = line.substring(1);
                int eq = body.indexOf('=');
                if (eq > 0) {
                    String key = body.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                    Checks.check(MANIFEST_KEYS.containsValue(key), csv + " line " + (i + 1), key,
                            "is not a manifest setting; allowed: " + String.join(", ", MANIFEST_KEYS.values()));
                    settings.put(key, body.substring(eq + 1).strip());
                }
                continue;
            }
            table.append(lines.get(i)).append('\n');
        }
        Settings s = new Settings(csv + " setting ", k -> settings.get(MANIFEST_KEYS.get(k)), MANIFEST_KEYS);
        List<Map<String, String>> rows = rows(csv, table.toString());
        Checks.check(!rows.isEmpty(), csv.toString(), "no frame rows", "a manifest lists at least one frame");
        Path folder = csv.toAbsolutePath().getParent();
        RecordedFrames frames = null;
        int n = 0;
        for (int r = 0; r < rows.size(); r++) {
            Map<String, String> row = rows.get(r);
            String where = csv + " row " + (r + 1);
            String file = row.get("file");
            Checks.check(file != null && !file.isBlank(), where + " file", file, "must name a frame file");
            Path framePath = folder.resolve(file.strip()).normalize();
            Checks.check(Files.isRegularFile(framePath), where + " file", file,
                    "must be a frame file beside the manifest (" + framePath + " does not exist)");
            FitsImage image = ImageFiles.readValues(framePath);
            if (frames == null) {
                n = image.width();
                Checks.check(!settings.containsKey("grid_size") || s.integer(GRID) == n, csv + " setting grid_size",
                        settings.get("grid_size"), "must equal the frames' size " + n);
                frames = s.builder(n);
            }
            Checks.check(image.width() == n && image.height() == n, where + " " + file,
                    image.width() + "x" + image.height(), "must be " + n + "x" + n + " like the first frame");
            float[] values = new float[n * n];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) image.pixels()[i];
            }
            double y = column(row, "centre_y", where);
            double x = column(row, "centre_x", where);
            double exposure = row.containsKey("exposure") && !row.get("exposure").isBlank()
                    ? column(row, "exposure", where) : 1;
            frames.addFrame(file.strip() + " (" + where + ")", new Center(0.0 - y, x), values, exposure);
        }
        return frames.build();
    }

    private static List<Map<String, String>> rows(Path csv, String table) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES)
                .enable(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS);
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Map<String, String>> out = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class).with(schema)
                .readValues(table)) {
            while (it.hasNext()) {
                Map<String, String> row = it.next();
                if (out.isEmpty()) {
                    for (String column : row.keySet()) {
                        Checks.check(List.of("file", "centre_y", "centre_x", "exposure").contains(column),
                                csv + " column", column, "must be one of file, centre_y, centre_x, exposure");
                    }
                    for (String column : List.of("file", "centre_y", "centre_x")) {
                        Checks.check(row.containsKey(column), csv + " header", row.keySet(),
                                "must name the columns file, centre_y, centre_x (and optionally exposure)");
                    }
                }
                out.add(row);
            }
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().contains(csv.toString())) {
                throw iae;
            }
            throw Checks.invalid(csv.toString(), "unreadable table", "must be CSV with a header line (file,centre_y,"
                    + "centre_x[,exposure]): " + e.getMessage().lines().findFirst().orElse(""));
        }
        return out;
    }

    private static double column(Map<String, String> row, String column, String where) {
        return finite(where + " " + column, row.get(column));
    }

    // ---------------------------------------------------------------- the geometry, either way

    private static final String GRID = "grid";
    private static final String RADIUS = "radius";
    private static final String OBJECT = "object";
    private static final String UNIT = "unit";
    private static final String READ_NOISE = "readNoise";
    private static final String GAIN = "gain";
    private static final String SNR = "snr";
    private static final String WAVELENGTH = "wavelength";
    private static final String PIXEL = "pixel";
    private static final Map<String, String> FITS_KEYS = Map.of(GRID, "GRIDSIZE", RADIUS, "APRADIUS", OBJECT, "OBJSIZE",
            UNIT, "BUNIT", READ_NOISE, "READNOIS", GAIN, "GAIN", SNR, "SNRDB", WAVELENGTH, "WAVELEN", PIXEL, "PUPILPIX");
    private static final Map<String, String> MANIFEST_KEYS = Map.of(GRID, "grid_size", RADIUS, "aperture_radius",
            OBJECT, "object_size", UNIT, "unit", READ_NOISE, "read_noise", GAIN, "gain", SNR, "snr_db", WAVELENGTH,
            "wavelength", PIXEL, "pixel_size");

    /** The geometry and detector settings of a file, looked up under the file's own key names. */
    private record Settings(String prefix, Function<String, String> lookup, Map<String, String> names) {
        String name(String key) {
            return prefix + names.get(key);
        }

        boolean has(String key) {
            return lookup.apply(key) != null;
        }

        double number(String key) {
            String v = lookup.apply(key);
            Checks.check(v != null, name(key), "missing", "is required");
            return finite(name(key), v);
        }

        int integer(String key) {
            double d = number(key);
            Checks.check(d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE, name(key), lookup.apply(key),
                    "must be a whole number");
            return (int) d;
        }

        FrameUnit unit() {
            String v = lookup.apply(UNIT);
            if (v == null) {
                return DEFAULT_UNIT;
            }
            String u = v.strip().toLowerCase(Locale.ROOT);
            if (u.startsWith("amplitude")) {
                return FrameUnit.AMPLITUDE;
            }
            Checks.check(u.startsWith("intensity") || u.equals("counts") || u.equals("adu") || u.equals("electrons"),
                    name(UNIT), v, "must be intensity (counts, adu, electrons) or amplitude");
            return FrameUnit.INTENSITY;
        }

        /** A builder of the geometry these settings give, for frames of edge {@code n}. */
        RecordedFrames builder(int n) {
            Checks.check(n >= 8 && Integer.bitCount(n) == 1, name(GRID), n, "must be a power of two >= 8");
            TelescopeConfig.Builder t = TelescopeConfig.builder(n);
            double radius = number(RADIUS);
            Checks.check(radius >= 1, name(RADIUS), radius, "must be >= 1 pupil pixel");
            t.apertureRadius(radius);
            if (has(WAVELENGTH)) {
                t.wavelength(number(WAVELENGTH));
            }
            if (has(PIXEL)) {
                t.pixelSize(number(PIXEL));
            }
            FrameUnit unit = unit();
            if (has(SNR)) {
                Checks.check(unit == FrameUnit.AMPLITUDE, name(SNR), lookup.apply(SNR),
                        "applies to amplitude frames only; counts carry their own noise");
                t.snrDb(number(SNR));
            }
            RecordedFrames frames = MeasurementSet.recorded(new SubApertureTelescope(t.build()), integer(OBJECT))
                    .unit(unit);
            if (unit == FrameUnit.INTENSITY) {
                frames.readNoise(has(READ_NOISE) ? number(READ_NOISE) : 0);
                frames.gain(has(GAIN) ? number(GAIN) : 1);
            } else {
                Checks.check(!has(READ_NOISE) && !has(GAIN), name(READ_NOISE) + "/" + names.get(GAIN), "given",
                        "apply to intensity frames only");
            }
            return frames;
        }
    }
}
