#!/usr/bin/env python3
"""Builds the tiny causal LM the onnx module's tests run, and PyTorch's own log-probabilities for it.

A randomly initialised 2-layer GPT-2 (transformers' GPT2LMHeadModel: 32-wide, 4 heads, 256 positions)
over a 320-token byte-level BPE trained with Hugging Face tokenizers on the US Constitution sample
(319 tokens, then <|endoftext|> as id 319, GPT-2's layout). Weights are drawn with a standard
deviation of 0.5 instead of GPT-2's 0.02, so next-token distributions are peaked and depend
strongly on every earlier token and on position: a cache or position bug changes the numbers far
beyond the tests' 1e-4.

It writes two model directories laid out as Hugging Face Optimum's `optimum-cli export onnx` lays
out a causal LM (Optimum itself is not in the wheel mirror, so torch.onnx exports with Optimum's
input and output names):
  with-past/  model.onnx: input_ids, attention_mask, position_ids, past_key_values.N.key/value in;
              logits, present.N.key/value out (what `--task text-generation-with-past` gives)
  no-past/    model.onnx: input_ids, attention_mask in; logits out (`--task text-generation`)
each with tokenizer.json and config.json beside it; and
  reference.json       the reference texts, their ids (Hugging Face tokenizers) and where their rows start
  reference-logprobs.npy  float32 [rows, 320]: PyTorch's log-softmax after <|endoftext|> + each prefix
                       of each text's ids (the context the Java model feeds: bos_token_id first)

The exports are checked against PyTorch with onnxruntime (Python) before anything is written.

Run from the repository root:
  python3 -m venv /tmp/tiny-gpt2 && /tmp/tiny-gpt2/bin/pip install -r onnx/src/test/resources/dev/toksmith/onnx/tiny-gpt2/requirements.txt
  /tmp/tiny-gpt2/bin/python onnx/src/test/resources/dev/toksmith/onnx/tiny-gpt2/make-tiny-gpt2.py

With --full-size DIR --tokenizer TOKENIZER_JSON it instead writes a randomly initialised GPT-2 of
the real size (124M parameters, 12 layers, 1,024 positions, 50,257 ids; GPT-2's own initialisation)
to DIR with that tokenizer.json beside it, exported the same way: what a real GPT-2 export costs to
run, without its trained weights, which this machine cannot download (jmh/onnx-cost.sh uses it).
"""
import argparse
import json
import pathlib
import shutil
import tempfile
from importlib.metadata import version

import numpy as np
import onnx
import onnxruntime
import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
from torch.export import Dim
from transformers import GPT2Config, GPT2LMHeadModel
from transformers.cache_utils import DynamicCache

HERE = pathlib.Path(__file__).resolve().parent
SAMPLES = HERE.parents[7] / "corpora-samples/src/main/resources/dev/toksmith/samples"
PINNED = {line.split("==")[0]: line.split("==")[1]
          for line in (HERE / "requirements.txt").read_text().splitlines() if "==" in line}
LAYERS, HEADS, WIDTH, POSITIONS, VOCAB = 2, 4, 32, 256, 320
REFERENCE_TEXTS = [
    "We the People of the United States, in Order to form a more perfect Union,",
    "Congress shall have Power To lay and collect Taxes, Duties, Imposts and Excises",
    "naïve café: “quoted” — 東京 🙂 done",
    "  two  spaces\tand a tab\n",
]


def check_versions():
    for name, wanted in PINNED.items():
        have = version(name)
        if have != wanted:
            raise SystemExit(f"{name} {have} is installed; this script is pinned to {wanted} (requirements.txt)")


def train_tokenizer():
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    tok.post_processor = processors.ByteLevel(trim_offsets=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=VOCAB - 1, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
                                  show_progress=False)
    tok.train([str(SAMPLES / "us-constitution.txt")], trainer)
    tok.add_special_tokens(["<|endoftext|>"])
    assert tok.get_vocab_size() == VOCAB and tok.token_to_id("<|endoftext|>") == VOCAB - 1
    return tok


def build_model():
    torch.manual_seed(0)
    config = GPT2Config(vocab_size=VOCAB, n_positions=POSITIONS, n_embd=WIDTH, n_layer=LAYERS, n_head=HEADS,
                        bos_token_id=VOCAB - 1, eos_token_id=VOCAB - 1, initializer_range=0.5)
    config._attn_implementation = "eager"
    return GPT2LMHeadModel(config).eval()


