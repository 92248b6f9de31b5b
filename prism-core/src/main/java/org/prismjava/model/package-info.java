/**
 * The generator and its optimisation: {@link org.prismjava.model.ProgressiveDecoder} (latent,
 * transposed-convolution stem, upsampling stages, refinement convolutions, batch norm, output
 * activation; architecture in {@link org.prismjava.model.DecoderConfig}), its flat
 * {@link org.prismjava.model.ParameterSet}, {@link org.prismjava.model.Adam} and the learning-rate
 * schedules. Layers run as GEMMs on the OpenBLAS that ND4J ships; everything else is Java loops
 * over buffers allocated once.
 */
package org.prismjava.model;
