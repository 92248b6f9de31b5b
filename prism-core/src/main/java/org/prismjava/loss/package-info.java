/**
 * Losses between predicted and measured images, each with its gradient: normalised L1/L2,
 * DSSIM, MS-DSSIM, composites ({@link org.prismjava.loss.LossType}), and total variation as a
 * regulariser ({@link org.prismjava.loss.TotalVariation}).
 */
package org.prismjava.loss;
