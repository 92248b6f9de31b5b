package org.prismjava.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.prismjava.objects.TestObjects;
import org.prismjava.optics.Fft2;
import org.prismjava.sampling.Patterns;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.train.InitializationTarget;
import org.prismjava.train.ProgressiveTrainer;
import org.prismjava.train.Algorithm;
import org.prismjava.step.CpuTrainingStep;
import org.prismjava.step.StepSpec;
import org.prismjava.step.TrainingStep;
import org.prismjava.train.TrainerConfig;
import org.prismjava.train.TrainingResult;

/** Discovery and selection of backends (DESIGN 2): names, ranks, availability, reasons. */
class BackendsTest {
    private static final BackendProvider CPU = new CpuBackendProvider();

    /** A provider with a fixed answer; creating it returns an FP32-only backend on CPU plans. */
    private record Fake(String name, int rank, Availability availability) implements BackendProvider {
        @Override
        public ComputeBackend create() {
            return new ComputeBackend() {
                @Override
                public String name() {
                    return Fake.this.name;
                }

                @Override
                public String device() {
                    return availability.detail();
                }

                @Override
                public Set<Precision> precisions() {
                    return Set.of(Precision.FP32);
                }

                @Override
                public Fft2 fft2(int n) {
                    return Fft2.cpu(n);
                }

                @Override
                public TrainingStep newStep(StepSpec spec) {
                    return new CpuTrainingStep(spec);
                }
            };
        }
    }

    private static final class Throwing implements BackendProvider {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public int rank() {
            return 60;
        }

        @Override
        public Availability availability() {
            throw new UnsatisfiedLinkError("libbroken.so: cannot open shared object file\nsecond line");
        }

        @Override
        public ComputeBackend create() {
            throw new AssertionError("must not be created");
        }
    }

    private static final BackendProvider GPU_LESS = new Fake("fake-gpu", 100, Availability.unavailable("no fake GPU"));
    private static final List<BackendProvider> INSTALLED = List.of(GPU_LESS, new Throwing(), CPU);

    @Test
    void prismCoreInstallsTheCpuProvider() {
        assertEquals(List.of("cpu"), Backends.providers().stream().map(BackendProvider::name).toList());
        assertEquals(List.of("auto", "cpu"), Backends.names());
        ComputeBackend cpu = Backends.cpu();
        assertEquals("cpu", cpu.name());
        assertEquals(Set.of(Precision.values()), cpu.precisions());
        assertSame(cpu, Backends.byName("CPU"), "names are case-insensitive");
        assertSame(cpu, Backends.byName("auto"));
        assertTrue(CPU.availability().available());
        assertEquals(cpu.device(), CPU.availability().detail());
    }

    @Test
    void autoPassesOverUnavailableProvidersToTheBestAvailable() {
        assertEquals("cpu", Backends.pick(INSTALLED, "auto").name());
        BackendProvider better = new Fake("fake-fast", 10, Availability.of("fake device"));
        List<BackendProvider> withBetter = List.of(GPU_LESS, better, CPU);
        assertEquals("fake-fast", Backends.pick(withBetter, "auto").name());
        assertEquals("cpu", Backends.pick(withBetter, "cpu").name());
    }

    @Test
    void askingForAnUnavailableBackendFailsWithItsReason() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.pick(INSTALLED, "fake-gpu"));
        assertEquals("backend 'fake-gpu' is not available: no fake GPU", e.getMessage());
        assertEquals("fake-gpu", e.backend());
        BackendUnavailableException broken = assertThrows(BackendUnavailableException.class,
                () -> Backends.pick(INSTALLED, "broken"));
        assertEquals("probe failed: libbroken.so: cannot open shared object file", broken.reason());
    }

    @Test
    void unknownNamesListWhatIsInstalled() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backends.pick(INSTALLED, "tpu"));
        assertEquals("backend = tpu is invalid: must be one of [auto, fake-gpu, broken, cpu]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Backends.pick(INSTALLED, null));
    }

    @Test
    void theSystemPropertyNamesTheBackend() {
        String before = System.getProperty(Backends.PROPERTY);
        try {
            System.setProperty(Backends.PROPERTY, "gpu");
            assertThrows(IllegalArgumentException.class, Backends::select);
            System.setProperty(Backends.PROPERTY, "cpu");
            assertEquals("cpu", Backends.select().name());
            System.clearProperty(Backends.PROPERTY);
            assertEquals("cpu", Backends.select().name());
        } finally {
            if (before != null) {
                System.setProperty(Backends.PROPERTY, before);
            }
        }
    }

    @Test
    void availabilityIsOneNonBlankLine() {
        assertThrows(IllegalArgumentException.class, () -> Availability.unavailable("two\nlines"));
        assertThrows(IllegalArgumentException.class, () -> Availability.of(" "));
        Availability a = Availability.unavailable("loading failed", new RuntimeException(
                new IllegalStateException("root cause\nmore")));
        assertFalse(a.available());
        assertEquals("loading failed: root cause", a.detail());
    }

    @Test
    void theTrainerRejectsAPrecisionItsBackendCannotRunAndRecordsTheBackend() {
        int n = 32;
        ComputeBackend fp32Only = new Fake("fake-fast", 10, Availability.of("fake device")).create();
        ProgressiveTrainer.Builder b = ProgressiveTrainer.builder()
                .setTelescope(new SubApertureTelescope(TelescopeConfig.builder(n).apertureRadius(4).build()))
                .setObject(TestObjects.europaLike(n, 12, 3)).setPattern(Patterns.fermat(1, 8)).optBackend(fp32Only);
        TrainerConfig.Builder config = TrainerConfig.builder(Algorithm.REFERENCE).stepsPerCycle(2).maxCycles(1)
                .initializationTarget(InitializationTarget.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.optConfig(config.precision(Precision.MIXED_BF16).build()).build());
        assertEquals("config.precision() = mixed-bf16 is invalid: must be one that the fake-fast backend runs: [fp32]",
                e.getMessage());
        TrainingResult r = b.optConfig(config.precision(Precision.FP32).build()).build().run();
        assertEquals("fake-fast", r.provenance().backend());
        assertEquals("fake device", r.provenance().device());
    }
}
