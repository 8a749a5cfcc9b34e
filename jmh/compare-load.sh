#!/usr/bin/env bash
# Loading tokenizer.json, checkout A against checkout B (say main and a branch): each round starts one
# JVM per checkout, alternating, that loads every file LOADS times with Tokenizers.load. Prints per
# run the first load's wall time (cold JVM, as the command line loads), the median of the other loads,
# and the process CPU time; then the median process CPU time of each side. Both checkouts need their
# classes compiled (./mvnw -q -pl vocab -am compile); the dependency jars come from ~/.m2 at the
# versions the parent pom names.
#
# usage: jmh/compare-load.sh CHECKOUT_A CHECKOUT_B [TOKENIZER_JSON...]
#   (default files: gpt4o, llama3 and gemma3 under $TOKSMITH_REAL_TOKENIZERS/files)
# environment: ROUNDS (default 6), LOADS (default 4)
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: compare-load.sh CHECKOUT_A CHECKOUT_B [TOKENIZER_JSON...]" >&2; exit 2; }
a=$(cd "$1" && pwd)
b=$(cd "$2" && pwd)
shift 2
real=${TOKSMITH_REAL_TOKENIZERS:-/work/real-tokenizers}/files
[ $# -gt 0 ] || set -- "$real/gpt4o.json" "$real/llama3.json" "$real/gemma3.json"
for f in "$@"; do [ -f "$f" ] || { echo "compare-load: no such file: $f" >&2; exit 1; }; done
for c in "$a" "$b"; do [ -d "$c/vocab/target/classes" ] || { echo "compare-load: compile $c first" >&2; exit 1; }; done

version() { sed -n "s:.*<$1.version>\(.*\)</$1.version>.*:\1:p" "$a/pom.xml"; }
m2=${M2_REPO:-$HOME/.m2/repository}
jackson=$(version jackson)
deps="$m2/com/fasterxml/jackson/core/jackson-core/$jackson/jackson-core-$jackson.jar"
deps="$deps:$m2/com/fasterxml/jackson/core/jackson-databind/$jackson/jackson-databind-$jackson.jar"
deps="$deps:$(ls "$m2"/com/fasterxml/jackson/core/jackson-annotations/*/jackson-annotations-*.jar | grep -v sources | sort -V | tail -1)"
deps="$deps:$m2/it/unimi/dsi/fastutil-core/$(version fastutil)/fastutil-core-$(version fastutil).jar"
deps="$deps:$m2/org/apache/commons/commons-compress/$(version commons-compress)/commons-compress-$(version commons-compress).jar"
deps="$deps:$m2/org/tukaani/xz/$(version xz)/xz-$(version xz).jar"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/LoadBench.java" <<'JAVA'
import dev.toksmith.Tokenizers;
import java.nio.file.Path;
import java.util.Arrays;

public class LoadBench {
  public static void main(String[] args) throws Exception {
    int loads = Integer.parseInt(args[0]);
    StringBuilder line = new StringBuilder();
    for (int f = 1; f < args.length; f++) {
      long[] ms = new long[loads];
      for (int i = 0; i < loads; i++) {
        long t0 = System.nanoTime();
        if (Tokenizers.load(Path.of(args[f])).vocabSize() <= 0) throw new AssertionError(args[f]);
        ms[i] = (System.nanoTime() - t0) / 1_000_000;
      }
      long first = ms[0];
      Arrays.sort(ms, 1, loads);
      line.append(Path.of(args[f]).getFileName()).append(" first_ms=").append(first)
          .append(loads > 1 ? " warm_ms=" + ms[1 + (loads - 1) / 2] : "").append("  ");
    }
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    System.out.println(line + "cpu_ms=" + os.getProcessCpuTime() / 1_000_000);
  }
}
JAVA
javac -d "$work" -cp "$a/vocab/target/classes:$a/core/target/classes:$deps" "$work/LoadBench.java"

echo "A: $a ($(git -C "$a" rev-parse --short HEAD 2>/dev/null || echo no git))  B: $b ($(git -C "$b" rev-parse --short HEAD 2>/dev/null || echo no git))"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "${ROUNDS:-6}"); do
  for side in A B; do
    c=$a
    [ $side = A ] || c=$b
    out=$(java -Xmx2g -cp "$work:$c/vocab/target/classes:$c/core/target/classes:$deps" LoadBench "${LOADS:-4}" "$@")
    echo "$round $side $out"
    echo "$out" | sed 's/.*cpu_ms=//' >> "$work/$side.cpu"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
echo "median process CPU: A $(median < "$work/A.cpu") ms, B $(median < "$work/B.cpu") ms"
