package org.prismjava.step;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.prismjava.backend.Backends;
import org.prismjava.backend.ComputeBackend;
import org.prismjava.backend.Precision;
import org.prismjava.baseline.JointPhaseRetrieval;
import org.prismjava.baseline.Reconstruction;
import org.prismjava.optics.Fft2;
import org.prismjava.optics.Region;

/**
 * A test-only step: it forwards every call to a wrapped step and counts it by method name, so a
 * test can show that the trainer trains through the SPI and nothing else. {@link #backend()}
 * is a backend whose steps are counting CPU steps; {@link #last()} is the step it made last.
 */
public class CountingStep implements TrainingStep {
    private static CountingStep last;
    private final TrainingStep delegate;
    private final Map<String, Integer> calls = new TreeMap<>();

    public CountingStep(TrainingStep delegate) {
        this.delegate = delegate;
    }

    /** A CPU backend named "counting" whose {@code newStep} wraps the CPU step in a counter. */
    public static ComputeBackend backend() {
        return cpuWrapping("counting", Precision.values(), step -> {
            last = new CountingStep(step);
            return last;
        });
    }

    /**
     * A backend named {@code name} that runs {@code precisions} on the CPU's plans and whose
     * steps are the CPU's, passed through {@code wrap} (to count, or to break, them).
     */
    public static ComputeBackend cpuWrapping(String name, Precision[] precisions, UnaryOperator<TrainingStep> wrap) {
        ComputeBackend cpu = Backends.cpu();
        Set<Precision> runs = Set.of(precisions);
        return new ComputeBackend() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String device() {
                return cpu.device();
            }

            @Override
            public Set<Precision> precisions() {
                return runs;
            }

            @Override
            public Fft2 fft2(int n) {
                return cpu.fft2(n);
            }

            @Override
            public TrainingStep newStep(StepSpec spec) {
                return wrap.apply(cpu.newStep(spec));
            }
        };
    }

    /** The step the counting backend created last. */
    public static CountingStep last() {
        return last;
    }

    /** Calls so far of {@code method} (0 when never called). */
    public int calls(String method) {
        return calls.getOrDefault(method, 0);
    }

    /** Every method called, with its count. */
    public Map<String, Integer> calls() {
        return Map.copyOf(calls);
    }

    private void count(String method) {
        calls.merge(method, 1, Integer::sum);
    }

    @Override
    public int gridSize() {
        count("gridSize");
        return delegate.gridSize();
    }

    @Override
    public Region outputSupport() {
        count("outputSupport");
        return delegate.outputSupport();
    }

    @Override
    public void bind(StepObjective objective) {
        count("bind");
        count("bind." + objective.getClass().getSimpleName());
        delegate.bind(objective);
    }

    @Override
    public StepLosses evaluate() {
        count("evaluate");
        return delegate.evaluate();
    }

    @Override
    public boolean update(double learningRate) {
        count("update");
        return delegate.update(learningRate);
    }

    @Override
    public void resetOptimizer() {
        count("resetOptimizer");
        delegate.resetOptimizer();
    }

    @Override
    public void reconstruct(float[] out) {
        count("reconstruct");
        delegate.reconstruct(out);
    }

    @Override
    public Reconstruction refine(float[] start, JointPhaseRetrieval.Config config) {
        count("refine");
        return delegate.refine(start, config);
    }

    @Override
    public long skippedUpdates() {
        count("skippedUpdates");
        return delegate.skippedUpdates();
    }

    @Override
    public StepState state() {
        count("state");
        return delegate.state();
    }

    @Override
    public void restore(StepState state) {
        count("restore");
        delegate.restore(state);
    }

    @Override
    public void close() {
        count("close");
        delegate.close();
    }
}
