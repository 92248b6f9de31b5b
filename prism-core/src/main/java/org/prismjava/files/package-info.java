/**
 * Measurement files: a user's recorded frames in, the library's own measurements out, in the
 * layouts docs/data-format.md describes: one FITS cube with the geometry and each frame's pupil
 * centre in its header, or a folder of frames (FITS, 16-bit TIFF or PNG) with a CSV manifest.
 * Both read to a {@link org.prismjava.measure.MeasurementSet}; every refusal names the file, the
 * card or column, the value and what is allowed.
 */
package org.prismjava.files;
