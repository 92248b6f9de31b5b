package org.prismjava.measure;

import org.prismjava.objects.ObservedObject;
import org.prismjava.optics.Center;
import org.prismjava.telescope.TelescopeConfig;

/**
 * Cache key of a noiseless measurement: the object's content fingerprint (computed once when
 * the object was made, never per call), the telescope configuration (aperture shape included)
 * and the aperture centre (exact floating-point equality).
 *
 * @param objectFingerprint {@link ObservedObject#fingerprint()}
 * @param telescope configuration of the measuring telescope
 * @param center aperture position
 */
public record MeasurementKey(long objectFingerprint, TelescopeConfig telescope, Center center) {
    /** The key for {@code object} seen by {@code telescope} at {@code center}. */
    public static MeasurementKey of(ObservedObject object, TelescopeConfig telescope, Center center) {
        return new MeasurementKey(object.fingerprint(), telescope, center);
    }
}
