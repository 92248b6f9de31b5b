/**
 * Runnable examples and benchmarks of the library: the API example, a custom aperture, the
 * precision report, the memory check and the per-phase training-step benchmark.
 */
package org.prismjava.examples;
