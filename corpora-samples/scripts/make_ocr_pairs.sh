#!/usr/bin/env bash
# Makes the OCR-noise pairs under src/main/resources/dev/toksmith/ocr-pairs/: excerpts of bundled
# public-domain samples (the clean side) rendered to images with Tesseract's text2image and read back
# with tesseract (the noisy side). Three excerpts x three noise levels; provenance and licenses:
# ../LICENSES.md.
#
# Needs the exact Debian packages pinned below (apt-get install tesseract-ocr tesseract-ocr-eng
# fonts-dejavu-core): other versions read differently, so the script refuses them. Rendering and
# recognition are deterministic (text2image's degradation uses a fixed seed; one OCR thread), so a
# rerun reproduces the same bytes; the images are only intermediate and are not kept.
set -euo pipefail

module_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
samples_dir="$module_dir/src/main/resources/dev/toksmith/samples"
output_dir="$module_dir/src/main/resources/dev/toksmith/ocr-pairs"

# package exact-version
readonly PACKAGES=(
  "tesseract-ocr 5.3.0-2"
  "libtesseract5 5.3.0-2"
  "tesseract-ocr-eng 1:4.1.0-2"
  "fonts-dejavu-core 2.37-6"
)

# name sample first-line-of-the-excerpt (the excerpt runs on, by whole lines, to at most 2000 characters)
readonly EXCERPTS=(
  "constitution-preamble|us-constitution|The Constitution of the United States of America"
  "constitution-article-iii|us-constitution|Article III"
  "declaration|us-declaration-of-independence|When in the Course of human events, it becomes necessary for one"
)

# level resolution(dpi) exposure: 150 dpi reads almost cleanly; 100 dpi with a dark or a light
# photocopier exposure gives the broken letters and merged words of poor scans.
readonly LEVELS=(
  "light 150 0"
  "medium 100 -1"
  "heavy 100 1"
)

readonly FONT="DejaVu Serif"
readonly POINT_SIZE=10

fail() {
  echo "make_ocr_pairs.sh: $*" >&2
  exit 1
}

for entry in "${PACKAGES[@]}"; do
  read -r name version <<<"$entry"
  installed="$(dpkg-query -W -f='${Version}' "$name" 2>/dev/null)" || fail "$name is not installed (apt-get install $name=$version)"
  [[ $installed == "$version" ]] || fail "$name is $installed, the pairs were made with $version"
done

work_dir="$(mktemp -d)"
trap 'rm -rf "$work_dir"' EXIT
export OMP_THREAD_LIMIT=1
# text2image writes a fonts.conf into the current directory: keep it out of the source tree.
cd "$work_dir"

rm -rf "$output_dir"
mkdir -p "$output_dir"
index="$output_dir/index.tsv"
printf 'name\tclean\tnoisy\tsample\tlevel\tresolution\texposure\n' >"$index"

for excerpt in "${EXCERPTS[@]}"; do
  IFS='|' read -r name sample first_line <<<"$excerpt"
  clean="$output_dir/$name.clean.txt"
  python3 - "$samples_dir/$sample.txt" "$first_line" "$clean" <<'PY'
import sys
source, first_line, target = sys.argv[1:]
lines = open(source, encoding="utf-8").read().split("\n")
start = lines.index(first_line)
excerpt = ""
for line in lines[start:]:
    if len(excerpt) + len(line) + 1 > 2000:
        break
    excerpt += line + "\n"
open(target, "w", encoding="utf-8", newline="").write(excerpt.rstrip("\n") + "\n")
PY
  for level_entry in "${LEVELS[@]}"; do
    read -r level resolution exposure <<<"$level_entry"
    pair="$name-$level"
    text2image --text="$clean" --outputbase="$work_dir/$pair" --font="$FONT" --fonts_dir=/usr/share/fonts \
      --ptsize="$POINT_SIZE" --resolution="$resolution" --exposure="$exposure" >"$work_dir/$pair.log" 2>&1 \
      || { cat "$work_dir/$pair.log" >&2; fail "text2image failed on $pair"; }
    tesseract "$work_dir/$pair.tif" "$work_dir/$pair" -l eng --dpi "$resolution" >"$work_dir/$pair.ocr.log" 2>&1 \
      || { cat "$work_dir/$pair.ocr.log" >&2; fail "tesseract failed on $pair"; }
    # tesseract's text output as it is.
    cp "$work_dir/$pair.txt" "$output_dir/$pair.noisy.txt"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$pair" "$name.clean.txt" "$pair.noisy.txt" "$sample" "$level" "$resolution" "$exposure" >>"$index"
  done
done
echo "wrote $(($(wc -l <"$index") - 1)) pairs to $output_dir"
