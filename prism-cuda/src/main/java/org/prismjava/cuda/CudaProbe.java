package org.prismjava.cuda;

import java.util.Locale;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.Loader;
import org.prismjava.backend.Availability;

/**
 * Finds out whether CUDA can run here, step by step, and stops at the first missing piece with
 * a one-line reason: the CUDA 13 runtime (through JavaCPP's presets), an NVIDIA driver new
 * enough for it, a GPU. Never throws.
 */
final class CudaProbe {
    /** The CUDA major version the presets are built against; the driver must support it. */
    static final int REQUIRED_CUDA_MAJOR = 13;

    private CudaProbe() {
    }

    /** The first GPU as "name, sm_XY, memory, driver", or why there is none that CUDA 13 can use. */
    static Availability probe() {
        try {
            Loader.load(cudart.class);
        } catch (RuntimeException | LinkageError e) {
            Availability failed = Availability.unavailable("CUDA cannot be loaded (needs the NVIDIA driver's"
                    + " libcuda.so.1 and libcudart.so." + REQUIRED_CUDA_MAJOR + ")", e);
            return Availability.unavailable(withoutLoaderPath(failed.detail()));
        }
        int[] driver = new int[1];
        int status = cudart.cudaDriverGetVersion(driver);
        if (status != cudart.cudaSuccess || driver[0] == 0) {
            return Availability.unavailable("no NVIDIA driver (cudaDriverGetVersion: " + error(status, driver[0])
                    + ")");
        }
        if (driver[0] / 1000 < REQUIRED_CUDA_MAJOR) {
            return Availability.unavailable("the NVIDIA driver supports CUDA " + version(driver[0]) + "; CUDA "
                    + REQUIRED_CUDA_MAJOR + " needs driver 580 or newer");
        }
        int[] count = new int[1];
        status = cudart.cudaGetDeviceCount(count);
        if (status != cudart.cudaSuccess || count[0] == 0) {
            return Availability.unavailable("no GPU (cudaGetDeviceCount: " + error(status, count[0]) + ")");
        }
        try (cudaDeviceProp props = new cudaDeviceProp()) {
            status = cudart.cudaGetDeviceProperties(props, 0);
            if (status != cudart.cudaSuccess) {
                return Availability.unavailable("GPU 0 cannot be queried (" + error(status, 0) + ")");
            }
            return Availability.of(String.format(Locale.ROOT, "%s, sm_%d%d, %.0f GiB, driver CUDA %s, %d GPU(s)",
                    props.name().getString().strip(), props.major(), props.minor(),
                    props.totalGlobalMem() / (double) (1L << 30), version(driver[0]), count[0]));
        }
    }

    /**
     * Drops the path of JavaCPP's extracted JNI library from a loader message
     * ("/home/u/.javacpp/cache/.../libjnicudart.so: libcuda.so.1: cannot open ..." keeps
     * "libcuda.so.1: cannot open ...").
     */
    static String withoutLoaderPath(String reason) {
        return reason.replaceFirst("/\\S*/libjni\\w+\\.(so|dylib|dll): ", "");
    }

    private static String error(int status, int value) {
        if (status == cudart.cudaSuccess) {
            return "returned " + value;
        }
        return cudart.cudaGetErrorString(status).getString() + ", code " + status;
    }

    private static String version(int cudaVersion) {
        return cudaVersion / 1000 + "." + cudaVersion % 1000 / 10;
    }
}
