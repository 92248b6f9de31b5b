package org.prismjava.cli;

import java.io.PrintWriter;
import java.util.logging.Level;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code prism} command line: reconstruct, bench, patterns, inspect and backends. Started by the
 * {@code ./prism} launcher at the repository root.
 *
 * <p>Exit codes: 0 success, 1 a run failed (I/O, diverged training), 2 bad arguments. Errors
 * are one line plus a hint; {@code --debug} adds the stack trace.
 */
@Command(name = "prism", mixinStandardHelpOptions = true, versionProvider = PrismCommand.Version.class,
        description = "Reconstruct astronomical objects from sparse sub-aperture measurements by progressively"
                + " training a generative decoder through a differentiable telescope model.",
        subcommands = {ReconstructCommand.class, SimulateCommand.class, CompareCommand.class, QualityCommand.class, BenchCommand.class, PatternsCommand.class, InspectCommand.class,
            ReportCommand.class, BackendsCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Run 'prism <command> --help' for a command's options."})
public final class PrismCommand implements Runnable {
    /** Exit code for bad arguments. */
    public static final int BAD_ARGUMENTS = 2;
    /** Exit code for a run that failed after its arguments were accepted. */
    public static final int RUN_FAILED = 1;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces with errors and log at debug level.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Held so the level set on it is not lost when java.util.logging drops unreferenced loggers. */
    private static final java.util.logging.Logger NOM_TAM_LOG = java.util.logging.Logger.getLogger("nom.tam");

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output streams and returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        System.setProperty("java.awt.headless", "true");
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "warn");
        }
        // JavaCPP logs through SLF4J; its warning that the cuda presets' JavaCPP (1.5.14) is newer
        // than the one ND4J's natives were built with (1.5.7) is expected (DESIGN-NOTES.md) and shown
        // only with --debug.
        System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
        if (System.getProperty("org.slf4j.simpleLogger.log.org.bytedeco.javacpp") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.bytedeco.javacpp", debug ? "debug" : "error");
        }
        // nom-tam-fits reports damaged files on java.util.logging, with a stack trace, before the
        // library refuses them with a one-line reason; those reports are shown only with --debug.
        NOM_TAM_LOG.setLevel(debug ? Level.ALL : Level.OFF);
        CommandLine cl = new CommandLine(new PrismCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("prism: " + e.getMessage());
            err.println("hint: run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage");
            if (debug) {
                e.printStackTrace(err);
            }
            return BAD_ARGUMENTS;
        });
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e.getCause() instanceof OutOfMemoryError) {
                throw new OutOfMemoryError(e.getMessage());
            }
            boolean badInput = e instanceof IllegalArgumentException || e instanceof UsageException;
            err.println(c.getCommandSpec().qualifiedName() + ": " + (badInput ? "" : "failed: ") + message(e));
            if (badInput) {
                err.println("hint: run '" + c.getCommandSpec().qualifiedName() + " --help' for usage");
            } else if (!debug) {
                err.println("(run with --debug for the stack trace)");
            }
            if (debug) {
                e.printStackTrace(err);
            }
            return badInput ? BAD_ARGUMENTS : RUN_FAILED;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("prism: out of memory (Java heap limit " + MemoryEstimate.size(Runtime.getRuntime().maxMemory())
                    + "): give Java more with PRISM_JAVA_OPTS=-Xmx<size>, or choose a smaller --image-size or fewer"
                    + " --samples");
            return RUN_FAILED;
        }
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Throws a {@link UsageException} naming the option, its value and what is allowed, unless {@code ok}. */
    static void require(boolean ok, String option, Object value, String allowed) {
        if (!ok) {
            throw new UsageException(option + " " + value + " is invalid: " + allowed);
        }
    }

    /** A bad combination of arguments found after parsing (exit code 2). */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The library's version, as the build recorded it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"prism " + org.prismjava.train.Provenance.LIBRARY_VERSION, "Java " + System.getProperty("java.version")};
        }
    }
}
