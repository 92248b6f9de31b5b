#!/usr/bin/env bash
# Hostile test of the command line and its run folders (issue 11): bad arguments, damaged
# inputs, corrupted checkpoints and run.json, concurrent and interrupted runs. Each case runs
# ./prism and records the exit code and the first line of the error. A case passes ("clean")
# when a fault is refused with exit code 1 or 2, a one-line message and no stack trace, and a
# case marked "ok" (a recoverable situation) exits 0. Any fault that exits 0 is counted as a
# silent wrong result.
#
# Usage: scripts/hostile-test.sh [TABLE.md]   (default: print the table; docs/robustness.md holds
# an explanation and the table of the last measured pass)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prism="$root/prism"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
base=(--image-size 32 --object-size 8 --steps-per-sample 4 --refine-iterations 5 --quiet)
small=("${base[@]}" --samples 3)
"$prism" --version >/dev/null  # builds first if needed
rows=()
tried=0
clean=0
silent=0

# case KIND NAME COMMAND...: KIND is "fault" (must be refused) or "ok" (must succeed).
case_() {
  local kind="$1" name="$2"
  shift 2
  tried=$((tried + 1))
  "$@" >out.txt 2>err.txt
  local rc=$?
  local msg
  msg="$(head -1 err.txt | sed 's/|/\\|/g' | cut -c1-230)"
  [ -z "$msg" ] && msg="$(tail -1 out.txt | sed 's/|/\\|/g' | cut -c1-230)"
  local verdict
  if [ "$kind" = ok ]; then
    if [ $rc -eq 0 ]; then verdict=clean; else verdict="FAILED"; fi
  elif [ $rc -eq 0 ]; then
    verdict="SILENT"; silent=$((silent + 1))
  elif grep -q $'\tat ' err.txt || [ "$(wc -l <err.txt)" -gt 2 ]; then
    verdict="unclear"
  else
    verdict=clean
  fi
  [ "$verdict" = clean ] && clean=$((clean + 1))
  rows+=("| $name | $rc | $verdict | \`$msg\` |")
}

stopped_run() {  # a run stopped after its first sample, with a checkpoint
  rm -rf "runs/$1"
  "$prism" reconstruct --out runs --name "$1" "${small[@]}" --time-limit 0.001 >/dev/null 2>&1
}
latest() { echo "runs/$1/checkpoint/$(cat "runs/$1/checkpoint/LATEST")"; }
flip() { python3 -c "import sys; p=sys.argv[1]; b=bytearray(open(p,'rb').read()); b[int(sys.argv[2])]^=0x10; open(p,'wb').write(b)" "$@"; }
# Edits checkpoint.json with a Python expression on its text and rewrites checkpoint.sha256 to match.
forge() {
  python3 - "$1" "$2" <<'EOF'
import hashlib, sys
d, expr = sys.argv[1], sys.argv[2]
t = open(d + "/checkpoint.json").read()
t = eval(expr, {"t": t})
open(d + "/checkpoint.json", "w").write(t)
open(d + "/checkpoint.sha256", "w").write(hashlib.sha256(t.encode()).hexdigest() + "\n")
EOF
}
resume() { "$prism" reconstruct --resume "runs/$1" --quiet; }

# ---- bad arguments
for args in "--image-size 100" "--image-size 0" "--image-size abc" "--samples 0" "--samples 2147483647" \
    "--samples -5" "--object-size 3" "--object-size 999" "--aperture-radius 0" "--aperture-radius 0.01" \
    "--aperture-radius 64" "--pattern spiral" "--pattern-radius 0" "--pattern-radius 1000" "--snr NaN" \
    "--snr -3" "--snr Infinity" "--loss l3" "--loss-threshold 0" "--steps-per-sample 0" "--seed x" \
    "--precision fp8" "--backend tpu" "--algorithm ptycho" "--init-target square" "--init-cycles 0" \
    "--holdout 0.9" "--tv-weight -1" "--absorbed-ratio NaN" "--refine-iterations -1" "--time-limit 0" \
    "--keep-checkpoints 0" "--stretch gamma" "--name ../escape" "--name .hidden" "--object no-such.png" \
    "--object preset:pluto" "--image-size 4096" "--image-size 4096 --samples 48 --object-size 1024"; do
  # shellcheck disable=SC2086
  case_ fault "reconstruct $args" "$prism" reconstruct --out runs $args --quiet
done
case_ fault "reconstruct --algorithm reference --refine-iterations 10" "$prism" reconstruct --algorithm reference \
  --refine-iterations 10
