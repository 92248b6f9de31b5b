package org.prismjava.backend;

/** The CPU backend passes the conformance suite. */
class CpuBackendConformanceTest extends BackendConformance {
    @Override
    protected BackendProvider provider() {
        return new CpuBackendProvider();
    }
}
