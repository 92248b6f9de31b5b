package org.prismjava.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code prism report}: (re)write a finished run folder's self-contained report.html. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write RUN_FOLDER/report.html: one self-contained page (readable offline) with the pictures,"
                + " the summary and per-sample metrics, every setting and the provenance. Every run writes it too.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_FOLDER", description = "A finished run folder.")
    Path folder;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new PrismCommand.UsageException(folder + " is not a directory (expected a run folder)");
        }
        spec.commandLine().getOut().println("report: " + RunReport.write(folder));
        return 0;
    }
}
