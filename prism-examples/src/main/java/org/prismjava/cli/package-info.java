/**
 * The {@code prism} command line (picocli): reconstruct, compare, quality, bench, patterns,
 * inspect and backends; run folders, plots and the progress display. Not a library API.
 */
package org.prismjava.cli;
