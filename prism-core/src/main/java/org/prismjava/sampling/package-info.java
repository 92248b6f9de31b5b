/**
 * Where the sub-apertures go: {@link org.prismjava.sampling.SamplingPattern} and the built-in
 * patterns ({@link org.prismjava.sampling.Patterns}: Fermat spiral, random disk, star, circles,
 * jittered grid, lines, custom lists), samples and pattern statistics.
 */
package org.prismjava.sampling;
