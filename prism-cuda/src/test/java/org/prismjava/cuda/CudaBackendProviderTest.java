package org.prismjava.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.prismjava.backend.Availability;
import org.prismjava.backend.BackendProvider;
import org.prismjava.backend.BackendUnavailableException;
import org.prismjava.backend.Backends;

/** Discovery, probing and selection of the cuda provider on whatever machine runs the tests. */
class CudaBackendProviderTest {

    @Test
    void isInstalledThroughServiceLoaderAboveTheCpu() {
        BackendProvider first = Backends.providers().get(0);
        assertEquals(CudaBackendProvider.NAME, first.name());
        assertEquals(100, first.rank());
        assertEquals("cpu", Backends.providers().get(Backends.providers().size() - 1).name());
        assertTrue(Backends.names().contains("cuda"), Backends.names().toString());
    }

    @Test
    void reportsOneLineReasonAndAutoFallsBackToCpu() {
        Availability a = new CudaBackendProvider().availability();
        assertFalse(a.available(), "this version has no device step, so cuda is never available");
        assertFalse(a.detail().contains("\n"));
        assertEquals("cpu", Backends.byName("auto").name());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.byName("cuda"));
        assertEquals(a.detail(), e.reason());
        assertThrows(BackendUnavailableException.class, () -> new CudaBackendProvider().create());
    }

    @Test
    void aWorkingGpuIsNamedButStillUnavailable() {
        Availability gpu = Availability.of("NVIDIA H200, sm_90, 140 GiB, driver CUDA 13.0, 1 GPU(s)");
        Availability a = CudaBackendProvider.unlessImplemented(gpu);
        assertFalse(a.available());
        assertTrue(a.detail().startsWith("found NVIDIA H200, sm_90"), a.detail());
        Availability missing = Availability.unavailable("no GPU");
        assertEquals(missing, CudaBackendProvider.unlessImplemented(missing));
    }

    @Test
    void loaderReasonsKeepTheMissingLibraryAndDropTheCachePath() {
        UnsatisfiedLinkError outer = new UnsatisfiedLinkError("no jnicudart in java.library.path: /usr/lib");
        outer.initCause(new UnsatisfiedLinkError("/root/.javacpp/cache/cuda-13.3-9.25-1.5.14-linux-x86_64.jar/org/"
                + "bytedeco/cuda/linux-x86_64/libjnicudart.so: libcuda.so.1: cannot open shared object file: No such"
                + " file or directory"));
        Availability a = Availability.unavailable("CUDA cannot be loaded", outer);
        assertEquals("CUDA cannot be loaded: libcuda.so.1: cannot open shared object file: No such file or directory",
                CudaProbe.withoutLoaderPath(a.detail()));
    }
}
