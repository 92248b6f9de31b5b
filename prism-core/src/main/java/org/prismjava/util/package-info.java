/**
 * Small shared utilities: argument checks with value-bearing messages
 * ({@link org.prismjava.util.Checks}), the seeded, checkpointable random source
 * ({@link org.prismjava.util.SeededRandom}), atomic file writes and the JSON reader/writer.
 */
package org.prismjava.util;
