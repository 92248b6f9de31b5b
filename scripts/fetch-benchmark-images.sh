#!/usr/bin/env bash
# Fetches the real images of the quality benchmark (docs/quality.md) from Debian's
# python3-skimage package into benchmarks/images/ (git-ignored; the project never commits or
# ships them). Needs apt-get and dpkg; nothing is installed system-wide.
#   hubble_deep_field.jpg  Hubble Deep Field (NASA/STScI), colour JPEG, 1000 x 872
#   moon.png               the lunar surface, 8-bit grey PNG, 512 x 512
#   multi.fits             multi-extension FITS (for FITS reader checks)
# M51 (the shared test image) comes from the same package as skimage/data/simple.fits.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/benchmarks/images"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$dest"
(cd "$work" && apt-get download python3-skimage >/dev/null 2>&1 || (apt-get update -qq && apt-get download python3-skimage))
dpkg -x "$work"/python3-skimage_*.deb "$work/x"
data="$work/x/usr/lib/python3/dist-packages/skimage/data"
for f in hubble_deep_field.jpg moon.png multi.fits; do
  cp "$data/$f" "$dest/$f"
done
cp "$data/simple.fits" "$dest/m51.fits" 2>/dev/null || true
ls -l "$dest"
