package org.prismjava.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.prismjava.backend.ComputeBackend;
import org.prismjava.backend.Precision;

/**
 * Where a result came from: library version, configuration, seed, backend, precision and the
 * machine (Tribuo-style provenance; written into checkpoints and run summaries).
 *
 * @param libraryVersion prism-core version
 * @param backend compute backend name
 * @param device the backend's device
 * @param precision numeric precision
 * @param seed run seed
 * @param settings configuration (telescope, decoder, trainer, object, pattern) by name
 * @param javaVersion Java runtime version
 * @param os operating system and architecture
 * @param processors available processors
 */
public record Provenance(String libraryVersion, String backend, String device, String precision, long seed,
        Map<String, Object> settings, String javaVersion, String os, int processors) {

    /**
     * This library's version (the Maven project version it was built as), from the
     * {@code org/prismjava/version.properties} resource written by the build.
     */
    public static final String LIBRARY_VERSION = readVersion();

    private static String readVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("/org/prismjava/version.properties")) {
            if (in == null) {
                throw new IllegalStateException("the resource org/prismjava/version.properties is missing from the"
                        + " class path: prism-core was not built by its Maven build");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read org/prismjava/version.properties", e);
        }
    }

    /** Copies the settings. */
    public Provenance {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Provenance of a run on {@code backend} in {@code precision}, on this machine. */
    public static Provenance of(ComputeBackend backend, Precision precision, long seed, Map<String, Object> settings) {
        return new Provenance(LIBRARY_VERSION, backend.name(), backend.device(),
                precision.id(), seed, settings, System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors());
    }

    /** Field map for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("libraryVersion", libraryVersion);
        m.put("backend", backend);
        m.put("device", device);
        m.put("precision", precision);
        m.put("seed", seed);
        m.put("java", javaVersion);
        m.put("os", os);
        m.put("processors", processors);
        m.put("settings", settings);
        return m;
    }
}
