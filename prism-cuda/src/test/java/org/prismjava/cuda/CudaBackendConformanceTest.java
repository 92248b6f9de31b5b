package org.prismjava.cuda;

import org.prismjava.backend.BackendConformance;
import org.prismjava.backend.BackendProvider;

/**
 * The cuda backend against prism-core's conformance suite. Where it cannot run (no GPU, no
 * driver, or this version's missing device step) every test is reported skipped with the
 * provider's reason.
 */
class CudaBackendConformanceTest extends BackendConformance {
    @Override
    protected BackendProvider provider() {
        return new CudaBackendProvider();
    }
}
