/**
 * The CUDA backend provider: probes the machine through JavaCPP's CUDA 13 presets and says, in
 * one line, why it cannot run when it cannot. This version has no device training step, so it
 * reports itself unavailable even on a working GPU (docs/backends.md).
 */
package org.prismjava.cuda;