class WithPast(torch.nn.Module):
    """Optimum's with-past signature: flat past tensors in, logits and flat present tensors out."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask, position_ids, past):
        layers = self.model.config.n_layer
        cache = DynamicCache(ddp_cache_data=[(past[2 * i], past[2 * i + 1]) for i in range(layers)],
                             config=self.model.config)
        out = self.model(input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids,
                         past_key_values=cache, use_cache=True)
        present = []
        for layer in out.past_key_values.layers:
            present += [layer.keys, layer.values]
        return (out.logits, *present)


class NoPast(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        return self.model(input_ids=input_ids, attention_mask=attention_mask, use_cache=False).logits


def past_names(prefix, layers=LAYERS):
    return [f"{prefix}.{i}.{kv}" for i in range(layers) for kv in ("key", "value")]


def strip_metadata(path):
    """Drops the exporter's per-node stack traces, which are most of the file's bytes."""
    model = onnx.load(str(path))
    for node in model.graph.node:
        del node.metadata_props[:]
    for info in list(model.graph.value_info) + list(model.graph.input) + list(model.graph.output):
        del info.metadata_props[:]
    onnx.save(model, str(path))


def export(model, directory, with_past):
    directory.mkdir(parents=True, exist_ok=True)
    config = model.config
    batch = Dim("batch_size", max=64)
    sequence = Dim("sequence_length", max=config.n_positions)
    total = Dim("total_sequence_length", max=config.n_positions)
    ids = torch.tensor([[5, 6, 7, 8]])
    if with_past:
        past_length = Dim("past_sequence_length", max=config.n_positions - 1)
        layers = config.n_layer
        past = [torch.randn(1, config.n_head, 3, config.n_embd // config.n_head) for _ in range(2 * layers)]
        args = (ids, torch.ones(1, 7, dtype=torch.long), torch.arange(3, 7).unsqueeze(0), past)
        shapes = {"input_ids": {0: batch, 1: sequence}, "attention_mask": {0: batch, 1: total},
                  "position_ids": {0: batch, 1: sequence}, "past": [{0: batch, 2: past_length}] * (2 * layers)}
        torch.onnx.export(WithPast(model), args, str(directory / "model.onnx"),
                          input_names=["input_ids", "attention_mask", "position_ids"] + past_names("past_key_values", layers),
                          output_names=["logits"] + past_names("present", layers), dynamic_shapes=shapes,
                          opset_version=18, dynamo=True, external_data=False)
    else:
        args = (ids, torch.ones(1, 4, dtype=torch.long))
        shapes = {"input_ids": {0: batch, 1: sequence}, "attention_mask": {0: batch, 1: sequence}}
        torch.onnx.export(NoPast(model), args, str(directory / "model.onnx"),
                          input_names=["input_ids", "attention_mask"], output_names=["logits"],
                          dynamic_shapes=shapes, opset_version=18, dynamo=True, external_data=False)
    strip_metadata(directory / "model.onnx")
    model.config.to_json_file(str(directory / "config.json"))


def log_softmax(x):
    x = x.astype(np.float64)
    m = x.max(-1, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(-1, keepdims=True))


def check_export(directory, with_past, inputs, reference):
    """onnxruntime on the export, whole context and (with past) one token at a time, against PyTorch."""
    session = onnxruntime.InferenceSession(str(directory / "model.onnx"), providers=["CPUExecutionProvider"])
    n = inputs.shape[1]
    empty = {name: np.zeros((1, HEADS, 0, WIDTH // HEADS), np.float32) for name in past_names("past_key_values")}
    feeds = {"input_ids": inputs, "attention_mask": np.ones((1, n), np.int64)}
    if with_past:
        feeds.update(position_ids=np.arange(n)[None], **empty)
    whole = log_softmax(session.run(["logits"], feeds)[0][0])
    worst = np.abs(whole - reference).max()
    if with_past:
        past, rows = empty, []
        for t in range(n):
            outputs = session.run(None, {"input_ids": inputs[:, t:t + 1], "attention_mask": np.ones((1, t + 1), np.int64),
                                         "position_ids": np.array([[t]]), **past})
            rows.append(outputs[0][0, 0])
            past = dict(zip(past_names("past_key_values"), outputs[1:]))
        worst = max(worst, np.abs(log_softmax(np.array(rows)) - reference).max())
    print(f"{directory.name}: {(directory / 'model.onnx').stat().st_size} bytes, onnxruntime vs PyTorch max |diff| {worst:.2e}")
    assert worst < 5e-5, worst  # float32 rounding; the Java tests allow 1e-4


def full_size(directory, tokenizer_json):
    """A randomly initialised GPT-2 of the real size, exported with past, for measuring costs."""
    torch.manual_seed(0)
    config = GPT2Config()  # GPT-2 small: 12 layers, 768 wide, 12 heads, 1,024 positions, 50,257 ids
    config._attn_implementation = "eager"
    model = GPT2LMHeadModel(config).eval()
    export(model, directory, with_past=True)
    shutil.copy(tokenizer_json, directory / "tokenizer.json")
    print(f"{directory / 'model.onnx'}: {(directory / 'model.onnx').stat().st_size} bytes")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full-size", type=pathlib.Path, metavar="DIR")
    parser.add_argument("--tokenizer", type=pathlib.Path, metavar="TOKENIZER_JSON")
    args = parser.parse_args()
    check_versions()
    if args.full_size:
        if not args.tokenizer:
            raise SystemExit("--full-size needs --tokenizer (GPT-2's tokenizer.json)")
        full_size(args.full_size, args.tokenizer)
        return
    tokenizer = train_tokenizer()
    model = build_model()
    texts, rows = [], []
    for text in REFERENCE_TEXTS:
        ids = tokenizer.encode(text).ids
        texts.append({"text": text, "ids": ids, "row": sum(len(t["ids"]) + 1 for t in texts)})
        with torch.no_grad():
            logits = model(torch.tensor([[VOCAB - 1] + ids])).logits[0]
        rows.append(torch.log_softmax(logits, -1).numpy())
    with tempfile.TemporaryDirectory() as scratch:
        scratch = pathlib.Path(scratch)
        for name, with_past in (("with-past", True), ("no-past", False)):
            export(model, scratch / name, with_past)
            tokenizer.save(str(scratch / name / "tokenizer.json"))
            first = texts[0]
            check_export(scratch / name, with_past, np.array([[VOCAB - 1] + first["ids"]]), rows[0].astype(np.float64))
        for name in ("with-past", "no-past"):
            shutil.rmtree(HERE / name, ignore_errors=True)
            shutil.copytree(scratch / name, HERE / name)
    np.save(HERE / "reference-logprobs.npy", np.concatenate(rows).astype(np.float32))
    reference = {"versions": PINNED, "vocab_size": VOCAB, "bos_token_id": VOCAB - 1, "texts": texts}
    (HERE / "reference.json").write_text(json.dumps(reference, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
