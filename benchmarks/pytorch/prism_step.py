#!/usr/bin/env python3
"""One PRISM training step in PyTorch, written from PRISM-SPEC, to time against prism-java.

The step is the one prism-java's StepFixture / TrainingStepBenchmark times: the generator
(spec 6.2-6.4: latent -> transposed-conv stem -> stride-2 upsampling -> 3x3 refinement, batch
norm with batch statistics and ReLU, sigmoid, centred crop/pad to the object, zero pad to N),
the dual-branch physics (spec 1: |CIF(P . CF(x))| through the cumulative mask of two earlier
sub-apertures and through one new sub-aperture, radius 16 px), normalised L1 on both branches
(spec 7.1), backward and Adam (lr 1e-3). Full FFTs, as the reference does.

Mixed precision follows the usual PyTorch recipe: autocast around the generator only (the
physics and the loss stay FP32), GradScaler for FP16.

Prints one JSON line: median / p10 / p90 ms per step over --steps after --warmup, parameters,
peak device memory (CUDA) and the settings.

    python3 prism_step.py --size 512 --object-size 128 --device cpu --threads 1
    python3 prism_step.py --size 2048 --object-size 512 --device cuda --precision mixed-bf16
"""
import argparse
import json
import math
import statistics
import time

import torch
import torch.nn as nn


