// Generates the tiktoken reference fixtures of toksmith-vocab's tests with tiktoken's own Rust core,
// as the npm package `tiktoken` ships it (a WASM build; its regex engine is fancy-regex over the
// regex crate, regex-syntax 0.8.5, Unicode 16). Tests read the committed output; they never run this.
//
//   mkdir -p /tmp/tiktoken-npm && cd /tmp/tiktoken-npm && npm install tiktoken@1.0.22
//   NODE_PATH=/tmp/tiktoken-npm/node_modules node vocab/src/test/scripts/tiktoken-reference.cjs \
//       vocab/src/test/resources/dev/toksmith/vocab/tiktoken
//
// Writes:
//   tiktoken-reference.jsonl  {"encoding","allowed","text","ids"} per line: ids as tiktoken encodes
//                             the text with those special tokens allowed ("all" or a list; [] = none)
//   tiktoken-classes.txt      per regex class, the code points tiktoken's regex engine puts in it,
//                             as hex ranges
//
// The encodings are built from the package's rank data with tiktoken's current patterns and special
// tokens (tiktoken_ext/openai_public.py), not the package's own registry, whose patterns are older;
// the rank data is first proved identical to OpenAI's files by their SHA-256.
"use strict";
const fs = require("fs");
const path = require("path");
const crypto = require("crypto");
const { Tiktoken } = require("tiktoken/lite");

const outDir = process.argv[2];
if (!outDir) throw new Error("usage: node tiktoken-reference.cjs OUTPUT_DIRECTORY");

const R50K_PATTERN = String.raw`'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s`;
const CL100K_PATTERN = String.raw`'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s`;
const O200K_PATTERN = [
  String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?`,
  String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?`,
  String.raw`\p{N}{1,3}`,
  String.raw` ?[^\s\p{L}\p{N}]+[\r\n/]*`,
  String.raw`\s*[\r\n]+`,
  String.raw`\s+(?!\S)`,
  String.raw`\s+`,
].join("|");

const HASHES = {
  r50k_base: "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930",
  p50k_base: "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069",
  cl100k_base: "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
  o200k_base: "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
};

/** The package's rank data, checked against OpenAI's file by rebuilding that file. */
function ranks(file) {
  const data = require(`tiktoken/encoders/${file}.json`).bpe_ranks;
  let lines = "";
  for (const block of data.split("\n")) {
    const [marker, offset, ...tokens] = block.split(" ");
    if (marker !== "!") throw new Error("unexpected rank block in " + file);
    tokens.forEach((token, i) => (lines += `${token} ${Number(offset) + i}\n`));
  }
  const sha = crypto.createHash("sha256").update(lines).digest("hex");
  if (sha !== HASHES[file]) throw new Error(`${file}: rank data differs from OpenAI's file (${sha})`);
  return data;
}

const ENDOFTEXT = "<|endoftext|>";
const harmony = { [ENDOFTEXT]: 199999, "<|endofprompt|>": 200018, "<|startoftext|>": 199998, "<|reserved_200000|>": 200000,
  "<|reserved_200001|>": 200001, "<|return|>": 200002, "<|constrain|>": 200003, "<|reserved_200004|>": 200004,
  "<|channel|>": 200005, "<|start|>": 200006, "<|end|>": 200007, "<|message|>": 200008, "<|reserved_200009|>": 200009,
  "<|reserved_200010|>": 200010, "<|reserved_200011|>": 200011, "<|call|>": 200012 };
for (let id = 200013; id < 201088; id++) harmony[`<|reserved_${id}|>`] = id;

const ENCODINGS = {
  r50k_base: ["r50k_base", R50K_PATTERN, { [ENDOFTEXT]: 50256 }],
  p50k_base: ["p50k_base", R50K_PATTERN, { [ENDOFTEXT]: 50256 }],
  p50k_edit: ["p50k_base", R50K_PATTERN, { [ENDOFTEXT]: 50256, "<|fim_prefix|>": 50281, "<|fim_middle|>": 50282, "<|fim_suffix|>": 50283 }],
  cl100k_base: ["cl100k_base", CL100K_PATTERN, { [ENDOFTEXT]: 100257, "<|fim_prefix|>": 100258, "<|fim_middle|>": 100259, "<|fim_suffix|>": 100260, "<|endofprompt|>": 100276 }],
  o200k_base: ["o200k_base", O200K_PATTERN, { [ENDOFTEXT]: 199999, "<|endofprompt|>": 200018 }],
  o200k_harmony: ["o200k_base", O200K_PATTERN, harmony],
};

// Characters assigned after Unicode 13, by class: letters of each case, marks, numbers; U+0295 is Ll
// in Unicode 16 (Lo from 17), U+10940 is assigned only in Unicode 17.
const NEWER = ["\u0870", "\u1C89", "\u1C8A", "\uA7CB", "\uA7CC", "\uA7CD", "\u{1E030}", "\u{10D50}", "\u{10D70}", "\u{11F04}",
  "\u{2EBF0}", "\u1AC1", "\u0897", "\u{1E4F0}", "\u{16D70}", "\u{1CCF0}", "\u{10940}", "\u0295"];
