package org.prismjava.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.hash.Hashing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prismjava.objects.ObservedObject;
import org.prismjava.objects.TestObjects;
import org.prismjava.sampling.Patterns;
import org.prismjava.sampling.SamplingPattern;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;

/**
 * A checkpoint is trusted only after it is verified: each test damages a real checkpoint
 * written by a real run (flipped bytes, edited counters, a foreign pointer, another object or
 * telescope) and expects a refusal that names what is wrong, never a silent resume.
 */
class CheckpointIntegrityTest {
    private static final int N = 32;
    private static final Telescope TELESCOPE = new SubApertureTelescope(
            TelescopeConfig.builder(N).apertureRadius(4).build());
    private static final ObservedObject OBJECT = TestObjects.europaLike(N, 12, 3);
    private static final SamplingPattern PATTERN = Patterns.fermat(5, 8);
    private static final TrainerConfig CONFIG = TrainerConfig.builder(Algorithm.REPLAY).stepsPerCycle(10)
            .refinementIterations(5).seed(3).build();

    @TempDir
    Path dir;
    private Path sample;

    private static ProgressiveTrainer.Builder trainer(Telescope telescope, ObservedObject object) {
        return ProgressiveTrainer.builder().setTelescope(telescope).setObject(object).setPattern(PATTERN)
                .optConfig(CONFIG);
    }

    @BeforeEach
    void runThreeSamples() throws IOException {
        trainer(TELESCOPE, OBJECT).addListener(new CheckpointListener(dir))
                .addListener(EarlyStopListener.afterSamples(3)).build().run();
        sample = dir.resolve(Files.readString(dir.resolve("LATEST")).trim());
    }

    private String readError() {
        return assertThrows(IllegalArgumentException.class, () -> CheckpointIO.read(dir)).getMessage();
    }

    private String resumeError(Telescope telescope, ObservedObject object) {
        return assertThrows(IllegalArgumentException.class,
                () -> trainer(telescope, object).optResumeFrom(dir).build().run()).getMessage();
    }

    private void flipBit(String file, int byteIndex) throws IOException {
        Path p = sample.resolve(file);
        byte[] b = Files.readAllBytes(p);
        b[byteIndex] ^= 0x10;
        Files.write(p, b);
    }

    /** Edits checkpoint.json and, like a careful forger, rewrites its checksum. */
    private void editMetadata(UnaryOperator<String> edit) throws IOException {
        Path meta = sample.resolve("checkpoint.json");
        String text = edit.apply(Files.readString(meta));
        Files.writeString(meta, text);
        Files.writeString(sample.resolve("checkpoint.sha256"),
                Hashing.sha256().hashString(text, StandardCharsets.UTF_8) + "\n");
    }

    /** Replaces an array file and the SHA-256 that checkpoint.json records for it. */
    private void replaceArray(String name, UnaryOperator<float[]> edit) throws IOException {
        Path p = sample.resolve(name + ".f32");
        byte[] bytes = Files.readAllBytes(p);
        float[] a = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(a);
        float[] edited = edit.apply(a);
        ByteBuffer out = ByteBuffer.allocate(edited.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        out.asFloatBuffer().put(edited);
        Files.write(p, out.array());
        String oldDigest = Hashing.sha256().hashBytes(bytes).toString();
        String newDigest = Hashing.sha256().hashBytes(out.array()).toString();
        editMetadata(t -> t.replace(oldDigest, newDigest));
    }

    @Test
    void anIntactCheckpointResumesToTheSameResultAsAnUninterruptedRun() {
        TrainingResult full = trainer(TELESCOPE, OBJECT).build().run();
        Checkpoint stopped = CheckpointIO.read(dir);
        TrainingResult resumed = trainer(TELESCOPE, OBJECT).optResumeFrom(dir).build().run();
        assertArrayEquals(full.reconstruction(), resumed.reconstruction());
        long lookupsBefore = stopped.cache().hits() + stopped.cache().misses();
        assertTrue(lookupsBefore > 0);
        assertEquals(lookupsBefore + full.cacheStats().hits() + full.cacheStats().misses(),
                resumed.cacheStats().hits() + resumed.cacheStats().misses(),
                "the cache lookups of both invocations are counted (replay measures every sample when it starts)");
        assertTrue(resumed.seconds() > stopped.elapsedSeconds(), "wall time covers both invocations");
    }

    @Test
    void aFlippedBitInAnyArrayIsRefused() throws IOException {
        for (String array : List.of("parameters", "cumulative_mask", "reconstruction", "adam_m")) {
            runThreeSamplesAgain();
            flipBit(array + ".f32", 7);
            String m = readError();
            assertTrue(m.contains(array + ".f32") && m.contains("corrupt"), m);
        }
    }

    private void runThreeSamplesAgain() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
        runThreeSamples();
    }