def architecture(n, n_obj):
    """Spec 6.2: the channel progression and the number of upsampling stages."""
    c_lat = n
    n_up = 0
    while 4 * 2 ** n_up < n_obj:
        n_up += 1
    progression = [c_lat // 2]
    c = c_lat // 2
    for _ in range(n_up):
        c //= 2
        progression.append(c)
    while c > 1:
        c = max(1, c // 2)
        progression.append(c)
    return c_lat, n_up, progression


def crop_or_pad(t, s):
    """Spec 6.4 with centred crops (start (h - s) // 2) and centred zero padding."""
    h = t.shape[-1]
    if h > s:
        a = (h - s) // 2
        return t[..., a:a + s, a:a + s]
    if h < s:
        before = (s - h) // 2
        after = s - h - before
        return nn.functional.pad(t, (before, after, before, after))
    return t


class Decoder(nn.Module):
    """Spec 6.3: the layer list in order; PyTorch's default initialisation (spec 6.6)."""

    def __init__(self, n, n_obj):
        super().__init__()
        c_lat, n_up, p = architecture(n, n_obj)
        self.n, self.n_obj = n, n_obj
        self.latent = nn.Parameter(torch.randn(1, c_lat, 1, 1))
        layers = [nn.ConvTranspose2d(c_lat, p[0], 4, 1, 0, bias=False), nn.BatchNorm2d(p[0]), nn.ReLU()]
        for i in range(n_up):
            layers += [nn.ConvTranspose2d(p[i], p[i + 1], 4, 2, 1, bias=False), nn.BatchNorm2d(p[i + 1]), nn.ReLU()]
        for j in range(n_up + 1, len(p)):
            if j == len(p) - 1:
                layers += [nn.Conv2d(p[j - 1], p[j], 3, 1, 0, bias=True)]
            else:
                layers += [nn.Conv2d(p[j - 1], p[j], 3, 1, 1, bias=False), nn.BatchNorm2d(p[j]), nn.ReLU()]
        self.body = nn.Sequential(*layers)

    def forward(self):
        raw = torch.sigmoid(self.body(self.latent))
        return crop_or_pad(crop_or_pad(raw, self.n_obj), self.n)[0, 0]


def cf(x):
    """Centred orthonormal FFT (spec 1.1)."""
    return torch.fft.fftshift(torch.fft.fft2(torch.fft.ifftshift(x), norm="ortho"))


def cif(x):
    return torch.fft.fftshift(torch.fft.ifft2(torch.fft.ifftshift(x), norm="ortho"))


def disk(n, cy, cx, r, device):
    """Circular sub-aperture of radius r centred (cy, cx) pixels from DC at [n/2, n/2]."""
    y = torch.arange(n, device=device).view(-1, 1) - (n // 2 + cy)
    x = torch.arange(n, device=device).view(1, -1) - (n // 2 + cx)
    return (y * y + x * x <= r * r).to(torch.float32)


def measure(image, pupil):
    return torch.abs(cif(pupil * cf(image.to(torch.float32))))


def normalised_l1(pred, target):
    return torch.mean(torch.abs(pred - target)) / (torch.mean(torch.abs(target)) + 1e-8)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=512)
    ap.add_argument("--object-size", type=int, default=128)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--precision", choices=["fp32", "mixed-fp16", "mixed-bf16"], default="fp32")
    ap.add_argument("--steps", type=int, default=50)
    ap.add_argument("--warmup", type=int, default=10)
    ap.add_argument("--threads", type=int, default=0, help="CPU threads (0: PyTorch's default)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    dev = torch.device(a.device)
    n = a.size

    # Physics check before timing: an all-pass pupil returns the image's magnitude.
    probe = torch.rand(n, n, device=dev)
    err = (measure(probe, torch.ones(n, n, device=dev)) - probe).abs().max().item()
    assert err < 1e-4, "centred FFT round trip error %g" % err

    # The object: a limb-darkened disk filling the centred object square.
    yy = torch.arange(n, device=dev).view(-1, 1) - n / 2
    xx = torch.arange(n, device=dev).view(1, -1) - n / 2
    rho2 = (yy * yy + xx * xx) / (a.object_size / 2) ** 2
    obj = torch.where(rho2 < 1, torch.sqrt(torch.clamp(1 - rho2, min=0)), torch.zeros_like(rho2))
    new_pupil = disk(n, 20, -12, 16, dev)
    old_pupil = torch.clamp(disk(n, 0, 0, 16, dev) + disk(n, -18, 9, 16, dev), max=1)
    target_new = measure(obj, new_pupil)
    target_old = measure(obj, old_pupil)

    decoder = Decoder(n, a.object_size).to(dev)
    decoder.train()
    opt = torch.optim.Adam(decoder.parameters(), lr=1e-3)
    use_amp = a.precision != "fp32"
    amp_dtype = torch.float16 if a.precision == "mixed-fp16" else torch.bfloat16
    scaler = None
    if a.precision == "mixed-fp16":
        scaler = torch.amp.GradScaler(dev.type) if hasattr(torch, "amp") and hasattr(torch.amp, "GradScaler") \
            else torch.cuda.amp.GradScaler(enabled=dev.type == "cuda")

    def step():
        opt.zero_grad(set_to_none=True)
        with torch.autocast(device_type=dev.type, dtype=amp_dtype, enabled=use_amp):
            image = decoder()
        loss = normalised_l1(measure(image, new_pupil), target_new) + normalised_l1(measure(image, old_pupil),
                                                                                    target_old)
        if scaler is not None:
            scaler.scale(loss).backward()
            scaler.step(opt)
            scaler.update()
        else:
            loss.backward()
            opt.step()
        return loss

    def sync():
        if dev.type == "cuda":
            torch.cuda.synchronize()

    for _ in range(a.warmup):
        step()
    sync()
    if dev.type == "cuda":
        torch.cuda.reset_peak_memory_stats()
    times = []
    loss = None
    for _ in range(a.steps):
        t0 = time.perf_counter()
        loss = step()
        sync()
        times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    print(json.dumps({
        "implementation": "pytorch " + torch.__version__,
        "device": torch.cuda.get_device_name(dev) if dev.type == "cuda" else "cpu",
        "threads": torch.get_num_threads(),
        "size": n, "objectSize": a.object_size, "precision": a.precision,
        "parameters": sum(p.numel() for p in decoder.parameters()),
        "steps": a.steps, "warmup": a.warmup,
        "msPerStepMedian": statistics.median(times),
        "msPerStepP10": times[int(0.1 * (len(times) - 1))],
        "msPerStepP90": times[int(math.ceil(0.9 * (len(times) - 1)))],
        "peakDeviceMemoryMiB": torch.cuda.max_memory_allocated(dev) / 2 ** 20 if dev.type == "cuda" else None,
        "lastLoss": float(loss),
    }))


if __name__ == "__main__":
    main()
