package org.prismjava.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.prismjava.util.AtomicFiles;
import org.prismjava.util.Json;
import org.prismjava.util.StoredFields;

/**
 * A run folder's {@code report.html}: one self-contained page (the pictures inlined as data
 * URIs, no scripts, no network) with the summary, the per-sample metrics table, the charts, every
 * setting of run.json and the provenance. Written at the end of every run and by
 * {@code prism report}.
 */
final class RunReport {
    static final String FILE = "report.html";
    private static final List<String[]> PICTURES = List.of(
            new String[] {"reconstruction.png", "Reconstruction"}, new String[] {"ground_truth.png", "Ground truth"},
            new String[] {"loss_curve.png", "Loss"}, new String[] {"metrics.png", "Quality per sample"},
            new String[] {"kspace_coverage.png", "k-space coverage"}, new String[] {"measurements.png", "Measurements"});

    private RunReport() {
    }

    /** Writes {@code folder/report.html} from the folder's files; a missing picture is named, not fatal. */
    static Path write(Path folder) throws IOException {
        Map<String, Object> summary = read(folder, RunFolder.SUMMARY_JSON);
        Map<String, Object> run = read(folder, RunFolder.RUN_JSON);
        Map<String, Object> provenance = read(folder, RunFolder.PROVENANCE_JSON);
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>PRISM run: ")
                .append(esc(String.valueOf(run.get("object")))).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;max-width:1100px;color:#222}\n")
                .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;")
                .append("padding:2px 8px;text-align:left;font-size:90%}th{background:#f3f3f3}\n")
                .append("figure{display:inline-block;margin:0 1em 1em 0;vertical-align:top}")
                .append("img{max-width:100%;border:1px solid #ddd}\npre{background:#f7f7f7;padding:1em;overflow:auto}\n")
                .append("</style></head><body>\n");
        h.append("<h1>PRISM reconstruction: ").append(esc(QualityCommand.label(String.valueOf(run.get("object")))))
                .append("</h1>\n<p>").append(esc(folder.toAbsolutePath().normalize().toString())).append("</p>\n");
        h.append("<h2>Result</h2>\n").append(table(summaryRows(summary)));
        h.append("<h2>Pictures</h2>\n");
        for (String[] p : PICTURES) {
            Path file = folder.resolve(p[0]);
            h.append("<figure>");
            if (Files.isRegularFile(file)) {
                h.append("<img alt=\"").append(esc(p[1])).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(Files.readAllBytes(file))).append("\">");
            } else {
                h.append("<p>(").append(esc(p[0])).append(" was not drawn)</p>");
            }
            h.append("<figcaption>").append(esc(p[1])).append(" (").append(esc(p[0])).append(")</figcaption></figure>\n");
        }
        h.append("<h2>Per sample</h2>\n").append(metricsTable(folder.resolve("metrics.csv")));
        h.append("<h2>Settings (run.json)</h2>\n").append(table(run.entrySet().stream()
                .map(e -> new String[] {e.getKey(), String.valueOf(e.getValue())}).toList()));
        h.append("<h2>Provenance</h2>\n<pre>").append(esc(Json.write(provenance))).append("</pre>\n");
        h.append("<p>Data files beside this report: reconstruction.fits, measurements.fits, metrics.csv,")
                .append(" loss_history.csv, summary.json, provenance.json, run.json, checkpoint/.</p>\n");
        h.append("</body></html>\n");
        Path out = folder.resolve(FILE);
        AtomicFiles.writeString(out, h.toString());
        return out;
    }

    private static Map<String, Object> read(Path folder, String file) throws IOException {
        Path p = folder.resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new PrismCommand.UsageException(folder + " is not a finished run folder: " + file + " is missing");
        }
        return StoredFields.parse(Files.readString(p), p.toString()).toMap();
    }

    private static List<String[]> summaryRows(Map<String, Object> s) {
        return s.entrySet().stream().map(e -> new String[] {e.getKey(), e.getValue() instanceof Double d
                ? String.format(Locale.ROOT, "%.6g", d) : String.valueOf(e.getValue())}).toList();
    }

    private static String metricsTable(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            return "<p>(metrics.csv is missing)</p>\n";
        }
        List<String> lines = Files.readAllLines(csv);
        StringBuilder t = new StringBuilder("<table>\n");
        for (int i = 0; i < lines.size(); i++) {
            String cell = i == 0 ? "th" : "td";
            t.append("<tr>");
            for (String v : lines.get(i).split(",", -1)) {
                t.append('<').append(cell).append('>').append(esc(v)).append("</").append(cell).append('>');
            }
            t.append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String table(List<String[]> rows) {
        StringBuilder t = new StringBuilder("<table>\n");
        for (String[] r : rows) {
            t.append("<tr><th>").append(esc(r[0])).append("</th><td>").append(esc(r[1])).append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
