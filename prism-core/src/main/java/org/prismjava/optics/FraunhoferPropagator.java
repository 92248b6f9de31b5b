package org.prismjava.optics;

/** Far-field propagation: {@code toPupil = CF}, {@code toDetector = CIF} (unitary). Immutable. */
public final class FraunhoferPropagator implements Propagator {
    private final Fft2 fft;

    /** On the given FFT engine. */
    public FraunhoferPropagator(Fft2 fft) {
        this.fft = fft;
    }

    /** On the CPU FFT for edge {@code n}. */
    public static FraunhoferPropagator cpu(int n) {
        return new FraunhoferPropagator(Fft2.cpu(n));
    }

    @Override
    public int size() {
        return fft.size();
    }

    @Override
    public void toPupil(ComplexField f, Region support, int outRowFrom, int outRowTo) {
        fft.forward(f, support, outRowFrom, outRowTo);
    }

    @Override
    public void toDetector(ComplexField f, Region support, int outRowFrom, int outRowTo) {
        fft.inverse(f, support, outRowFrom, outRowTo);
    }

    @Override
    public PropagatorKind kind() {
        return PropagatorKind.FRAUNHOFER;
    }
}
