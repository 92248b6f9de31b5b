package org.prismjava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prismjava.objects.ImageFiles;
import org.prismjava.train.Provenance;
import org.prismjava.util.Json;

/**
 * Run folders that cannot lie (issue 11): a resume continues only the run it recorded, a folder
 * has one writer, an interrupted start can be resumed, and every fault gets a clear message.
 */
class RunFolderReliabilityTest {
    private static final List<String> SMALL = List.of("--image-size", "32", "--object-size", "8", "--samples", "3",
            "--steps-per-sample", "4", "--refine-iterations", "5", "--quiet");

    @TempDir
    Path tmp;

    private CliTest.Outcome reconstruct(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("reconstruct", "--out", tmp.toString(), "--name", name));
        List<String> given = Arrays.asList(extra);
        for (int i = 0; i < SMALL.size(); i++) {
            boolean valued = i + 1 < SMALL.size() && !SMALL.get(i + 1).startsWith("--");
            if (!given.contains(SMALL.get(i))) {
                args.add(SMALL.get(i));
                if (valued) {
                    args.add(SMALL.get(i + 1));
                }
            }
            if (valued) {
                i++;
            }
        }
        args.addAll(given);
        return CliTest.prism(args.toArray(String[]::new));
    }

    private CliTest.Outcome resume(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("reconstruct", "--resume", tmp.resolve(name).toString()));
        args.addAll(Arrays.asList(extra));
        return CliTest.prism(args.toArray(String[]::new));
    }

    /** A run stopped after its first sample, with a checkpoint. */
    private void stoppedRun(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("--time-limit", "0.001"));
        args.addAll(Arrays.asList(extra));
        CliTest.Outcome o = reconstruct(name, args.toArray(String[]::new));
        assertEquals(0, o.code(), o.err());
    }

    private static void writeImage(Path file, int seed) throws IOException {
        float[] pixels = new float[24 * 24];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) (0.5 + 0.5 * Math.sin(0.3 * i * seed));
        }
        ImageFiles.writePng(file, pixels, 24, 24);
    }

    private static void assertRefused(CliTest.Outcome o, String... fragments) {
        assertEquals(PrismCommand.BAD_ARGUMENTS, o.code(), o.err());
        for (String f : fragments) {
            assertTrue(o.err().contains(f), "'" + f + "' in: " + o.err());
        }
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    }

    @Test
    void aRelativeObjectPathIsRecordedAbsoluteAndAReplacedFileIsRefused() throws IOException {
        Path relative = Path.of("target", "reliability-object-" + ProcessHandle.current().pid() + ".png");
        try {
            writeImage(relative, 1);
            stoppedRun("obj", "--object", relative.toString());
            Map<?, ?> run = (Map<?, ?>) Json.parse(Files.readString(tmp.resolve("obj/run.json")));
            assertEquals(relative.toAbsolutePath().normalize().toString(), run.get("object"));
            writeImage(relative, 2);
            assertRefused(resume("obj"), "objectFingerprint: checkpoint ");
        } finally {
            Files.deleteIfExists(relative);
        }
    }

    @Test
    void anEditedTelescopeInRunJsonIsRefusedNamingTheKey() throws IOException {
        stoppedRun("edited");
        Path runJson = tmp.resolve("edited/run.json");
        Files.writeString(runJson, Files.readString(runJson).replaceFirst("\"apertureRadius\": [0-9.]+",
                "\"apertureRadius\": 3.5"));
        assertRefused(resume("edited"), "telescope.aperture.radius: checkpoint 2.6666666666666665, now 3.5");
    }

    @Test
    void aRunJsonWithAMissingKeyOrWrongTypeNamesFileAndKey() throws IOException {
        stoppedRun("keys");
        Path runJson = tmp.resolve("keys/run.json");
        String original = Files.readString(runJson);
        Files.writeString(runJson, original.replace("\"samples\"", "\"sample_count\""));
        assertRefused(resume("keys"), runJson.toString(), "key samples is missing");
        Files.writeString(runJson, original.replaceFirst("\"imageSize\": 32", "\"imageSize\": \"big\""));
        assertRefused(resume("keys"), "key imageSize must be an integer, found \"big\"");
        Files.writeString(runJson, "{ not json");
        assertRefused(resume("keys"), runJson + " is not valid JSON");
    }

    @Test
    void aFolderInUseByAnotherRunIsRefused() throws IOException {
        stoppedRun("busy");
        try (RunLock held = RunLock.acquire(tmp.resolve("busy"))) {
            assertRefused(resume("busy"), "is in use by another running prism reconstruct");
            Files.createDirectories(tmp.resolve("fresh"));
            try (RunLock other = RunLock.acquire(tmp.resolve("fresh"))) {
                assertRefused(reconstruct("fresh"), "is in use");
            }
        }
        CliTest.Outcome after = resume("busy");
        assertEquals(0, after.code(), "the lock is released with its holder: " + after.err());
    }

    @Test
    void aStartInterruptedBeforeTheFirstCheckpointResumesFromTheBeginning() throws IOException {
        assertEquals(0, reconstruct("full").code());
        stoppedRun("early");
        deleteTree(tmp.resolve("early/checkpoint"));
        CliTest.Outcome o = CliTest.prism("reconstruct", "--resume", tmp.resolve("early").toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("no sample finished before the run stopped; starting it again"), o.out());
        assertEquals(json("full/summary.json").get("ssim"), json("early/summary.json").get("ssim"));
    }

    @Test
    void aResumedRunReportsTheWholeRunAndSkipsInitialization() throws IOException {
        stoppedRun("whole", "--init-target", "circle", "--init-cycles", "1", "--init-steps-per-cycle", "3");
        Map<?, ?> part = json("whole/summary.json");
        CliTest.Outcome o = CliTest.prism("reconstruct", "--resume", tmp.resolve("whole").toString());
        assertEquals(0, o.code(), o.err());
        assertFalse(o.out().contains("initializing"), o.out());
        Map<?, ?> whole = json("whole/summary.json");
        assertTrue(number(whole, "wallSeconds") >= number(part, "wallSeconds"), whole + " vs " + part);
        long lookups = (long) (number((Map<?, ?>) whole.get("cache"), "hits")
                + number((Map<?, ?>) whole.get("cache"), "misses"));
        long before = (long) (number((Map<?, ?>) part.get("cache"), "hits")
                + number((Map<?, ?>) part.get("cache"), "misses"));
        assertTrue(lookups > before, "cache lookups of both invocations: " + whole.get("cache"));
        List<String> history = Files.readAllLines(tmp.resolve("whole/loss_history.csv"));
        assertTrue(history.get(1).startsWith("1,1,"), "samples numbered from 1: " + history.get(1));
    }

    @Test
    void aDamagedCheckpointIsRefusedOnResume() throws IOException {
        stoppedRun("damaged");
        Path cp = tmp.resolve("damaged/checkpoint");
        Path params = cp.resolve(Files.readString(cp.resolve("LATEST")).trim()).resolve("parameters.f32");
        byte[] b = Files.readAllBytes(params);
        b[100] ^= 1;
        Files.write(params, b);
        assertRefused(resume("damaged"), "parameters.f32 is corrupt");
    }

    @Test
    void keepCheckpointsKeepsTheNewest() throws IOException {
        assertEquals(0, reconstruct("keep", "--keep-checkpoints", "2").code());
        try (Stream<Path> s = Files.list(tmp.resolve("keep/checkpoint"))) {
            assertEquals(List.of("LATEST", "sample-00002", "sample-00003"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void everyBuiltinPatternRunsTheAskedSampleCountAtTheDefaultRadius() throws IOException {
        for (String pattern : List.of("circles", "jittered", "random")) {
            CliTest.Outcome o = reconstruct(pattern, "--pattern", pattern, "--samples", "6");
            assertEquals(0, o.code(), pattern + ": " + o.err());
            assertEquals(6, (int) number(json(pattern + "/summary.json"), "samples"), pattern);
        }
    }

    @Test
    void noInitializationRuns() {
        CliTest.Outcome o = CliTest.prism("reconstruct", "--out", tmp.toString(), "--name", "noinit", "--image-size",
                "32", "--object-size", "8", "--samples", "2", "--steps-per-sample", "3", "--init-target", "none");
        assertEquals(0, o.code(), o.err());
    }

    @Test
    void theVersionIsTheBuiltVersion() throws IOException {
        CliTest.Outcome o = CliTest.prism("--version");
        assertTrue(o.out().startsWith("prism " + Provenance.LIBRARY_VERSION), o.out());
        assertTrue(Provenance.LIBRARY_VERSION.matches("\\d+\\.\\d+\\.\\d+.*"), Provenance.LIBRARY_VERSION);
        assertEquals(0, reconstruct("v").code());
        assertEquals(Provenance.LIBRARY_VERSION, json("v/provenance.json").get("libraryVersion"));
    }

    @Test
    void damagedOrHugeImagesAreBadInputNamingTheFile() throws IOException {
        Path good = tmp.resolve("good.png");
        writeImage(good, 1);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = tmp.resolve("truncated.png");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(reconstruct("t", "--object", truncated.toString()), truncated.toString(), "damaged or truncated");
        Path huge = tmp.resolve("huge.png");
        byte[] header = Arrays.copyOf(bytes, bytes.length);
        // IHDR width and height (bytes 16-23) claim 100000 x 100000 pixels.
        for (int at : new int[] {16, 20}) {
            header[at] = 0;
            header[at + 1] = 1;
            header[at + 2] = (byte) 0x86;
            header[at + 3] = (byte) 0xA0;
        }
        Files.write(huge, header);
        CliTest.Outcome o = reconstruct("h", "--object", huge.toString());
        assertEquals(PrismCommand.BAD_ARGUMENTS, o.code(), o.err());
        assertTrue(o.err().contains(huge.toString()), o.err());
        assertFalse(Files.exists(tmp.resolve("t")) || Files.exists(tmp.resolve("h")), "no folder for a refused run");
    }

    @Test
    void aRunThatCannotFitInTheHeapIsRefusedBeforeItStarts() {
        assertRefused(reconstruct("big", "--image-size", "4096", "--samples", "2000", "--object-size", "64"),
                "of Java heap but the limit is");
        assertFalse(Files.exists(tmp.resolve("big")));
    }

    private Map<?, ?> json(String file) throws IOException {
        return (Map<?, ?>) Json.parse(Files.readString(tmp.resolve(file)));
    }

    private static double number(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
