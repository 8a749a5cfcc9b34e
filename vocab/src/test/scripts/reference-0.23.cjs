// The expected output of RealTokenizersTest from Hugging Face tokenizers 0.23.2 for Node, for a
// tokenizer.json that the reference inside the test (0.21.4 through DJL) cannot load, or for every
// file when asked to (TOKSMITH_REAL_REFERENCE=node).
//
// usage: node reference-0.23.cjs TOKENIZER.json TEXTS.json OUT.json
//   TEXTS.json: an array of strings. OUT.json: {"plain": [...], "special": [...], "decoded": [...],
//   "decodedSkipping": [...]}; "plain" and "special" hold one {"ids", "tokens", "offsets"} per text,
//   encoded without and with the post-processor's special tokens; offsets count code points, and a
//   token the post-processor added has none (null); "decoded" and "decodedSkipping" decode the ids
//   of "special" keeping and skipping special tokens.
// The test sets NODE_PATH to the node_modules that fetch-real-tokenizers.sh installed.
"use strict";
const fs = require("fs");
const { Tokenizer } = require("tokenizers");

async function main() {
  const [tokenizerFile, textsFile, outFile] = process.argv.slice(2);
  const tokenizer = Tokenizer.fromFile(tokenizerFile);
  const texts = JSON.parse(fs.readFileSync(textsFile, "utf8"));
  const encode = async (addSpecialTokens) => (await tokenizer.encodeBatch(texts, { addSpecialTokens })).map((e) => {
    const sequences = e.getSequenceIds();
    return {
      ids: e.getIds(),
      tokens: e.getTokens(),
      offsets: e.getOffsets().map((offset, i) => (sequences[i] === null || sequences[i] === undefined ? null : offset)),
    };
  });
  const plain = await encode(false);
  const special = await encode(true);
  const ids = special.map((e) => e.ids);
  const decoded = await tokenizer.decodeBatch(ids, false);
  const decodedSkipping = await tokenizer.decodeBatch(ids, true);
  fs.writeFileSync(outFile, JSON.stringify({ plain, special, decoded, decodedSkipping }));
}

main().catch((e) => {
  console.error(e.stack || e.message);
  process.exit(1);
});
