#!/usr/bin/env bash
# Fuzzes every @FuzzTest of the project for SECONDS each (default 300), one Maven run per target, since
# Jazzer fuzzes one fuzz test per JVM. A crash (an exception other than the documented ones, a hang
# past 60 s, running out of the 2 GB heap) is written next to the target's seeds as crash-<hash>,
# where every later build replays it; fix the bug, keep the file.
#
#   fuzz/fuzz.sh [SECONDS] [FILTER]     e.g. fuzz/fuzz.sh 60 LoadersFuzzTest
#
# Runs Maven offline: the dependencies must have been fetched once (any ./mvnw build does).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-300}"
filter="${2:-}"
cd "$root"

# module:Class#method for each @FuzzTest, from the sources.
targets=()
while IFS= read -r file; do
  module="${file%%/src/*}"
  class="$(sed -n 's/^package \(.*\);/\1/p' "$file").$(basename "$file" .java)"
  while IFS= read -r method; do targets+=("$module:$class#$method"); done < <(awk '/@FuzzTest/ {getline; if (match($0, /void [a-zA-Z0-9_]+\(/)) print substr($0, RSTART + 5, RLENGTH - 6)}' "$file")
done < <(grep -rl --include='*.java' '@FuzzTest' core/src/test vocab/src/test spark/src/test | sort)

failed=()
total=0
for target in "${targets[@]}"; do
  [[ -n "$filter" && "$target" != *"$filter"* ]] && continue
  module="${target%%:*}"
  test="${target#*:}"
  echo "== $test for ${seconds}s" >&2
  start=$(date +%s)
  # spark's tests compile against the command line's shaded jar, which only package builds.
  phase=test
  [ "$module" = spark ] && phase=package
  if ! ./mvnw -B -q -o -Pfuzz "$phase" -pl "$module" -am -Dtest="$test" -Dfuzz.seconds="$seconds" -Dsurefire.failIfNoSpecifiedTests=false; then
    failed+=("$test")
  fi
  total=$((total + $(date +%s) - start))
done

echo "fuzzed ${#targets[@]} targets (filter '${filter}'), ${total}s in all; new crashes:" >&2
git -C "$root" status --short -- '*FuzzTestInputs*' >&2
if ((${#failed[@]})); then
  echo "targets that found a crash or failed: ${failed[*]}" >&2
  exit 1
fi
