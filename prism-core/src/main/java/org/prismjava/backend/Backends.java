package org.prismjava.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import org.prismjava.util.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installed {@link BackendProvider}s and the choice between them (DESIGN 2): the backend
 * named by the {@value #PROPERTY} system property, else the highest-ranked available one, else
 * the CPU. A provider that is installed but cannot run (no GPU, no driver) is logged with its
 * reason and passed over; asking for it by name fails with that reason.
 */
public final class Backends {
    /** System property that names the backend {@link #select()} returns ("cpu", "cuda", "auto"). */
    public static final String PROPERTY = "prism.backend";
    /** The name that means "the best available backend". */
    public static final String AUTO = "auto";

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    private Backends() {
    }

    private static final class Installed {
        static final List<BackendProvider> PROVIDERS = load();

        private static List<BackendProvider> load() {
            Map<String, BackendProvider> byName = new LinkedHashMap<>();
            List<BackendProvider> found = new ArrayList<>();
            ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader()).forEach(found::add);
            found.sort(Comparator.comparingInt(BackendProvider::rank).reversed().thenComparing(BackendProvider::name));
            for (BackendProvider p : found) {
                BackendProvider earlier = byName.putIfAbsent(p.name().toLowerCase(Locale.ROOT), p);
                if (earlier != null) {
                    LOG.warn("Two backend providers are named '{}': using {}, ignoring {}", p.name(),
                            earlier.getClass().getName(), p.getClass().getName());
                }
            }
            return List.copyOf(byName.values());
        }
    }

    /** The installed providers, highest rank first. */
    public static List<BackendProvider> providers() {
        return Installed.PROVIDERS;
    }

    /** The names {@link #byName} accepts: {@value #AUTO} and every installed provider's. */
    public static List<String> names() {
        return names(providers());
    }

    /** The CPU backend, which is always available. */
    public static ComputeBackend cpu() {
        return byName(CpuBackendProvider.NAME);
    }

    /**
     * {@code provider}'s availability; a provider that throws while probing is unavailable with
     * the failure's first line as the reason.
     */
    public static Availability availability(BackendProvider provider) {
        try {
            return provider.availability();
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("probe failed", e);
        }
    }

    /** The backend the {@value #PROPERTY} property names, or the best available when it is unset. */
    public static ComputeBackend select() {
        return byName(System.getProperty(PROPERTY, AUTO));
    }

    /**
     * The backend called {@code name} (case-insensitive), or the highest-ranked available one
     * for {@value #AUTO}.
     *
     * @throws IllegalArgumentException if no installed provider has that name
     * @throws BackendUnavailableException if it is installed but cannot run here
     */
    public static ComputeBackend byName(String name) {
        return pick(providers(), name);
    }

    /** {@link #byName} over the given providers (highest rank first). */
    static ComputeBackend pick(List<BackendProvider> providers, String name) {
        Checks.check(name != null, "backend", null, "must be one of " + names(providers));
        if (name.equalsIgnoreCase(AUTO)) {
            return best(providers);
        }
        for (BackendProvider p : providers) {
            if (p.name().equalsIgnoreCase(name)) {
                Availability a = availability(p);
                if (!a.available()) {
                    throw new BackendUnavailableException(p.name(), a.detail());
                }
                return p.create();
            }
        }
        throw Checks.invalid("backend", name, "must be one of " + names(providers));
    }

    private static List<String> names(List<BackendProvider> providers) {
        List<String> names = new ArrayList<>();
        names.add(AUTO);
        providers.forEach(p -> names.add(p.name()));
        return names;
    }

    private static ComputeBackend best(List<BackendProvider> providers) {
        for (BackendProvider p : providers) {
            Availability a = availability(p);
            if (a.available()) {
                return p.create();
            }
            LOG.info("Backend {} is not available: {}", p.name(), a.detail());
        }
        throw new IllegalStateException("no backend is available: prism-core's cpu provider is missing from"
                + " META-INF/services (a shaded jar must merge service files)");
    }
}
