#!/usr/bin/env bash
# Regenerates the SentencePiece fixtures: small models trained by the reference implementation
# (Debian's `sentencepiece` 0.1.97: `apt-get install sentencepiece`) on the bundled samples, one small
# model written by hand (tie.model), and the ids and text that the sentencepiece wheel (pinned below,
# installed by pip into a virtual environment of its own; spm-ids.py drives it) gives for the test
# lines: the wheel is what users run, and 0.2 adds Unigram path scores in single precision where 0.1.97
# added them in double. toksmith's tests compare against these files; nothing here is produced by
# toksmith. make-multilingual-fixtures.sh adds the ids of text in some 500 languages.
set -euo pipefail
SENTENCEPIECE=0.2.2
here="$(cd "$(dirname "$0")" && pwd)"
samples="$here/../../../../../corpora-samples/src/main/resources/dev/toksmith/samples"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat "$samples"/*.txt > "$work/corpus.txt"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q "sentencepiece==$SENTENCEPIECE"
spm() { "$work/venv/bin/python" "$here/spm-ids.py" "$@"; }
# Relative paths: the model records its input and prefix, and a temporary directory's name would
# make every run's files differ.
cd "$work"

common=(--input=corpus.txt --num_threads=1 --shuffle_input_sentence=false --input_sentence_size=0 --minloglevel=2)
spm_train "${common[@]}" --model_prefix=unigram --model_type=unigram --vocab_size=4000 --byte_fallback=true --character_coverage=0.9995
spm_train "${common[@]}" --model_prefix=bpe --model_type=bpe --vocab_size=4000 --byte_fallback=true --character_coverage=0.9995
spm_train "${common[@]}" --model_prefix=unigram-cf --model_type=unigram --vocab_size=1000 --normalization_rule_name=nmt_nfkc_cf \
  --add_dummy_prefix=false --remove_extra_whitespaces=false --character_coverage=0.98
spm_train "${common[@]}" --model_prefix=bpe-unk --model_type=bpe --vocab_size=1000 --character_coverage=0.98 --split_digits=true --normalization_rule_name=identity

# Test lines: the start of every sample plus lines that exercise whitespace, unknown characters and normalization.
{
  for f in "$samples"/*.txt; do awk 'NF && n++ < 10 { print substr($0, 1, 2000) }' "$f"; done
  printf '%s\n' "  leading and   inner   spaces  " $'tab\tseparated\twords' $'\uFB01 ligature, \u216B numeral, \uFF21\uFF22 fullwidth, e\u0301' \
    "emoji 😀👍🏽 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢" "digits 1234567890 and 3.14159" "CAPITALS and MiXeD case" "ǅ İ ß ﬀ" "⁂ ⅌ ☃ ᚠᛇᚻ runes"
} > "$here/tests.txt"

for m in unigram bpe unigram-cf bpe-unk; do
  cp "$work/$m.model" "$here/$m.model"
  spm ids "$here/$m.model" < "$here/tests.txt" > "$here/$m.ids"
done

# Lines that probe where Hugging Face's conversion of a model may part from SentencePiece: white space
# other than spaces at the ends and in runs, pieces written out as text, sequences the charsmap composes
# across grapheme clusters, marks after case-folded letters, unknown runs, long repetitions.
printf '%s\n' $'trailing tab\t' $'\tleading tab' $'no\u00a0break\u00a0\u00a0spaces\u00a0' $'ideographic\u3000\u3000space' \
  $'vertical\vtab and next\u0085line' "   " "" "<s> and </s> and <unk> and <0x41> written out" "a<s>b" $'x\u2581y \u2581\u2581\u2581' \
  $'\u1112\u1161\u11ab\u1100\u1173\u11af jamo' $'e\u0301 o\u0308 A\u030a combining' $'\u0995\u09c7\u09be \u0998\u09c7\u09be' \
  $'CAPITAL \u1eb8\u0300 and \u00c9\u0301 marks' "12345 67890 1,234.56" "👨‍👩‍👧‍👦 🏳️‍🌈 family" $'zero\u200bwidth\u200djoiner' \
  "ＡＢＣ　ｆｕｌｌ" "ꙮꙮꙮ ᚠᚠ 𓀀𓀁 unknown runs" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" "日本語とEnglishと한국어" \
  > "$here/edges.txt"
for m in unigram bpe unigram-cf bpe-unk; do
  spm ids "$here/$m.model" < "$here/edges.txt" > "$here/$m.edges.ids"
done

# What the wheel decodes those ids to, and of ids that split characters (byte pieces) or hold control
# and unknown pieces.
for m in unigram bpe unigram-cf bpe-unk; do
  spm text "$here/$m.model" < "$here/$m.ids" > "$here/$m.decoded"
done
printf '%s\n' "1 2 0 3 4 5" "0 0 0" "2 1" "3" > "$here/special.ids"
spm text "$here/unigram.model" < "$here/special.ids" > "$here/special.decoded"

# tie.model, written by hand (as a protobuf ModelProto): a Unigram model whose best paths depend on
# how SentencePiece adds scores. sentencepiece 0.2 adds a float piece score to a float path score in
# single precision and keeps the path found first among equals; 0.1.97 added them in double precision
# and compared with the stored float. c scores the float just above -2 (bits 0xBFFFFFFF), so "ab c"
# scores -3 + 2^-23 in double and beat "a bc" (-3) in 0.1.97, while in float the sum rounds to -3 and
# the earlier path, "a bc", stays. "*" and "**" tie exactly in any precision: "***" is "* **" or
# "** *", -2.5 either way, and sentencepiece keeps the path whose last piece starts first, "* **".
# Identity normalization, no dummy prefix, spaces kept as they are: the pieces are the text.
python3 - "$here/tie.model" <<'EOF'
import struct
import sys

def varint(n):
    out = bytearray()
    while True:
        low, n = n & 0x7F, n >> 7
        if not n:
            return bytes(out + bytes([low]))
        out.append(low | 0x80)

def key(field, wire_type):
    return varint(field << 3 | wire_type)

def length_delimited(field, data):
    return key(field, 2) + varint(len(data)) + data

def integer(field, value):
    return key(field, 0) + varint(value)

NORMAL, UNKNOWN, CONTROL = 1, 2, 3
just_above_minus_two = struct.unpack("<f", struct.pack("<I", 0xBFFFFFFF))[0]
pieces = [("<unk>", 0.0, UNKNOWN), ("<s>", 0.0, CONTROL), ("</s>", 0.0, CONTROL), ("a", -1.0, NORMAL), ("b", -10.0, NORMAL),
          ("c", just_above_minus_two, NORMAL), ("ab", -1.0, NORMAL), ("bc", -2.0, NORMAL), ("*", -1.0, NORMAL), ("**", -1.5, NORMAL)]
# ModelProto: pieces = 1 (piece = 1, score = 2, type = 3), trainer_spec = 2 (model_type = 3, UNIGRAM = 1;
# vocab_size = 4), normalizer_spec = 3 (name = 1, add_dummy_prefix = 3, remove_extra_whitespaces = 4,
# escape_whitespaces = 5).
model = b"".join(length_delimited(1, length_delimited(1, text.encode()) + key(2, 5) + struct.pack("<f", score) + integer(3, kind)) for text, score, kind in pieces)
model += length_delimited(2, integer(3, 1) + integer(4, len(pieces)))
model += length_delimited(3, length_delimited(1, b"identity") + integer(3, 0) + integer(4, 0) + integer(5, 0))
with open(sys.argv[1], "wb") as out:
    out.write(model)
EOF
printf '%s\n' abc aabbcc cabcab bcab abcabc cab bc ccc bbcc abcbcabc cabcabcabc aabcc bcbcbc '***' '****' '*****' 'a***c' '***bc' 'c*******a' > "$here/tie.txt"
spm ids "$here/tie.model" < "$here/tie.txt" > "$here/tie.ids"
spm pieces "$here/tie.model" < "$here/tie.txt" > "$here/tie.pieces"
