package org.prismjava.train;

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
import java.util.stream.Stream;
import org.prismjava.measure.MeasurementSystem;
import org.prismjava.model.Adam;
import org.prismjava.optics.Center;
import org.prismjava.sampling.Sample;
import org.prismjava.util.AtomicFiles;
import org.prismjava.util.Json;

/**
 * Reads and writes {@link Checkpoint}s in a documented, versioned directory format
 * (docs/checkpoint-format.md):
 *
 * <pre>
 * DIR/LATEST                      name of the newest complete checkpoint, e.g. "sample-00004"
 * DIR/sample-00004/checkpoint.json  format, version, counters, configs, records, array shapes
 * DIR/sample-00004/*.f32          raw little-endian float32 arrays named in checkpoint.json
 * </pre>
 *
 * <p>A checkpoint is written into a temporary directory, forced to disk, then renamed into
 * place, and only then does {@code LATEST} move to it (temp file + atomic move); the previous
 * checkpoint is deleted last. A crash at any point leaves the last complete checkpoint readable.
 */
public final class CheckpointIO {
    /** Format name in checkpoint.json. */
    public static final String FORMAT = "prism-java-checkpoint";
    /** Current format version. */
    public static final int VERSION = 3;
    private static final String LATEST = "LATEST";
    private static final String META = "checkpoint.json";

    private CheckpointIO() {
    }

    /** Writes {@code c} under {@code dir} atomically and returns the checkpoint's own directory. */
    public static Path write(Path dir, Checkpoint c) {
        try {
            Files.createDirectories(dir);
            String name = String.format(java.util.Locale.ROOT, "sample-%05d", c.nextSample());
            Path tmp = Files.createTempDirectory(dir, "." + name + ".tmp");
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
            DynamicLossScaler.State ls = c.lossScaler();
            meta.put("loss_scaler", Map.of("scale", ls.scale(), "clean_steps", ls.cleanSteps(), "skipped",
                    ls.skipped()));
            meta.put("initialization", c.initialization() == null ? null : c.initialization().toMap());
            meta.put("records", c.records().stream().map(SampleRecord::toMap).toList());
            meta.put("arrays", arrays);
            writeText(tmp.resolve(META), Json.write(meta));
            Path target = dir.resolve(name);
            if (Files.exists(target)) {
                deleteTree(target);
            }
            AtomicFiles.move(tmp, target);
            String previous = Files.exists(dir.resolve(LATEST)) ? Files.readString(dir.resolve(LATEST)).trim() : null;
            AtomicFiles.writeString(dir.resolve(LATEST), name + "\n");
            if (previous != null && !previous.equals(name)) {
                deleteTree(dir.resolve(previous));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint under " + dir, e);
        }
    }

    /** Reads the newest complete checkpoint under {@code dir}. */
    public static Checkpoint read(Path dir) {
        Path pointer = dir.resolve(LATEST);
        if (!Files.exists(pointer)) {
            throw new IllegalArgumentException("checkpoint directory = " + dir + " is invalid: it has no " + LATEST
                    + " file (is it a checkpoint directory written by CheckpointIO?)");
        }
        try {
            Path cp = dir.resolve(Files.readString(pointer).trim());
            Map<?, ?> meta = (Map<?, ?>) Json.parse(Files.readString(cp.resolve(META)));
            if (!FORMAT.equals(meta.get("format")) || ((Number) meta.get("version")).intValue() != VERSION) {
                throw new IllegalArgumentException("checkpoint format = " + meta.get("format") + " v"
                        + meta.get("version") + " is invalid: this library reads " + FORMAT + " v" + VERSION);
            }
            Map<?, ?> arrays = (Map<?, ?>) meta.get("arrays");
            float[] maskF = readArray(cp, "cumulative_mask", arrays);
            boolean[] mask = new boolean[maskF.length];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = maskF[i] != 0;
            }
            Map<?, ?> ms = (Map<?, ?>) meta.get("measurement");
            MeasurementSystem.State mState = new MeasurementSystem.State(mask,
                    ((Number) ms.get("completed_samples")).intValue(), ((Number) ms.get("aperture_count")).intValue());
            Adam.State adam = null;
            if (meta.get("optimizer") instanceof Map<?, ?> o) {
                adam = new Adam.State(((Number) o.get("step")).longValue(), readArray(cp, "adam_m", arrays),
                        readArray(cp, "adam_v", arrays), readArray(cp, "adam_vmax", arrays));
            }
            Map<?, ?> ls = (Map<?, ?>) meta.get("loss_scaler");
            DynamicLossScaler.State scaler = new DynamicLossScaler.State(Json.number(ls.get("scale")),
                    ((Number) ls.get("clean_steps")).intValue(), ((Number) ls.get("skipped")).longValue());
            List<SampleRecord> records = new ArrayList<>();
            for (Object o : (List<?>) meta.get("records")) {
                records.add(SampleRecord.fromMap((Map<?, ?>) o));
            }
            InitializationRecord init = meta.get("initialization") instanceof Map<?, ?> im
                    ? InitializationRecord.fromMap(im) : null;
            return new Checkpoint(((Number) meta.get("next_sample")).intValue(),
                    samplesFromList((List<?>) meta.get("samples")), stringKeys((Map<?, ?>) meta.get("decoder")),
                    stringKeys((Map<?, ?>) meta.get("trainer")), readArray(cp, "parameters", arrays), adam, mState,
                    readArray(cp, "reconstruction", arrays), records, init, Json.number(meta.get("elapsed_seconds")),
                    scaler);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint under " + dir, e);
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static List<Object> samplesToList(List<Sample> samples) {
        List<Object> out = new ArrayList<>();
        for (Sample s : samples) {
            out.add(List.of(s.start().y(), s.start().x(), s.end().y(), s.end().x()));
        }
        return out;
    }

    private static List<Sample> samplesFromList(List<?> list) {
        List<Sample> out = new ArrayList<>();
        for (Object o : list) {
            List<?> v = (List<?>) o;
            out.add(new Sample(new Center(Json.number(v.get(0)), Json.number(v.get(1))),
                    new Center(Json.number(v.get(2)), Json.number(v.get(3)))));
        }
        return out;
    }

    private static void writeArray(Path dir, String name, float[] data, Map<String, Object> index) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        Path file = dir.resolve(name + ".f32");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        index.put(name, Map.of("file", name + ".f32", "dtype", "float32", "byte_order", "little", "length",
                data.length));
    }

    private static float[] readArray(Path dir, String name, Map<?, ?> index) throws IOException {
        Map<?, ?> a = (Map<?, ?>) index.get(name);
        if (a == null) {
            throw new IllegalArgumentException("checkpoint array = " + name + " is invalid: missing from " + dir);
        }
        byte[] bytes = Files.readAllBytes(dir.resolve((String) a.get("file")));
        int length = ((Number) a.get("length")).intValue();
        if (bytes.length != length * 4) {
            throw new IllegalArgumentException("checkpoint array = " + name + " is invalid: " + bytes.length
                    + " bytes, expected " + length * 4);
        }
        float[] out = new float[length];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    private static void writeText(Path file, String text) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
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
