/**
 * Small shared utilities: argument checks with value-bearing messages
 * ({@link org.prismjava.util.Checks}), the seeded, checkpointable random source
 * ({@link org.prismjava.util.SeededRandom}), typed access to stored JSON fields naming the file
 * and key ({@link org.prismjava.util.StoredFields}), atomic file writes
 * ({@link org.prismjava.util.AtomicFiles}) and the library's one configured Jackson mapper
 * ({@link org.prismjava.util.Json}). AtomicFiles and Json are public only because the library's
 * packages and modules (the command line) share them: they are internal helpers, not a
 * supported API, and may change between versions.
 */
package org.prismjava.util;
