package org.prismjava.train;

import com.google.common.hash.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.prismjava.calibration.SelfCalibration;
import org.prismjava.measure.CacheStats;
import org.prismjava.measure.MeasurementSystem;
import org.prismjava.model.Adam;
import org.prismjava.optics.Center;
import org.prismjava.sampling.Sample;
import org.prismjava.step.DynamicLossScaler;
import org.prismjava.util.AtomicFiles;
import org.prismjava.util.Checks;
import org.prismjava.util.Json;
import org.prismjava.util.StoredFields;

/**
 * Reads and writes {@link Checkpoint}s in a documented, versioned directory format
 * (docs/checkpoint-format.md):
 *
 * <pre>
 * DIR/LATEST                        name of the newest complete checkpoint, e.g. "sample-00004"
 * DIR/sample-00004/checkpoint.json  format, version, counters, configs, records, arrays with SHA-256
 * DIR/sample-00004/checkpoint.sha256  SHA-256 of checkpoint.json
 * DIR/sample-00004/*.f32            raw little-endian float32 arrays named in checkpoint.json
 * </pre>
 *
 * <p>A checkpoint is written into a temporary directory, forced to disk, then renamed into
 * place, and only then does {@code LATEST} move to it (temp file + atomic move); checkpoints
 * beyond the newest {@code keep} are deleted last, and so are the temporary files an earlier
 * crash left behind. A crash at any point leaves the last complete checkpoint readable.
 *
 * <p>Reading verifies everything before it returns: the pointer names a folder inside
 * {@code DIR}, every checksum, every array's length, finite parameters, optimiser moments and
 * reconstruction, a 0/1 mask, and the counters against each other (next sample, records, the
 * measurement's sample count). Any failure is an {@link IllegalArgumentException} naming the
 * file and what is wrong; nothing half-verified is ever returned.
 */
public final class CheckpointIO {
    /** Format name in checkpoint.json. */
    public static final String FORMAT = "prism-java-checkpoint";
    /** Current format version. */
    public static final int VERSION = 4;
    private static final String LATEST = "LATEST";
    private static final String META = "checkpoint.json";
    private static final String META_DIGEST = "checkpoint.sha256";
    private static final Pattern NAME = Pattern.compile("sample-\\d{5,}");

    private CheckpointIO() {
    }

    /** Writes {@code c} under {@code dir} atomically, keeping only it; returns its directory. */
    public static Path write(Path dir, Checkpoint c) {
        return write(dir, c, 1);
    }

