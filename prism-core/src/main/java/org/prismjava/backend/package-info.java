/**
 * The compute-backend SPI: {@link org.prismjava.backend.BackendProvider}s found through
 * {@link java.util.ServiceLoader}, their {@link org.prismjava.backend.Availability},
 * {@link org.prismjava.backend.ComputeBackend} (device, precisions, FFT plans, the training step of
 * {@link org.prismjava.step}) and the selection
 * rule ({@link org.prismjava.backend.Backends}); the CPU backend and the mixed-precision policy
 * ({@link org.prismjava.backend.Precision}).
 */
package org.prismjava.backend;
