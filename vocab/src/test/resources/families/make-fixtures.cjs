// Writes one small tokenizer.json per public model family, with the pipeline of the family's
// published tokenizer.json stage for stage, and a vocabulary trained on the bundled samples.
// make-fixtures.sh runs it; see there.
//
// usage: node make-fixtures.cjs SAMPLES_DIR WORK_DIR OUT_DIR
//   WORK_DIR holds t5.model and xlm-roberta.model (SentencePiece Unigram models from spm_train).
"use strict";
const fs = require("fs");
const path = require("path");
const tokenizers = require("tokenizers");

const [samplesDir, workDir, outDir] = process.argv.slice(2).map((p) => path.resolve(p));
const allSamples = fs.readdirSync(samplesDir).filter((f) => f.endsWith(".txt")).sort();
const allFiles = allSamples.map((f) => path.join(samplesDir, f));
// Chinese, Japanese and the emoji list stay out of the WordPiece and Llama vocabularies, so that
// their characters test [UNK] and the byte fallback on real lines.
const withoutCjkAndEmoji = allSamples
  .filter((f) => !/^(udhr-cmn-hans|udhr-cmn-hant|udhr-jpn|emoji-test)\.txt$/.test(f))
  .map((f) => path.join(samplesDir, f));
const METASPACE = "\u2581";

// ---------------------------------------------------------------- training with Hugging Face

/** Trains with the model's default trainer (the Node binding offers no other) and reads the result. */
function train(model, files, configure) {
  const tokenizer = new tokenizers.Tokenizer(model);
  configure(tokenizer);
  tokenizer.train(files);
  const saved = path.join(workDir, "trained.json");
  tokenizer.save(saved);
  return JSON.parse(fs.readFileSync(saved, "utf8")).model;
}

/** A trained vocabulary's tokens in id order. */
function tokensById(vocab) {
  return Object.entries(vocab).sort((a, b) => a[1] - b[1]).map(([token]) => token);
}

/** The first merges of a trained BPE, as many as make {@code size} tokens with those before them. */
function firstMerges(model, tokens, size) {
  const vocab = new Set(tokens);
  const merges = [];
  for (const merge of model.merges) {
    const [left, right] = Array.isArray(merge) ? merge : merge.split(" ");
    if (vocab.size >= size) break;
    if (!vocab.has(left) || !vocab.has(right)) continue;
    merges.push([left, right]);
    vocab.add(left + right);
  }
  return { vocab: [...vocab], merges };
}

function indexed(tokens) {
  const vocab = {};
  tokens.forEach((token, id) => {
    if (token in vocab) throw new Error("token twice: " + token);
    vocab[token] = id;
  });
  return vocab;
}

// ---------------------------------------------------------------- SentencePiece models

/** Fields of a protobuf message: [number, wire type, value]. */
function* fields(buf) {
  let i = 0;
  const varint = () => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = buf[i++];
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if (b < 0x80) return result;
    }
  };
  while (i < buf.length) {
    const key = Number(varint());
    const wire = key & 7;
    let value;
    if (wire === 0) value = varint();
    else if (wire === 1) (value = buf.subarray(i, i + 8)), (i += 8);
    else if (wire === 2) {
      const length = Number(varint());
      value = buf.subarray(i, i + length);
      i += length;
    } else if (wire === 5) (value = buf.subarray(i, i + 4)), (i += 4);
    else throw new Error("wire type " + wire);
    yield [key >> 3, wire, value];
  }
}

/** The pieces (piece, score as float32) and the precompiled charsmap of a SentencePiece model. */
function readSentencePiece(file) {
  const pieces = [];
  let charsmap = null;
  for (const [number, , value] of fields(fs.readFileSync(file))) {
    if (number === 1) {
      let piece = "";
      let score = 0;
      for (const [n, , v] of fields(value)) {
        if (n === 1) piece = Buffer.from(v).toString("utf8");
        else if (n === 2) score = Buffer.from(v).readFloatLE(0);
      }
      pieces.push([piece, score]);
    } else if (number === 3) { // ModelProto.normalizer_spec
      // NormalizerSpec.precompiled_charsmap
      for (const [n, , v] of fields(value)) if (n === 2) charsmap = Buffer.from(v).toString("base64");
    }
  }
  return { pieces, charsmap };
}

