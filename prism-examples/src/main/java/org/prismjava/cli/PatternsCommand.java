package org.prismjava.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.prismjava.objects.ImageFiles;
import org.prismjava.optics.Center;
import org.prismjava.sampling.PatternStatistics;
import org.prismjava.sampling.Patterns;
import org.prismjava.sampling.Sample;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.util.SeededRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code prism patterns list|show|stats}: the built-in k-space sampling patterns. */
@Command(name = "patterns", mixinStandardHelpOptions = true,
        description = "List, render or summarise the built-in sampling patterns.",
        subcommands = {PatternsCommand.ListPatterns.class, PatternsCommand.Show.class, PatternsCommand.Stats.class})
final class PatternsCommand implements Runnable {
    static final List<String[]> PATTERNS = List.of(
            new String[] {"fermat", "golden-angle (Fermat) spiral, DC first; the reference default"},
            new String[] {"random", "uniform random points in the disk (seeded)"},
            new String[] {"circles", "concentric circles, point count growing with the radius"},
            new String[] {"jittered", "square grid clipped to the disk, each point jittered (seeded)"});

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list, show or stats");
    }

    /** Options shared by show and stats. */
    static final class PatternOptions {
        @Parameters(index = "0", paramLabel = "PATTERN", description = "Pattern name (see 'prism patterns list').")
        String name;

        @Option(names = "--samples", paramLabel = "COUNT", defaultValue = "48",
                description = "Number of samples. Default: ${DEFAULT-VALUE}.")
        int samples;

        @Option(names = "--image-size", paramLabel = "N", defaultValue = "128",
                description = "Grid size N. Default: ${DEFAULT-VALUE}.")
        int imageSize;

        @Option(names = "--pattern-radius", paramLabel = "PX", description = "Disk radius. Default: N/2.")
        Double patternRadius;

        @Option(names = "--aperture-radius", paramLabel = "PX", description = "Sub-aperture radius. Default: N/12.")
        Double apertureRadius;

        @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0", description = "Default: ${DEFAULT-VALUE}.")
        long seed;

        double radius() {
            return patternRadius != null ? patternRadius : imageSize / 2.0;
        }

        List<Sample> generate() {
            // The same generator split the trainer uses for its pattern.
            return Patterns.builtin(name, samples, radius()).generate(new SeededRandom(seed).split());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in patterns.")
    static final class ListPatterns implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            for (String[] p : PATTERNS) {
                out.printf(Locale.ROOT, "%-10s %s%n", p[0], p[1]);
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Render a pattern's k-space coverage (apertures grey, centres red) to a PNG.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        PatternOptions options;

        @Option(names = "--out", paramLabel = "FILE", description = "PNG to write. Default: pattern-<name>.png.")
        Path out;

        @Override
        public Integer call() throws IOException {
            List<Sample> samples = options.generate();
            int n = options.imageSize;
            Telescope t = new SubApertureTelescope(TelescopeConfig.builder(n)
                    .apertureRadius(options.apertureRadius != null ? options.apertureRadius : n / 12.0).build());
            boolean[] mask = new boolean[n * n];
            for (Sample s : samples) {
                t.pupil(s.midpoint()).orInto(mask);
            }
            Path file = out != null ? out : Path.of("pattern-" + options.name + ".png");
            ImageFiles.writePng(file, Charts.kspaceCoverage(mask, n, samples));
            spec.commandLine().getOut().println("wrote " + file + " (" + samples.size() + " samples)");
            return 0;
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Print a pattern's statistics.")
    static final class Stats implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        PatternOptions options;

        @Override
        public void run() {
            List<Sample> samples = options.generate();
            PatternStatistics s = PatternStatistics.of(samples, 2 * options.radius());
            PrintWriter out = spec.commandLine().getOut();
            Center first = samples.get(0).midpoint();
            out.printf(Locale.ROOT, "pattern %s, %d samples in a disk of radius %.1f px%n", options.name, s.count(),
                    options.radius());
            out.printf(Locale.ROOT, "  radius: mean %.2f, std %.2f, min %.2f, max %.2f px%n", s.meanRadius(),
                    s.stdRadius(), s.minRadius(), s.maxRadius());
            out.printf(Locale.ROOT, "  mean nearest-neighbour distance: %.2f px%n", s.meanNearestNeighbour());
            out.printf(Locale.ROOT, "  coverage estimate: %.1f%%%n", s.coveragePercent());
            out.printf(Locale.ROOT, "  first sample at (%.2f, %.2f)%n", first.y(), first.x());
        }
    }
}