    /**
     * Writes {@code c} under {@code dir} atomically and returns the checkpoint's own directory;
     * the newest {@code keep} checkpoints (this one included) are kept, older ones and orphaned
     * temporary files are removed.
     */
    public static Path write(Path dir, Checkpoint c, int keep) {
        Checks.positive("keep", keep);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            removeOrphans(dir);
            String name = folderName(c.nextSample());
            tmp = Files.createTempDirectory(dir, "." + name + ".tmp");
            Map<String, Object> arrays = new LinkedHashMap<>();
            writeArray(tmp, "parameters", c.parameters(), arrays);
            writeArray(tmp, "reconstruction", c.reconstruction(), arrays);
            boolean[] mask = c.measurement().mask();
            float[] maskF = new float[mask.length];
            for (int i = 0; i < mask.length; i++) {
                maskF[i] = mask[i] ? 1f : 0f;
            }
            writeArray(tmp, "cumulative_mask", maskF, arrays);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("format", FORMAT);
            meta.put("version", VERSION);
            meta.put("next_sample", c.nextSample());
            meta.put("last_sample_index", c.nextSample() - 1);
            meta.put("elapsed_seconds", c.elapsedSeconds());
            meta.put("run", c.run());
            meta.put("samples", samplesToList(c.samples()));
            meta.put("decoder", c.decoder());
            meta.put("trainer", c.trainer());
            meta.put("measurement", Map.of("completed_samples", c.measurement().completedSamples(),
                    "aperture_count", c.measurement().apertureCount()));
            if (c.optimizer() != null) {
                Adam.State a = c.optimizer();
                writeArray(tmp, "adam_m", a.m(), arrays);
                writeArray(tmp, "adam_v", a.v(), arrays);
                writeArray(tmp, "adam_vmax", a.vMax(), arrays);
                meta.put("optimizer", Map.of("type", "adam", "step", a.step()));
            }
            if (c.calibration() != null) {
                meta.put("calibration", writeCalibration(tmp, c.calibration(), arrays));
            }
            DynamicLossScaler.State ls = c.lossScaler();
            meta.put("loss_scaler", Map.of("scale", ls.scale(), "clean_steps", ls.cleanSteps(), "skipped",
                    ls.skipped()));
            meta.put("cache", Map.of("hits", c.cache().hits(), "misses", c.cache().misses(), "evictions",
                    c.cache().evictions(), "entries", c.cache().entries(), "bytes", c.cache().bytes()));
            meta.put("initialization", c.initialization() == null ? null : c.initialization().toMap());
            meta.put("records", c.records().stream().map(SampleRecord::toMap).toList());
            meta.put("arrays", arrays);
            byte[] json = Json.write(meta).getBytes(StandardCharsets.UTF_8);
            writeBytes(tmp.resolve(META), json);
            writeBytes(tmp.resolve(META_DIGEST), (sha256(json) + "\n").getBytes(StandardCharsets.US_ASCII));
            Path target = dir.resolve(name);
            if (Files.exists(target)) {
                deleteTree(target);
            }
            AtomicFiles.move(tmp, target);
            tmp = null;
            AtomicFiles.writeString(dir.resolve(LATEST), name + "\n");
            List<Path> all = checkpointFolders(dir);
            for (Path old : all.subList(0, Math.max(0, all.size() - keep))) {
                if (!old.getFileName().toString().equals(name)) {
                    deleteTree(old);
                }
            }
            return target;
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    deleteTree(tmp);
                } catch (IOException ignored) {
                    // the orphan is removed by the next write
                }
            }
            throw new UncheckedIOException("cannot write checkpoint under " + dir + ": " + reason(e), e);
        }
    }

    /**
     * Bytes one checkpoint of this size takes on disk: parameters (with three optimiser
     * moments), the reconstruction and the mask as float32, plus {@code recordCount} records of
     * about 400 bytes in checkpoint.json.
     */
    public static long estimatedBytes(long parameterCount, int n, int recordCount) {
        return 16L * parameterCount + 8L * n * n + 400L * recordCount + 64 * 1024;
    }

    /** Reads and verifies the newest complete checkpoint under {@code dir}. */
    public static Checkpoint read(Path dir) {
        Path cp = latest(dir);
        try {
            byte[] json = readFile(cp.resolve(META), "its metadata");
            Path digestFile = cp.resolve(META_DIGEST);
            String recorded = new String(readFile(digestFile, "the checksum of " + META), StandardCharsets.US_ASCII)
                    .trim();
            String actual = sha256(json);
            if (!recorded.equals(actual)) {
                throw new IllegalArgumentException("checkpoint " + cp.resolve(META) + " is corrupt: its SHA-256 is "
                        + actual + " but " + META_DIGEST + " records " + recorded
                        + " (the file was changed or damaged after it was written)");
            }
            StoredFields meta = StoredFields.parse(new String(json, StandardCharsets.UTF_8), cp.resolve(META).toString());
            if (!FORMAT.equals(meta.string("format")) || meta.integer("version") != VERSION) {
                throw meta.invalid("format " + meta.string("format") + " v" + meta.integer("version")
                        + " cannot be read: this library reads " + FORMAT + " v" + VERSION);
            }
            StoredFields arrays = meta.fields("arrays");
            float[] maskF = readArray(cp, "cumulative_mask", arrays);
            boolean[] mask = new boolean[maskF.length];
            for (int i = 0; i < mask.length; i++) {
                if (maskF[i] != 0f && maskF[i] != 1f) {
                    throw arrays.invalid("cumulative_mask[" + i + "] = " + maskF[i] + ", must be 0 or 1");
                }
                mask[i] = maskF[i] != 0;
            }
            StoredFields ms = meta.fields("measurement");
            MeasurementSystem.State mState = new MeasurementSystem.State(mask, ms.integer("completed_samples"),
                    ms.integer("aperture_count"));
            float[] parameters = finiteArray(cp, "parameters", arrays);
            Adam.State adam = null;
            if (meta.has("optimizer")) {
                adam = new Adam.State(meta.fields("optimizer").longValue("step"),
                        moment(cp, "adam_m", arrays, parameters.length, false),
                        moment(cp, "adam_v", arrays, parameters.length, false),
                        moment(cp, "adam_vmax", arrays, parameters.length, true));
            }
            float[] reconstruction = finiteArray(cp, "reconstruction", arrays);
            if (reconstruction.length != mask.length) {
                throw arrays.invalid("reconstruction has " + reconstruction.length + " values but cumulative_mask "
                        + mask.length);
            }
            StoredFields ls = meta.fields("loss_scaler");
            DynamicLossScaler.State scaler = new DynamicLossScaler.State(ls.number("scale"),
                    ls.integer("clean_steps"), ls.longValue("skipped"));
            StoredFields cs = meta.fields("cache");
            CacheStats cache = new CacheStats(cs.longValue("hits"), cs.longValue("misses"), cs.longValue("evictions"),
                    cs.integer("entries"), cs.longValue("bytes"));
            List<SampleRecord> records = new ArrayList<>();
            List<?> recordList = meta.list("records");
            for (int i = 0; i < recordList.size(); i++) {
                records.add(SampleRecord.fromMap(StoredFields.of(recordList.get(i), meta.source() + ", records[" + i
                        + "]")));
            }
            InitializationRecord init = meta.has("initialization")
                    ? InitializationRecord.fromMap(meta.fields("initialization")) : null;
            List<Sample> samples = samplesFromList(meta.list("samples"), meta);
            int next = meta.integer("next_sample");
            crossCheck(meta, next, samples.size(), records, mState);
            SelfCalibration.State calibration = meta.has("calibration")
                    ? readCalibration(cp, meta.fields("calibration"), arrays) : null;
            return new Checkpoint(next, meta.map("run"), samples, meta.map("decoder"), meta.map("trainer"), parameters,
                    adam, mState, reconstruction, records, init, meta.number("elapsed_seconds"), scaler, cache,
                    calibration);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + cp + ": " + reason(e), e);
        }
    }

    /** The self-calibration's three parameter groups, each with its Adam moments; returns its metadata. */
    private static Map<String, Object> writeCalibration(Path dir, SelfCalibration.State s, Map<String, Object> arrays)
            throws IOException {
        Map<String, Object> steps = new LinkedHashMap<>();
        for (String group : CALIBRATION_GROUPS) {
            Adam.State a = calibrationMoments(s, group);
            writeArray(dir, "calibration_" + group, calibrationValues(s, group), arrays);
            writeArray(dir, "calibration_" + group + "_m", a.m(), arrays);
            writeArray(dir, "calibration_" + group + "_v", a.v(), arrays);
            steps.put(group + "_steps", a.step());
        }
        Map<String, Object> meta = new LinkedHashMap<>(steps);
        meta.put("frames_at_bound", s.framesAtBound());
        return meta;
    }

    private static final List<String> CALIBRATION_GROUPS = List.of("log_flux", "offsets", "background");

    private static float[] calibrationValues(SelfCalibration.State s, String group) {
        return switch (group) {
            case "log_flux" -> s.logFlux();
            case "offsets" -> s.offsets();
            default -> s.background();
        };
    }

    private static Adam.State calibrationMoments(SelfCalibration.State s, String group) {
        return switch (group) {
            case "log_flux" -> s.fluxMoments();
            case "offsets" -> s.offsetMoments();
            default -> s.backgroundMoments();
        };
    }

    private static SelfCalibration.State readCalibration(Path dir, StoredFields meta, StoredFields arrays)
            throws IOException {
        float[][] values = new float[3][];
        Adam.State[] moments = new Adam.State[3];
        for (int g = 0; g < 3; g++) {
            String group = CALIBRATION_GROUPS.get(g);
            values[g] = finiteArray(dir, "calibration_" + group, arrays);
            moments[g] = new Adam.State(meta.longValue(group + "_steps"),
                    moment(dir, "calibration_" + group + "_m", arrays, values[g].length, false),
                    moment(dir, "calibration_" + group + "_v", arrays, values[g].length, false), new float[0]);
        }
        List<Integer> atBound = new ArrayList<>();
        for (Object o : meta.list("frames_at_bound")) {
            if (!(o instanceof Number v) || v.doubleValue() != v.intValue() || v.intValue() < 0) {
                throw meta.invalid("frames_at_bound must hold frame indices (integers >= 0), found " + o);
            }
            atBound.add(v.intValue());
        }
        if (values[1].length != 2 * values[0].length || values[2].length != 1) {
            throw arrays.invalid("calibration arrays disagree: " + values[0].length + " log fluxes, "
                    + values[1].length + " offset values (must be twice as many), " + values[2].length
                    + " background values (must be 1)");
        }
        return new SelfCalibration.State(values[0], values[1], values[2], moments[0], moments[1], moments[2], atBound);
    }

    /** The counters must agree: an edited next_sample or a truncated record list is refused. */
    private static void crossCheck(StoredFields meta, int next, int sampleCount, List<SampleRecord> records,
            MeasurementSystem.State m) {
        if (next < 0 || next > sampleCount) {
            throw meta.invalid("next_sample = " + next + " must be in [0, " + sampleCount + "] (the pattern's size)");
        }
        if (meta.integer("last_sample_index") != next - 1) {
            throw meta.invalid("last_sample_index = " + meta.integer("last_sample_index") + " disagrees with next_sample = "
                    + next);
        }
        if (records.size() != next) {
            throw meta.invalid("it holds " + records.size() + " sample records but next_sample = " + next
                    + " (one record per completed sample)");
        }
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).index() != i) {
                throw meta.invalid("records[" + i + "] is the record of sample index " + records.get(i).index()
                        + "; records must be in sample order from 0");
            }
        }
        if (m.completedSamples() != next) {
            throw meta.invalid("measurement.completed_samples = " + m.completedSamples() + " disagrees with next_sample = "
                    + next);
        }
    }

    /** The checkpoint folder LATEST names, verified to be a plain checkpoint name inside {@code dir}. */
    private static Path latest(Path dir) {
        Path pointer = dir.resolve(LATEST);
        if (!Files.isRegularFile(pointer)) {
            throw new IllegalArgumentException("checkpoint directory " + dir + " is invalid: it has no " + LATEST
                    + " file (no sample finished before the run stopped, or it is not a checkpoint directory)");
        }
        String name;
        try {
            name = Files.readString(pointer, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer + ": " + reason(e), e);
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("checkpoint pointer " + pointer + " is empty: it must name a checkpoint"
                    + " folder such as sample-00004");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("checkpoint pointer " + pointer + " = '" + abbreviate(name)
                    + "' is invalid: it must name a checkpoint folder inside " + dir + " (sample-NNNNN)");
        }
        Path cp = dir.resolve(name);
        if (!Files.isDirectory(cp)) {
            throw new IllegalArgumentException("checkpoint pointer " + pointer + " names " + name
                    + ", which does not exist in " + dir);
        }
        return cp;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    /** Removes temporary files and folders that an interrupted write left in {@code dir}. */
    private static void removeOrphans(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String f = p.getFileName().toString();
                if ((f.startsWith(".sample-") || f.startsWith("." + LATEST + ".")) && f.contains(".tmp")) {
                    deleteTree(p);
                }
            }
        }
    }

    /** Checkpoint folders in {@code dir}, oldest first. */
    private static List<Path> checkpointFolders(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isDirectory(p) && NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(p -> sampleNumber(p.getFileName().toString()))).toList();
        }
    }

    private static long sampleNumber(String name) {
        return Long.parseLong(name.substring("sample-".length()));
    }

    private static String folderName(int nextSample) {
        return String.format(java.util.Locale.ROOT, "sample-%05d", nextSample);
    }

    /** An I/O failure's cause in words; a full disk says so. */
    static String reason(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("No space left") || m.contains("Disk quota")) {
            return "no space left on the device (free some space, or keep fewer checkpoints)";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied for " + m;
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file " + m;
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static List<Object> samplesToList(List<Sample> samples) {
        List<Object> out = new ArrayList<>();
        for (Sample s : samples) {
            out.add(List.of(s.start().y(), s.start().x(), s.end().y(), s.end().x()));
        }
        return out;
    }

    private static List<Sample> samplesFromList(List<?> list, StoredFields meta) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof List<?> v) || v.size() != 4 || !v.stream().allMatch(x -> x instanceof Number)) {
                throw meta.invalid("samples[" + i + "] must be a list of 4 numbers [y0, x0, y1, x1]");
            }
            out.add(new Sample(new Center(Json.number(v.get(0)), Json.number(v.get(1))),
                    new Center(Json.number(v.get(2)), Json.number(v.get(3)))));
        }
        return out;
    }

    private static void writeArray(Path dir, String name, float[] data, Map<String, Object> index) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        String digest = sha256(buf.array());
        writeBytes(dir.resolve(name + ".f32"), buf.array());
        index.put(name, Map.of("file", name + ".f32", "dtype", "float32", "byte_order", "little", "length",
                data.length, "sha256", digest));
    }

    private static float[] readArray(Path dir, String name, StoredFields index) throws IOException {
        if (!index.has(name)) {
            throw index.invalid("array " + name + " is missing");
        }
        StoredFields a = index.fields(name);
        String file = a.string("file");
        if (!file.equals(name + ".f32")) {
            throw a.invalid("file = '" + abbreviate(file) + "', must be " + name + ".f32");
        }
        byte[] bytes = readFile(dir.resolve(file), "array " + name);
        int length = a.integer("length");
        if (bytes.length != (long) length * 4) {
            throw new IllegalArgumentException("checkpoint array " + dir.resolve(file) + " is invalid: " + bytes.length
                    + " bytes, expected " + (long) length * 4 + " (" + length + " float32)");
        }
        String recorded = a.string("sha256");
        String actual = sha256(bytes);
        if (!recorded.equals(actual)) {
            throw new IllegalArgumentException("checkpoint array " + dir.resolve(file) + " is corrupt: its SHA-256 is "
                    + actual + " but checkpoint.json records " + recorded);
        }
        float[] out = new float[length];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** An array whose every value must be finite. */
    private static float[] finiteArray(Path dir, String name, StoredFields index) throws IOException {
        float[] a = readArray(dir, name, index);
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) {
                throw index.invalid(name + "[" + i + "] = " + a[i] + "; a checkpoint holds finite values only");
            }
        }
        return a;
    }

    /**
     * An Adam moment: finite, one value per parameter, or none at all where {@code mayBeEmpty}
     * (AMSGrad's running maximum when AMSGrad is off).
     */
    private static float[] moment(Path dir, String name, StoredFields index, int parameters, boolean mayBeEmpty)
            throws IOException {
        float[] a = finiteArray(dir, name, index);
        if (a.length != parameters && !(mayBeEmpty && a.length == 0)) {
            throw index.invalid(name + " has " + a.length + " values but parameters " + parameters);
        }
        return a;
    }

    private static byte[] readFile(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("checkpoint " + file.getParent() + " is incomplete: " + what + " ("
                    + file.getFileName() + ") is missing");
        }
        return Files.readAllBytes(file);
    }

    private static String sha256(byte[] bytes) {
        return Hashing.sha256().hashBytes(bytes).toString();
    }

    private static void writeBytes(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
