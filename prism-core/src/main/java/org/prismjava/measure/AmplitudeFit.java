package org.prismjava.measure;

import java.util.List;
import java.util.Optional;
import org.prismjava.calibration.Calibration;
import org.prismjava.util.Checks;

/** {@link DataFit} of amplitude frames: a {@link MeasurementLoss} over the set's terms; no calibration. */
final class AmplitudeFit implements DataFit {
    private final MeasurementSet data;
    private final MeasurementLoss loss;
    private List<MeasurementLoss.Term> terms = List.of();

    AmplitudeFit(MeasurementSet data, MeasurementLoss loss) {
        this.data = data;
        this.loss = loss;
    }

    @Override
    public double evaluate(float[] x, int count, float[] gradX, double[] termLosses) {
        return loss.evaluate(x, terms(count), gradX, termLosses);
    }

    @Override
    public double validate(float[] x, int count) {
        return loss.validate(x, terms(count));
    }

    /** Frames 0..count-1 weighted 1/count; kept while the count stays, so a step allocates nothing. */
    private List<MeasurementLoss.Term> terms(int count) {
        Checks.check(count >= 1 && count <= data.size(), "count", count, "must be in [1, " + data.size() + "]");
        if (terms.size() != count) {
            terms = data.terms(0, count, 1.0 / count);
        }
        return terms;
    }

    @Override
    public boolean hasHoldout() {
        return loss.hasHoldout();
    }

    @Override
    public double[] frameResiduals(float[] x) {
        double[] out = new double[data.size()];
        loss.evaluate(x, terms(data.size()), null, out);
        return out;
    }

    @Override
    public void updateCalibration() {
        // amplitude frames are taken as calibrated
    }

    @Override
    public boolean resolveReferenceTwin(float[] x, int count) {
        return false;
    }

    @Override
    public Optional<Calibration> calibration() {
        return Optional.empty();
    }

    @Override
    public List<Integer> framesAtCalibrationBound() {
        return List.of();
    }
}
