#!/usr/bin/env bash
# What Jackson's duplicate-key check (StreamReadFeature.STRICT_DUPLICATE_DETECTION, which toksmith's
# tokenizer.json reader enables) costs on a large file: each round parses the file with Jackson's
# streaming parser, token by token, in one fresh JVM with the check and one without, alternating, and
# prints each JVM's parse time and process CPU time (the JIT's work included), then the medians.
# Jackson alone: since toksmith reads a large model's vocab and merges from the bytes (ModelBytes),
# the check only ever sees the rest of the document, and a key given twice in the vocabulary is found
# by the vocabulary's own table.
#
# usage: jmh/json-duplicate-keys.sh [TOKENIZER_JSON]   (default: o200k_base converted to tokenizer.json)
# environment: ROUNDS (default 5), TOKSMITH the launcher that converts o200k_base (default ./toksmith)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file=${1:-}
if [ -z "$file" ]; then
  file=$work/o200k_base.json
  "${TOKSMITH:-$root/toksmith}" convert --tokenizer o200k_base --output "$file" >/dev/null
fi
jackson=$(sed -n 's:.*<jackson.version>\(.*\)</jackson.version>.*:\1:p' "$root/pom.xml")
jar=${M2_REPO:-$HOME/.m2/repository}/com/fasterxml/jackson/core/jackson-core/$jackson/jackson-core-$jackson.jar
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B dependency:get -Dartifact="com.fasterxml.jackson.core:jackson-core:$jackson" >&2)
cat > "$work/ParseCost.java" <<'JAVA'
import com.fasterxml.jackson.core.*;
import java.io.*;
import java.nio.file.*;

public class ParseCost {
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    JsonFactoryBuilder b = new JsonFactoryBuilder();
    b.disable(JsonFactory.Feature.INTERN_FIELD_NAMES);
    if (args[1].equals("checked")) b.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    b.streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).maxDocumentLength(Long.MAX_VALUE).build());
    long names = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(args[0])), 1 << 16); JsonParser p = b.build().createParser(in)) {
      for (JsonToken t; (t = p.nextToken()) != null; ) if (t == JsonToken.FIELD_NAME) names += p.currentName().length();
    }
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    System.out.println(args[1] + " parse_ms " + (System.nanoTime() - t0) / 1_000_000 + " cpu_ms " + os.getProcessCpuTime() / 1_000_000 + " (" + names + " name chars)");
  }
}
JAVA
javac -d "$work" -cp "$jar" "$work/ParseCost.java"
echo "file: $file ($(wc -c < "$file") bytes); machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "${ROUNDS:-5}"); do
  for mode in checked unchecked; do
    java -XX:+UseSerialGC -cp "$work:$jar" ParseCost "$file" "$mode" | tee -a "$work/$mode"
  done
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
for mode in checked unchecked; do
  echo "median $mode: parse $(awk '{ print $3 }' "$work/$mode" | median) ms, process CPU $(awk '{ print $5 }' "$work/$mode" | median) ms"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