    @Test
    void anEditedMetadataFileIsRefusedByItsChecksum() throws IOException {
        Path meta = sample.resolve("checkpoint.json");
        Files.writeString(meta, Files.readString(meta).replace("\"next_sample\": 3", "\"next_sample\": 5"));
        String m = readError();
        assertTrue(m.contains("checkpoint.json") && m.contains("corrupt"), m);
    }

    @Test
    void aNonFiniteParameterIsRefusedEvenWithAMatchingChecksum() throws IOException {
        replaceArray("parameters", a -> {
            a[17] = Float.NaN;
            return a;
        });
        String m = readError();
        assertTrue(m.contains("parameters[17] = NaN"), m);
    }

    @Test
    void countersThatDisagreeAreRefused() throws IOException {
        editMetadata(t -> t.replace("\"next_sample\": 3", "\"next_sample\": 5"));
        String m = readError();
        assertTrue(m.contains("last_sample_index = 2 disagrees with next_sample = 5"), m);
        editMetadata(t -> t.replace("\"next_sample\": 5", "\"next_sample\": 3")
                .replace("\"completed_samples\": 3", "\"completed_samples\": 2"));
        m = readError();
        assertTrue(m.contains("completed_samples = 2 disagrees with next_sample = 3"), m);
    }

    @Test
    void aMaskThatIsNotTheUnionOfTheSamplesPupilsIsRefusedOnResume() throws IOException {
        replaceArray("cumulative_mask", a -> {
            a[0] = 1 - a[0];
            return a;
        });
        String m = resumeError(TELESCOPE, OBJECT);
        assertTrue(m.contains("cumulative_mask"), m);
    }

    @Test
    void thePointerMustNameACheckpointInsideTheFolder() throws IOException {
        Files.writeString(dir.resolve("LATEST"), "../../other/checkpoint/sample-00008\n");
        String m = readError();
        assertTrue(m.contains("must name a checkpoint folder inside"), m);
        Files.writeString(dir.resolve("LATEST"), "");
        m = readError();
        assertTrue(m.contains("is empty"), m);
        Files.writeString(dir.resolve("LATEST"), "sample-00009\n");
        m = readError();
        assertTrue(m.contains("sample-00009, which does not exist"), m);
    }

    @Test
    void missingFilesAndKeysAreNamed() throws IOException {
        Files.delete(sample.resolve("adam_v.f32"));
        String m = readError();
        assertTrue(m.contains("array adam_v (adam_v.f32) is missing"), m);
        runThreeSamplesAgain();
        editMetadata(t -> t.replace("\"next_sample\"", "\"next_sampl\""));
        m = readError();
        assertTrue(m.contains("checkpoint.json") && m.contains("key next_sample is missing"), m);
        editMetadata(t -> t.replace("\"next_sampl\": 3", "\"next_sample\": \"three\""));
        m = readError();
        assertTrue(m.contains("key next_sample must be an integer, found \"three\""), m);
    }

    @Test
    void anotherObjectOrTelescopeIsRefusedNamingTheDifference() {
        String m = resumeError(TELESCOPE, TestObjects.europaLike(N, 12, 4));
        assertTrue(m.contains("objectFingerprint: checkpoint " + Long.toHexString(OBJECT.fingerprint())), m);
        Telescope wider = new SubApertureTelescope(TelescopeConfig.builder(N).apertureRadius(5).build());
        m = resumeError(wider, OBJECT);
        assertTrue(m.contains("telescope.aperture.radius: checkpoint 4.0, now 5.0"), m);
        assertFalse(m.contains("gridSize"), "only the differing keys are named: " + m);
    }

    @Test
    void anotherConfigurationIsRefusedNamingOnlyTheDifferingKey() {
        String m = assertThrows(IllegalArgumentException.class, () -> ProgressiveTrainer.builder()
                .setTelescope(TELESCOPE).setObject(OBJECT).setPattern(PATTERN)
                .optConfig(TrainerConfig.builder(Algorithm.REPLAY).stepsPerCycle(10).refinementIterations(5).seed(4).build()).optResumeFrom(dir).build().run()).getMessage();
        assertTrue(m.contains("seed: checkpoint 3, now 4"), m);
        assertTrue(m.length() < 300, "no dump of both configurations: " + m);
    }

    @Test
    void olderCheckpointsBeyondKeepAndOrphanedTemporariesAreRemoved() throws IOException {
        runThreeSamplesAgain();
        Files.createDirectory(dir.resolve(".sample-00002.tmp123"));
        Files.writeString(dir.resolve(".LATEST.456.tmp"), "x");
        trainer(TELESCOPE, OBJECT).addListener(new CheckpointListener(dir, 1, 2)).optResumeFrom(dir)
                .addListener(EarlyStopListener.afterSamples(5)).build().run();
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("LATEST", "sample-00004", "sample-00005"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(5, CheckpointIO.read(dir).nextSample());
    }
}
