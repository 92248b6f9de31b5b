/**
 * PRISM and the classical baselines on identical measurements:
 * {@link org.prismjava.compare.Comparison} acquires one measurement set (pattern, noise and
 * held-out pixels following from the seed exactly as in a trainer run), runs every method on it
 * and scores each result with the same metrics; {@link org.prismjava.compare.Baselines} sets the
 * baselines up as a practitioner would for the data at hand. Used by {@code prism compare} and
 * the quality benchmark ({@code prism quality}).
 */
package org.prismjava.compare;