// ---------------------------------------------------------------- pipeline parts

function added(id, content, options = {}) {
  return { id, content, single_word: false, lstrip: !!options.lstrip, rstrip: false, normalized: !!options.normalized, special: true };
}

function template(single, pair, specialTokens) {
  const piece = (item) => {
    const [name, typeId] = item.split(":");
    const type_id = Number(typeId || 0);
    return name.startsWith("$") ? { Sequence: { id: name.slice(1), type_id } } : { SpecialToken: { id: name, type_id } };
  };
  const special_tokens = {};
  for (const [name, id] of specialTokens) special_tokens[name] = { id: name, ids: [id], tokens: [name] };
  return { type: "TemplateProcessing", single: single.split(" ").map(piece), pair: pair.split(" ").map(piece), special_tokens };
}

function tokenizerJson(parts) {
  return { version: "1.0", truncation: null, padding: null, ...parts };
}

// ---------------------------------------------------------------- the families

/** bert-base-uncased: BertNormalizer lowercasing and stripping accents, BertPreTokenizer, WordPiece. */
function bertUncased() {
  const trained = train(tokenizers.WordPiece.empty(), withoutCjkAndEmoji, (t) => {
    t.setNormalizer(tokenizers.bertNormalizer({ lowercase: true, stripAccents: true }));
    t.setPreTokenizer(tokenizers.bertPreTokenizer());
  });
  const specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
  const tokens = specials.concat(tokensById(trained.vocab).slice(0, 4000));
  return tokenizerJson({
    added_tokens: specials.map((s, id) => added(id, s)),
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: template("[CLS] $A [SEP]", "[CLS] $A [SEP] $B:1 [SEP]:1", [["[CLS]", 2], ["[SEP]", 3]]),
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab: indexed(tokens) },
  });
}

/** roberta-base: byte-level BPE (GPT-2's), RobertaProcessing, <mask> that takes the space before it. */
function roberta() {
  const trained = train(tokenizers.BPE.empty(), allFiles, (t) => t.setPreTokenizer(tokenizers.byteLevelPreTokenizer(false, true)));
  const specials = ["<s>", "<pad>", "</s>", "<unk>"];
  const { vocab, merges } = firstMerges(trained, specials.concat(tokenizers.byteLevelAlphabet().sort()), 4000);
  const byteLevel = { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true };
  return tokenizerJson({
    added_tokens: specials.map((s, id) => added(id, s, { normalized: true })).concat([added(vocab.length, "<mask>", { lstrip: true })]),
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: { type: "RobertaProcessing", sep: ["</s>", 2], cls: ["<s>", 0], trim_offsets: true, add_prefix_space: false },
    decoder: byteLevel,
    model: {
      type: "BPE", dropout: null, unk_token: null, continuing_subword_prefix: "", end_of_word_suffix: "", fuse_unk: false,
      byte_fallback: false, ignore_merges: false, vocab: indexed(vocab.concat(["<mask>"])), merges,
    },
  });
}

