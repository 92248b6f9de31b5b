package org.prismjava.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.prismjava.backend.Availability;
import org.prismjava.backend.BackendProvider;
import org.prismjava.backend.Backends;
import org.prismjava.backend.ComputeBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code prism backends}: the installed compute backends, whether each can run here and why. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = {"List the installed compute backends, whether each can run on this machine (the device, or"
                + " the reason it cannot), and which one --backend auto picks."})
final class BackendsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-8s %5s  %-11s %s%n", "backend", "rank", "status", "device or reason");
        for (BackendProvider p : Backends.providers()) {
            Availability a = Backends.availability(p);
            out.printf(Locale.ROOT, "%-8s %5d  %-11s %s%n", p.name(), p.rank(),
                    a.available() ? "available" : "unavailable", a.detail());
        }
        ComputeBackend best = Backends.byName(Backends.AUTO);
        out.printf(Locale.ROOT, "auto picks %s (precisions %s)%n", best.name(), best.precisions());
        return 0;
    }
}