case_ fault "reconstruct --resume no-such-run" "$prism" reconstruct --resume no-such-run
case_ fault "reconstruct --resume R --samples 5" "$prism" reconstruct --resume runs/x --samples 5
case_ fault "unknown command" "$prism" frobnicate
case_ fault "inspect no-such-folder" "$prism" inspect no-such-folder

# ---- damaged inputs
python3 - <<'EOF'
import struct, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
def png(w, h, data): return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(data)) + chunk(b'IEND', b'')
good = png(24, 24, b''.join(b'\0' + bytes((x * y) % 256 for x in range(24)) for y in range(24)))
open('good.png', 'wb').write(good)
open('other.png', 'wb').write(png(24, 24, b''.join(b'\0' + bytes((x + y) % 256 for x in range(24)) for y in range(24))))
open('truncated.png', 'wb').write(good[:len(good) // 2])
open('huge.png', 'wb').write(png(100000, 100000, b'\0' * 100))
open('text.png', 'w').write('not an image')
open('empty.png', 'wb').write(b'')
open('black.png', 'wb').write(png(24, 24, b''.join(b'\0' + bytes(24) for y in range(24))))
open('bad.fits', 'w').write('SIMPLE  =                    T' + ' ' * 50)
EOF
for f in truncated.png huge.png text.png empty.png black.png bad.fits; do
  case_ fault "--object $f" "$prism" reconstruct --out runs --object "$f" "${small[@]}"
done
mkdir -p ro && chmod 500 ro
if [ "$(id -u)" != 0 ]; then
  case_ fault "read-only --out" "$prism" reconstruct --out ro/runs "${small[@]}"
fi

# ---- run.json and the object on resume
stopped_run rel
mkdir -p elsewhere
case_ ok "resume from another directory" bash -c "cd elsewhere && '$prism' reconstruct --resume ../runs/rel --quiet"
cp good.png obj.png
rm -rf runs/objfile && "$prism" reconstruct --out runs --name objfile --object obj.png "${small[@]}" --time-limit 0.001 \
  >/dev/null 2>&1
cp other.png obj.png
case_ fault "object file replaced, then resume" resume objfile
for edit in 's/"apertureRadius": [0-9.]*/"apertureRadius": 3.5/' 's/"object": "europa"/"object": "bars"/' \
    's/"seed": 0/"seed": 5/' 's/"samples": 3/"samples": 4/' 's/"imageSize": 32/"imageSize": "big"/' \
    's/"samples"/"sample_count"/' 's/^\{/[/'; do
  stopped_run edited
  sed -i -E "$edit" runs/edited/run.json
  case_ fault "run.json edited: $edit" resume edited
done

# ---- checkpoint corruption
for f in parameters.f32 cumulative_mask.f32 reconstruction.f32 adam_m.f32 checkpoint.json; do
  stopped_run c
  flip "$(latest c)/$f" 40
  case_ fault "one flipped bit in $f" resume c
done
stopped_run c
python3 -c "
import hashlib, struct, sys
d = sys.argv[1]
b = bytearray(open(d + '/parameters.f32', 'rb').read()); old = hashlib.sha256(b).hexdigest()
b[0:4] = struct.pack('<f', float('nan')); open(d + '/parameters.f32', 'wb').write(b)
t = open(d + '/checkpoint.json').read().replace(old, hashlib.sha256(b).hexdigest())
open(d + '/checkpoint.json', 'w').write(t); open(d + '/checkpoint.sha256', 'w').write(hashlib.sha256(t.encode()).hexdigest() + '\n')" "$(latest c)"
case_ fault "NaN parameter, checksums forged" resume c
stopped_run c
forge "$(latest c)" 't.replace("\"next_sample\": 1", "\"next_sample\": 3")'
case_ fault "next_sample 1 -> 3, checksum forged" resume c
stopped_run c
forge "$(latest c)" 't.replace("\"next_sample\": 1", "\"next_sample\": 3").replace("\"last_sample_index\": 0", "\"last_sample_index\": 2").replace("\"completed_samples\": 1", "\"completed_samples\": 3")'
case_ fault "next_sample and its counters 1 -> 3, forged" resume c
stopped_run c
forge "$(latest c)" 't.replace("\"next_sample\"", "\"next_sampl\"")'
case_ fault "checkpoint.json key missing, forged" resume c
stopped_run c
forge "$(latest c)" 't.replace("\"next_sample\": 1", "\"next_sample\": \"one\"")'
case_ fault "checkpoint.json wrong type, forged" resume c
stopped_run c
rm "$(latest c)/adam_v.f32"
case_ fault "array file missing" resume c
stopped_run c
: >runs/c/checkpoint/LATEST
case_ fault "empty LATEST" resume c
stopped_run c
echo "../../other/checkpoint/sample-00008" >runs/c/checkpoint/LATEST
case_ fault "LATEST points outside the folder" resume c
stopped_run c
echo "sample-00009" >runs/c/checkpoint/LATEST
case_ fault "LATEST names a missing checkpoint" resume c
stopped_run c
python3 -c "import sys; p=sys.argv[1]; b=open(p,'rb').read(); open(p,'wb').write(b[:len(b)//2])" "$(latest c)/parameters.f32"
case_ fault "truncated parameters.f32" resume c
stopped_run c
stopped_run other
rm -rf "$(latest c)" && cp -r "$(latest other)" "$(latest c)"
case_ ok "checkpoint of an identical run copied in" resume c

# ---- interrupted and concurrent runs
stopped_run early
rm -rf runs/early/checkpoint
case_ ok "interrupted before the first checkpoint, resumed" resume early
stopped_run orphans
mkdir -p runs/orphans/checkpoint/.sample-00002.tmp999 && echo x >runs/orphans/checkpoint/.LATEST.1.tmp
case_ ok "orphaned temporary files, resumed" resume orphans
[ -e runs/orphans/checkpoint/.LATEST.1.tmp ] && rows+=("| (orphans were not removed) | - | FAILED | |")
rm -rf runs/twin
# The first run trains for about 20 s (--time-limit): long enough to hold the folder during both cases.
"$prism" reconstruct --out runs --name twin --image-size 64 --samples 48 --steps-per-sample 200 --time-limit 20 \
  --quiet >/dev/null 2>&1 &
first=$!
sleep 4
case_ fault "second run into a folder in use" "$prism" reconstruct --out runs --name twin "${small[@]}"
case_ fault "resume of a folder in use" resume twin
wait $first
case_ ok "the first of two concurrent runs: one row per sample" bash -c \
  "test \"\$(cut -d, -f1 runs/twin/metrics.csv | sort | uniq -d | wc -l)\" = 0 && test -s runs/twin/summary.json"
case_ ok "--init-target none" "$prism" reconstruct --out runs "${small[@]}" --init-target none
case_ ok "--pattern circles --samples 6 at the default radius" bash -c \
  "'$prism' reconstruct --out runs --name circ ${base[*]} --pattern circles --samples 6 && grep -q '\"samples\" *: *6' runs/circ/summary.json"
case_ ok "--pattern jittered --samples 6" bash -c \
  "'$prism' reconstruct --out runs --name jit ${base[*]} --pattern jittered --samples 6 && grep -q '\"samples\" *: *6' runs/jit/summary.json"

# ---- measurement files (issue 18): damaged and inconsistent data
mgrid=(--image-size 32 --object-size 12 --samples 6)
"$prism" simulate --out data/counts.fits "${mgrid[@]}" --photons 1e6 --position-error 1 >/dev/null 2>&1
"$prism" simulate --out data/amp.fits "${mgrid[@]}" --snr 20 >/dev/null 2>&1
mrun=(--steps-per-sample 4 --refine-iterations 5 --quiet --out runs)
case_ ok "reconstruct --measurements counts, no truth" "$prism" reconstruct --measurements data/counts.fits "${mrun[@]}"
case_ ok "reconstruct --measurements with --truth" "$prism" reconstruct --measurements data/counts.fits \
  --truth data/counts-truth.fits "${mrun[@]}"
case_ ok "reconstruct --measurements amplitude file" "$prism" reconstruct --measurements data/amp.fits "${mrun[@]}"
case_ fault "--measurements of a missing file" "$prism" reconstruct --measurements data/none.fits "${mrun[@]}"
head -c 5000 data/counts.fits >data/truncated.fits
case_ fault "--measurements truncated FITS" "$prism" reconstruct --measurements data/truncated.fits "${mrun[@]}"
printf 'SIMPLE  = T' >data/garbage.fits
case_ fault "--measurements not FITS" "$prism" reconstruct --measurements data/garbage.fits "${mrun[@]}"
edit_card() {  # edit_card IN OUT KEY VALUE|-: replaces (or with - removes) one header card, keeping the blocks
  python3 - "$@" <<'PY'
import sys
src, dst, key, value = sys.argv[1:5]
b = bytearray(open(src, 'rb').read())
for i in range(0, 2880 * 4, 80):
    card = b[i:i + 80].decode('ascii', 'replace')
    if card[:8].strip() == key:
        new = (key.ljust(8) + "= " + value.rjust(20)) if value != '-' else "COMMENT removed"
        b[i:i + 80] = new.ljust(80).encode('ascii')
        break
open(dst, 'wb').write(bytes(b))
PY
}
edit_card data/counts.fits data/nogrid.fits GRIDSIZE -
case_ fault "--measurements without GRIDSIZE" "$prism" reconstruct --measurements data/nogrid.fits "${mrun[@]}"
edit_card data/counts.fits data/nocentre.fits SY00004 -
case_ fault "--measurements frame 4 without a centre" "$prism" reconstruct --measurements data/nocentre.fits "${mrun[@]}"
edit_card data/counts.fits data/badradius.fits APRADIUS "'wide'"
case_ fault "--measurements APRADIUS not a number" "$prism" reconstruct --measurements data/badradius.fits "${mrun[@]}"
edit_card data/counts.fits data/offgrid.fits SX00002 40.0
case_ fault "--measurements centre off the grid" "$prism" reconstruct --measurements data/offgrid.fits "${mrun[@]}"
edit_card data/counts.fits data/bigobj.fits OBJSIZE 64
case_ fault "--measurements OBJSIZE larger than the grid" "$prism" reconstruct --measurements data/bigobj.fits "${mrun[@]}"
edit_card data/counts.fits data/gridmismatch.fits GRIDSIZE 64
case_ fault "--measurements GRIDSIZE not the frames' size" "$prism" reconstruct --measurements data/gridmismatch.fits \
  "${mrun[@]}"
edit_card data/counts.fits data/unit.fits BUNIT "'jansky'"
case_ fault "--measurements unknown BUNIT" "$prism" reconstruct --measurements data/unit.fits "${mrun[@]}"
python3 - data/counts.fits data/negative.fits <<'PY'
import sys, struct
b = bytearray(open(sys.argv[1], 'rb').read())
i = b.find(b'END' + b' ' * 77)
start = (i // 2880 + 1) * 2880
b[start:start + 4] = struct.pack('>f', -1000.0)
open(sys.argv[2], 'wb').write(bytes(b))
PY
case_ fault "--measurements negative counts without read noise" "$prism" reconstruct --measurements data/negative.fits \
  "${mrun[@]}"
case_ fault "--measurements with --object" "$prism" reconstruct --measurements data/counts.fits --object bars "${mrun[@]}"
case_ fault "--measurements with --algorithm reference" "$prism" reconstruct --measurements data/counts.fits \
  --algorithm reference "${mrun[@]}"
case_ fault "--truth a measurement cube" "$prism" reconstruct --measurements data/counts.fits --truth data/amp.fits \
  "${mrun[@]}"
case_ fault "--truth without --measurements" "$prism" reconstruct --truth data/counts-truth.fits "${mrun[@]}"
mkdir -p frames
case_ fault "--measurements folder without manifest" "$prism" reconstruct --measurements frames "${mrun[@]}"
printf '# aperture_radius = 2.7\n# object_size = 12\nfile,centre_y,centre_x\nmissing.fits,0,0\n' >frames/manifest.csv
case_ fault "--measurements manifest naming a missing frame" "$prism" reconstruct --measurements frames "${mrun[@]}"
printf '# aperture = 2.7\nfile,centre_y,centre_x\nf.fits,0,0\n' >frames/manifest.csv
case_ fault "--measurements manifest with an unknown setting" "$prism" reconstruct --measurements frames "${mrun[@]}"
case_ fault "simulate over an existing file" "$prism" simulate --out data/counts.fits "${mgrid[@]}" --photons 1e6
case_ fault "simulate --position-error without --photons" "$prism" simulate --out data/x.fits "${mgrid[@]}" \
  --position-error 1
case_ fault "simulate --photons with --snr" "$prism" simulate --out data/y.fits "${mgrid[@]}" --photons 1e6 --snr 20
case_ fault "simulate --out not FITS" "$prism" simulate --out data/z.png "${mgrid[@]}"
cp data/counts.fits data/changed.fits
"$prism" reconstruct --measurements data/changed.fits --out runs --name changing --steps-per-sample 4 \
  --refine-iterations 5 --quiet --time-limit 0.001 >/dev/null 2>&1
cp data/amp.fits data/changed.fits
case_ fault "measurement file replaced, then resume" "$prism" reconstruct --resume runs/changing --quiet

table="| case | exit | verdict | message |
|---|---|---|---|
$(printf '%s\n' "${rows[@]}")

$tried cases: $clean clean, $silent silent wrong results."
if [ $# -ge 1 ]; then
  printf '%s\n' "$table" >"$1"
fi
printf '%s\n' "$table"