/** Llama 2: spaces spelled "▁" by the normalizer, no pre-tokenizer, BPE with byte fallback. */
function llama2() {
  // Trained on Metaspace pieces, as SentencePiece trains Llama's: no merge crosses a word start.
  const trained = train(tokenizers.BPE.empty(), withoutCjkAndEmoji, (t) => t.setPreTokenizer(tokenizers.metaspacePreTokenizer()));
  const bytes = [...Array(256).keys()].map((b) => "<0x" + b.toString(16).toUpperCase().padStart(2, "0") + ">");
  const specials = ["<unk>", "<s>", "</s>"];
  const { vocab, merges } = firstMerges(trained, specials.concat(bytes, tokensById(trained.vocab).filter((t) => [...t].length === 1)), 4000);
  return tokenizerJson({
    added_tokens: specials.map((s, id) => added(id, s)),
    normalizer: { type: "Sequence", normalizers: [{ type: "Prepend", prepend: METASPACE }, { type: "Replace", pattern: { String: " " }, content: METASPACE }] },
    pre_tokenizer: null,
    post_processor: template("<s> $A", "<s> $A <s>:1 $B:1", [["<s>", 1]]),
    decoder: {
      type: "Sequence",
      decoders: [{ type: "Replace", pattern: { String: METASPACE }, content: " " }, { type: "ByteFallback" }, { type: "Fuse" },
        { type: "Strip", content: " ", start: 1, stop: 0 }],
    },
    model: {
      type: "BPE", dropout: null, unk_token: "<unk>", continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: true,
      byte_fallback: true, ignore_merges: false, vocab: indexed(vocab), merges,
    },
  });
}

/** t5-small: the SentencePiece model's charsmap, WhitespaceSplit and Metaspace, Unigram, "$A </s>". */
function t5() {
  const { pieces, charsmap } = readSentencePiece(path.join(workDir, "t5.model"));
  const extraIds = [...Array(100).keys()].reverse().map((i) => "<extra_id_" + i + ">");
  const vocab = pieces.concat(extraIds.map((t) => [t, 0]));
  // t5-small was converted before Metaspace had prepend_scheme: its file spells add_prefix_space.
  const metaspace = { type: "Metaspace", replacement: METASPACE, add_prefix_space: true };
  return tokenizerJson({
    added_tokens: ["<pad>", "</s>", "<unk>"].map((s, id) => added(id, s)).concat(extraIds.map((t, i) => added(pieces.length + i, t))),
    normalizer: { type: "Precompiled", precompiled_charsmap: charsmap },
    pre_tokenizer: { type: "Sequence", pretokenizers: [{ type: "WhitespaceSplit" }, metaspace] },
    post_processor: template("$A </s>", "$A </s> $B </s>", [["</s>", 1]]),
    decoder: metaspace,
    model: { type: "Unigram", unk_id: 2, vocab, byte_fallback: false },
  });
}

/** xlm-roberta-base: as T5 with fairseq's ids (<s> <pad> </s> <unk> first, <mask> last). */
function xlmRoberta() {
  const { pieces, charsmap } = readSentencePiece(path.join(workDir, "xlm-roberta.model"));
  const specials = ["<s>", "<pad>", "</s>", "<unk>"];
  // SentencePiece's own <unk> <s> </s> come first; fairseq puts its four specials in their place.
  const vocab = specials.map((s) => [s, 0]).concat(pieces.slice(3), [["<mask>", 0]]);
  const metaspace = { type: "Metaspace", replacement: METASPACE, prepend_scheme: "always", split: true };
  return tokenizerJson({
    added_tokens: specials.map((s, id) => added(id, s)).concat([added(vocab.length - 1, "<mask>", { lstrip: true })]),
    normalizer: { type: "Precompiled", precompiled_charsmap: charsmap },
    pre_tokenizer: { type: "Sequence", pretokenizers: [{ type: "WhitespaceSplit" }, metaspace] },
    post_processor: template("<s> $A </s>", "<s> $A </s> </s> $B </s>", [["<s>", 0], ["</s>", 2]]),
    decoder: metaspace,
    model: { type: "Unigram", unk_id: 3, vocab, byte_fallback: false },
  });
}

const families = { "bert-uncased": bertUncased, roberta, llama2, t5, "xlm-roberta": xlmRoberta };
for (const [name, make] of Object.entries(families)) {
  const json = JSON.stringify(make());
  // Hugging Face itself must read it back.
  tokenizers.Tokenizer.fromString(json);
  fs.writeFileSync(path.join(outDir, name + ".json"), json);
}
