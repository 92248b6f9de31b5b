#!/usr/bin/env bash
# Packs what the prism CLI needs to run on a machine without Java or Maven (the GPU machine):
# a jlink'd JRE, the application classes and every dependency jar, as one tar split into
# parts of at most 60 MiB (transfers there are limited to 64 MiB each).
#
#   scripts/device-kit.sh            -> .device/kit.tar.part-00, -01, ... and .device/unpack.sh
#   on the machine, once all parts are there:
#   bash .device/unpack.sh /tmp/kit  -> /tmp/kit/prism <command> ...   (e.g. backends, bench)
#                                       /tmp/kit/conformance            (the backend conformance suite)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.device"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

junit_platform=1.11.3   # the JUnit Platform of the project's JUnit 5.11.3
(cd "$root" && mvn -q -B -ntp -DskipTests package)

# java.desktop: PNG output (ImageIO); java.management/jdk.management: ND4J and the benchmarks;
# jdk.unsupported: ND4J and JavaCPP use sun.misc.Unsafe; java.naming/java.sql/java.xml: ND4J's
# dependencies reference them.
jlink --add-modules java.base,java.desktop,java.management,java.logging,java.naming,java.sql,java.xml,jdk.unsupported,jdk.management \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$stage/kit/jre"
mkdir -p "$stage/kit/lib"
cp -r "$root/prism-examples/target/classes" "$stage/kit/classes"
# (classpath.txt has no final newline: read the last entry too)
tr ':' '\n' < "$root/prism-examples/target/classpath.txt" | while read -r jar || [ -n "$jar" ]; do
  [ -z "$jar" ] || cp "$jar" "$stage/kit/lib/"
done
[ "$(ls "$stage/kit/lib" | wc -l)" -eq "$(tr ':' '\n' < "$root/prism-examples/target/classpath.txt" | grep -c .)" ] \
  || { echo "device-kit: not every classpath entry was copied" >&2; exit 1; }
# The backend conformance suite (prism-core's and prism-cuda's test classes) and JUnit's console
# launcher, so that the suite runs there too.
mkdir -p "$stage/kit/test"
cp -r "$root/prism-core/target/test-classes" "$stage/kit/test/core"
cp -r "$root/prism-cuda/target/test-classes" "$stage/kit/test/cuda"
(cd "$root" && mvn -q -B -ntp dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit_platform" \
  -DoutputDirectory="$stage/kit/test")
cat > "$stage/kit/conformance" <<'CONFORMANCE'
#!/usr/bin/env bash
# Runs the backend conformance suite for the cpu and cuda backends on the kit's JRE.
kit="$(cd "$(dirname "$0")" && pwd)"
jars="$(printf '%s:' "$kit"/lib/*.jar)"   # JUnit's -cp takes no wildcards
exec "$kit/jre/bin/java" -jar "$kit"/test/junit-platform-console-standalone-*.jar execute \
  -cp "$kit/test/core:$kit/test/cuda:$kit/classes:$jars" --details=tree \
  --select-class org.prismjava.backend.CpuBackendConformanceTest \
  --select-class org.prismjava.cuda.CudaBackendConformanceTest --disable-ansi-colors --disable-banner "$@"
CONFORMANCE
chmod +x "$stage/kit/conformance"
cat > "$stage/kit/prism" <<'LAUNCHER'
#!/usr/bin/env bash
# The prism command line on the kit's own JRE (OMP_NUM_THREADS as in ./prism: default 1).
kit="$(cd "$(dirname "$0")" && pwd)"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec "$kit/jre/bin/java" ${PRISM_JAVA_OPTS:-} -cp "$kit/classes:$kit/lib/*" org.prismjava.cli.PrismCommand "$@"
LAUNCHER
chmod +x "$stage/kit/prism"

rm -rf "$out"
mkdir -p "$out"
tar -C "$stage" -cf - kit | split -b 60M -d - "$out/kit.tar.part-"
cat > "$out/unpack.sh" <<'UNPACK'
#!/usr/bin/env bash
# Joins the parts beside this script and unpacks the kit into the folder given (default /tmp/kit).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="${1:-/tmp/kit}"
mkdir -p "$dest"
cat "$here"/kit.tar.part-* | tar -C "$dest" --strip-components=1 -xf -
echo "unpacked: $dest/prism"
UNPACK
ls -l "$out"
