/**
 * Quality numbers on the object crop: SSIM (the reference's Gaussian-window version, with its
 * gradient), MS-SSIM, PSNR and RMSE ({@link org.prismjava.metrics.ImageMetrics}); the losses reuse
 * the same SSIM so the trained and the reported value are one implementation.
 */
package org.prismjava.metrics;
