/**
 * JMH benchmarks: FFT, measurement cache hit and miss, the training step.
 */
package org.prismjava.examples.jmh;