const HAND = [
  "Hello, world!", "hello world's 1234567 ...", "I'm don't we'll you've they're she'd it's", "DON'T WE'LL YOU'VE THEY'RE SHE'D IT'S I'M",
  "xſ'ſ x'ſ yſ'ſt caſ'ſ", "x'Re x'rE x'LL x'lL x'Ve", "ǅ'S ǅ'ſ Straße'S HELLO'S helloWorld'll", "\u1C89'S \u1C8A'ſ \u0295'S",
  "a\n  ", "a\n \n  ", "x  \n", "hello\n\n\t ", "  leading", "trailing  ", "\r\n\r\n", "a \u00a0b", "\u3000x", "\t\tdef f():\n\t\treturn 1\n",
  "    def f(x):\n        return x  \n\n", "1234567890", "٣٤٥٦", "Ⅻ ½ ²", "12.5%", "a/b//c\n/d", "http://example.com/a/b?c=d", "!!\n\n//x",
  "中文字符测试", "日本語のテキスト", "한국어 텍스트", "e\u0301\u0301", "\u0301start", "क्षत्रिय", "ภาษาไทย", "😀👍🏽👨‍👩‍👧🇫🇷",
  "HTTPServer HELLOworld helloWorld ABCdef ǅungla", "a".repeat(300), " ".repeat(300), "\n".repeat(50) + "x", "!".repeat(200),
];
const SPECIAL_TEXTS = [
  ENDOFTEXT, "a<|endoftext|>b", "<|endoftext|><|endoftext|>", "<|fim_prefix|>x<|fim_suffix|>y<|fim_middle|>", "<|endofprompt|>",
  "<|start|>assistant<|channel|>final<|message|>hi<|end|>", "<|reserved_200018|><|endofprompt|>", "<|startoftext|> <|return|>",
  "<|endoftext", "<|endoftext|>>", "<|<|endoftext|>|>", " <|endoftext|>\n",
];
for (const c of NEWER) HAND.push("a" + c + "b", " " + c + c, "1" + c + "2", c + "'s", "A" + c + "a", "x" + c + "Y", "\u0301" + c);

const ATOMS = ["a", "Z", "é", "ß", "ж", "Ж", "中", "한", "\u0301", "0", "7", "٣", "'", "'s", "'S", "'ll", "'ſ", "ſ", " ", "  ", "\t", "\n",
  "\r\n", "\u00A0", ".", "!", "/", "😀", "Hello", "HTTP", "world", ...NEWER];
let seed = 20241126;
function random(n) {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return (((t ^ (t >>> 14)) >>> 0) % n);
}
const RANDOM = [];
for (let i = 0; i < 120; i++) {
  let s = "";
  const n = random(14);
  for (let k = 0; k < n; k++) s += ATOMS[random(ATOMS.length)];
  RANDOM.push(s);
}

const out = [];
const rankData = {};
for (const [name, [file, pattern, specials]] of Object.entries(ENCODINGS)) {
  rankData[file] = rankData[file] || ranks(file);
  const enc = new Tiktoken(rankData[file], specials, pattern);
  const emit = (text, allowed) => out.push(JSON.stringify({ encoding: name, allowed, text, ids: Array.from(enc.encode(text, allowed, [])) }));
  for (const text of [...HAND, ...RANDOM]) emit(text, []);
  for (const text of SPECIAL_TEXTS) {
    emit(text, []);
    emit(text, "all");
    emit(text, [ENDOFTEXT]);
  }
  enc.free();
}
fs.writeFileSync(path.join(outDir, "tiktoken-reference.jsonl"), out.join("\n") + "\n");

// Classes: with a pattern that is one class, tiktoken encodes the matching characters and skips the
// rest; with one token per byte, the decoded bytes are exactly the matching characters.
const byteRanks = "! 0 " + Array.from({ length: 256 }, (_, b) => Buffer.from([b]).toString("base64")).join(" ");
const CLASSES = { L: String.raw`\p{L}`, N: String.raw`\p{N}`, S: String.raw`\s`, M: String.raw`\p{M}`, Ll: String.raw`\p{Ll}`,
  LuLt: String.raw`[\p{Lu}\p{Lt}]` };
for (const letter of "stremvld") CLASSES["fold_" + letter] = `(?i:${letter})`;
const lines = ["# class<TAB>code point ranges (hex) that tiktoken's regex engine matches; generated by vocab/src/test/scripts/tiktoken-reference.cjs"];
for (const [name, regex] of Object.entries(CLASSES)) {
  const enc = new Tiktoken(byteRanks, {}, regex);
  const members = [];
  for (let start = 0; start <= 0x10ffff; start += 0x10000) {
    let text = "";
    for (let cp = start; cp < start + 0x10000; cp++) if (cp < 0xd800 || cp > 0xdfff) text += String.fromCodePoint(cp);
    const matched = Buffer.from(enc.decode(enc.encode(text, [], []))).toString("utf8");
    for (const ch of matched) members.push(ch.codePointAt(0));
  }
  enc.free();
  const ranges = [];
  for (let i = 0; i < members.length; i++) {
    let j = i;
    while (j + 1 < members.length && members[j + 1] === members[j] + 1) j++;
    const hex = (cp) => cp.toString(16).toUpperCase();
    ranges.push(i === j ? hex(members[i]) : `${hex(members[i])}-${hex(members[j])}`);
    i = j;
  }
  lines.push(`${name}\t${ranges.join(" ")}`);
}
fs.writeFileSync(path.join(outDir, "tiktoken-classes.txt"), lines.join("\n") + "\n");
console.log(`wrote ${out.length} reference encodings and ${Object.keys(CLASSES).length} classes to ${outDir}`);
