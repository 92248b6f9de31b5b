package org.prismjava.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prismjava.train.CheckpointIO;
import org.prismjava.util.Json;

/**
 * The measured-data workflow on the command line: simulate, then reconstruct the file; a run's own
 * measurements.fits reconstructs bit for bit like the run; refusals name the option.
 */
class MeasuredDataCliTest {
    private static final List<String> GRID = List.of("--image-size", "32", "--object-size", "12", "--samples", "6");
    private static final List<String> TRAINING = List.of("--steps-per-sample", "15", "--refine-iterations", "40",
            "--quiet");

    @TempDir
    Path tmp;

    private static CliTest.Outcome prism(List<String> first, List<String>... more) {
        List<String> args = new ArrayList<>(first);
        for (List<String> m : more) {
            args.addAll(m);
        }
        return CliTest.prism(args.toArray(String[]::new));
    }

    private static Map<?, ?> json(Path p) throws IOException {
        return (Map<?, ?>) Json.parse(Files.readString(p));
    }

    @Test
    void aRunsOwnMeasurementsReconstructBitForBitLikeTheRun() throws IOException {
        CliTest.Outcome a = prism(List.of("reconstruct", "--out", tmp.toString(), "--name", "sim", "--snr", "25"), GRID,
                TRAINING);
        assertEquals(0, a.code(), a.err());
        Path sim = tmp.resolve("sim");
        CliTest.Outcome b = prism(List.of("reconstruct", "--out", tmp.toString(), "--name", "file", "--measurements",
                sim.resolve("measurements.fits").toString(), "--truth", sim.resolve("ground_truth.fits").toString()),
                TRAINING);
        assertEquals(0, b.code(), b.err());
        Path file = tmp.resolve("file");
        assertArrayEquals(CheckpointIO.read(sim.resolve("checkpoint")).reconstruction(),
                CheckpointIO.read(file.resolve("checkpoint")).reconstruction(), "the same reconstruction, bit for bit");
        assertEquals(json(sim.resolve("summary.json")).get("ssim"), json(file.resolve("summary.json")).get("ssim"));
        assertEquals(Files.readAllLines(sim.resolve("frames.csv")), Files.readAllLines(file.resolve("frames.csv")));
    }

    @Test
    void simulateThenReconstructTheFileWithoutATruth() throws IOException {
        Path data = tmp.resolve("data").resolve("europa.fits");
        CliTest.Outcome s = prism(List.of("simulate", "--out", data.toString(), "--photons", "1e6", "--position-error",
                "1", "--flux-jitter", "0.1", "--background", "0.001"), GRID);
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("intensity frames"), s.out());
        for (String f : List.of("europa.fits", "europa-truth.fits", "europa-calibration.csv")) {
            assertTrue(Files.isRegularFile(data.resolveSibling(f)), f);
        }
        CliTest.Outcome again = prism(List.of("simulate", "--out", data.toString(), "--photons", "1e6"), GRID);
        assertEquals(2, again.code(), "never overwritten");
        assertTrue(again.err().contains("already exists"), again.err());

        CliTest.Outcome r = prism(List.of("reconstruct", "--out", tmp.toString(), "--name", "measured", "--measurements",
                data.toString()), TRAINING);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("no truth") && r.out().contains("frame residuals median"), r.out());
        Path run = tmp.resolve("measured");
        assertFalse(Files.exists(run.resolve("ground_truth.png")), "no truth, no truth picture");
        for (String f : List.of("reconstruction.fits", "measurements.fits", "frames.csv", "calibration.png",
                "residuals.png", "report.html")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        Map<?, ?> summary = json(run.resolve("summary.json"));
        assertEquals(null, summary.get("ssim"));
        assertTrue(((Map<?, ?>) summary.get("calibration")).containsKey("rmsOffsetPixels"));
        assertTrue(Files.readString(run.resolve("frames.csv")).startsWith(
                "frame,nominal_y,nominal_x,residual,offset_y,offset_x,estimated_y,estimated_x,flux,at_bound"));
        assertTrue(Files.readString(run.resolve("metrics.csv")).lines().skip(1).allMatch(l -> l.contains(",,,")),
                "no SSIM, PSNR, RMSE without a truth");

        CliTest.Outcome scored = prism(List.of("reconstruct", "--out", tmp.toString(), "--name", "scored",
                "--measurements", data.toString(), "--truth", data.resolveSibling("europa-truth.fits").toString()),
                TRAINING);
        assertEquals(0, scored.code(), scored.err());
        assertTrue(scored.out().startsWith("done: SSIM"), scored.out());
        CliTest.Outcome resumed = prism(List.of("reconstruct", "--resume", tmp.resolve("scored").toString(), "--quiet"));
        assertEquals(0, resumed.code(), resumed.err());
    }

    @Test
    void optionsThatDoNotFitTheDataAreRefusedByName() throws IOException {
        Path data = tmp.resolve("a.fits");
        assertEquals(0, prism(List.of("simulate", "--out", data.toString()), GRID).code());
        String[][] cases = {
            {"--object", "bars"}, {"--snr", "20"}, {"--samples", "4"}, {"--algorithm", "reference"},
            {"--init-target", "synthetic-aperture"}, {"--calibrate", "sideways"},
        };
        for (String[] c : cases) {
            CliTest.Outcome o = prism(List.of("reconstruct", "--out", tmp.toString(), "--measurements", data.toString()),
                    Arrays.asList(c));
            assertEquals(2, o.code(), Arrays.toString(c));
            assertTrue(o.err().contains(c[0]), o.err());
        }
        CliTest.Outcome truthAlone = prism(List.of("reconstruct", "--out", tmp.toString(), "--truth", "europa"));
        assertEquals(2, truthAlone.code());
        assertTrue(truthAlone.err().contains("--truth"), truthAlone.err());
        CliTest.Outcome noPhotons = prism(List.of("simulate", "--out", tmp.resolve("b.fits").toString(),
                "--position-error", "1"), GRID);
        assertEquals(2, noPhotons.code());
        assertTrue(noPhotons.err().contains("needs --photons"), noPhotons.err());
        CliTest.Outcome training = prism(List.of("simulate", "--out", tmp.resolve("c.fits").toString(), "--loss", "l2"),
                GRID);
        assertEquals(2, training.code());
        assertTrue(training.err().contains("--loss"), training.err());
        CliTest.Outcome missing = prism(List.of("reconstruct", "--out", tmp.toString(), "--measurements",
                tmp.resolve("none.fits").toString()));
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("none.fits"), missing.err());
    }
}
