/**
 * What the telescope looks at: {@link org.prismjava.objects.ObservedObject} (an amplitude image
 * zero-padded into the grid, with its fingerprint), objects generated in code
 * ({@link org.prismjava.objects.TestObjects}), the reference's astronomical presets, and image and
 * FITS loading at the file's own depth ({@link org.prismjava.objects.ImageFiles}).
 */
package org.prismjava.objects;
