package org.prismjava.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.prismjava.train.Checkpoint;
import org.prismjava.train.CheckpointIO;
import org.prismjava.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code prism inspect}: print a run folder's summary, settings and provenance, or a checkpoint's state. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print the summary, configuration and provenance of a run folder, or the state of a"
                + " checkpoint directory.")
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_FOLDER|CHECKPOINT", description = "A run folder or a checkpoint directory.")
    Path path;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(path)) {
            throw new PrismCommand.UsageException(path + " is not a directory (expected a run folder or a checkpoint)");
        }
        boolean runFolder = Files.isRegularFile(path.resolve(RunFolder.RUN_JSON));
        Path checkpoint = runFolder ? path.resolve(RunFolder.CHECKPOINT) : path;
        if (!runFolder && !Files.isRegularFile(path.resolve("LATEST"))) {
            throw new PrismCommand.UsageException(path + " is neither a run folder (" + RunFolder.RUN_JSON
                    + ") nor a checkpoint directory (LATEST)");
        }
        if (runFolder) {
            section(out, "summary", path.resolve(RunFolder.SUMMARY_JSON));
            section(out, "run", path.resolve(RunFolder.RUN_JSON));
            section(out, "provenance", path.resolve(RunFolder.PROVENANCE_JSON));
        }
        if (Files.isRegularFile(checkpoint.resolve("LATEST"))) {
            Checkpoint c = CheckpointIO.read(checkpoint);
            out.printf(Locale.ROOT, "== checkpoint (%s)%n", checkpoint);
            out.printf(Locale.ROOT, "next sample %d of %d, %.1f s elapsed, %d parameters, optimizer step %d%n",
                    c.nextSample() + 1, c.samples().size(), c.elapsedSeconds(), c.parameters().length,
                    c.optimizer() == null ? 0 : c.optimizer().step());
            c.records().stream().reduce((a, b) -> b).ifPresent(r -> out.printf(Locale.ROOT,
                    "last sample %d: SSIM %.4f, PSNR %.2f dB, RMSE %.2f%%, %d steps, %s%n", r.index() + 1, r.ssim(),
                    r.psnr(), r.rmsePercent(), r.steps(), r.outcome()));
            out.print("decoder " + Json.write(c.decoder()));
            out.print("trainer " + Json.write(c.trainer()));
        }
        return 0;
    }

    private static void section(PrintWriter out, String title, Path file) throws IOException {
        out.printf(Locale.ROOT, "== %s%n", title);
        out.print(Files.isRegularFile(file) ? Files.readString(file) : "(missing: the run has not finished)\n");
    }
}
