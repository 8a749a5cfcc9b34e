#!/usr/bin/env python3
"""Writes the seed inputs of the fuzz tests (Python 3 standard library only; deterministic).

Run from the repository root: python3 fuzz/make_seeds.py
The seeds are committed; fuzzing adds the crashes it finds next to them (crash-*), which are kept too.
"""
import bz2, gzip, io, json, lzma, os, struct, tarfile, zipfile, base64, shutil, glob

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, 'core/src/test/resources/dev/toksmith/core/corpus/CorpusFuzzTestInputs')
LOADERS = os.path.join(ROOT, 'vocab/src/test/resources/dev/toksmith/vocab/LoadersFuzzTestInputs')
ROUND_TRIP = os.path.join(ROOT, 'vocab/src/test/resources/dev/toksmith/vocab/RoundTripFuzzTestInputs')

TEXT = 'The court held.\r\nSecond line \u00e9 \U0001F600\n'.encode() + b'\xff\xfe bad \xed\xa0\x80 bytes\nlast line without newline'


def write(directory, name, data):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, name), 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def gz(data):
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode='wb', mtime=0) as f:
        f.write(data)
    return out.getvalue()


def tar(entries):
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode='w', format=tarfile.USTAR_FORMAT) as t:
        for name, data in entries:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0
            t.addfile(info, io.BytesIO(data))
    return out.getvalue()


def zip_(entries, method):
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w') as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, data)
    return out.getvalue()


def corpus():
    write(f'{CORPUS}/gzip', 'text.gz', gz(TEXT))
    write(f'{CORPUS}/gzip', 'empty.gz', gz(b''))
    write(f'{CORPUS}/gzip', 'two-members.gz', gz(b'first member\n') + gz(b'second member\n'))
    write(f'{CORPUS}/gzip', 'archive.tar.gz', gz(tar([('a.txt', TEXT), ('dir/b.txt', b'bee\n')])))
    write(f'{CORPUS}/bzip2', 'text.bz2', bz2.compress(TEXT))
    write(f'{CORPUS}/bzip2', 'empty.bz2', bz2.compress(b''))
    write(f'{CORPUS}/bzip2', 'two-streams.bz2', bz2.compress(b'one\n') + bz2.compress(b'two\n'))
    write(f'{CORPUS}/xz', 'text.xz', lzma.compress(TEXT))
    write(f'{CORPUS}/xz', 'empty.xz', lzma.compress(b''))
    entries = [('a.txt', TEXT), ('dir/b.txt', b'bee\n'), ('x/../c.txt', b'see\n'), ('./.hidden', b'hidden\n'), ('d.txt.gz', gz(b'inner\n'))]
    write(f'{CORPUS}/tar', 'entries.tar', tar(entries))
    write(f'{CORPUS}/tar', 'empty.tar', tar([]))
    write(f'{CORPUS}/zip', 'deflated.zip', zip_(entries, zipfile.ZIP_DEFLATED))
    write(f'{CORPUS}/zip', 'stored.zip', zip_(entries, zipfile.ZIP_STORED))
    write(f'{CORPUS}/jsonLines', 'records.jsonl', '{"text":"hello"}\n{"id":1,"text":"a\\u00e9\\ud83d\\ude00 \\"q\\"","n":[1,{"x":null}]}\n\n  {"text":"\\ud800 lone"}\r\n')
    write(f'{CORPUS}/jsonLines', 'errors.jsonl', '{"text":1}\n{"text":"a","text":"b"}\n[1,2]\n{"other":true}\n{"text":"unterminated\n')


def tokenizer_json(model, normalizer=None, pre_tokenizer=None, post_processor=None, decoder=None, added=(), truncation=None, padding=None):
    return json.dumps({'version': '1.0', 'truncation': truncation, 'padding': padding, 'added_tokens': list(added), 'normalizer': normalizer,
                       'pre_tokenizer': pre_tokenizer, 'post_processor': post_processor, 'decoder': decoder, 'model': model}, indent=1)


def byte_level_vocab():
    # GPT-2's byte-to-character mapping.
    bs = list(range(ord('!'), ord('~') + 1)) + list(range(ord('\xa1'), ord('\xac') + 1)) + list(range(ord('\xae'), ord('\xff') + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    chars = [chr(c) for _, c in sorted(zip(bs, cs))]
    return chars


def added(id_, content, special=True, normalized=False, lstrip=False, rstrip=False, single_word=False):
    return {'id': id_, 'content': content, 'single_word': single_word, 'lstrip': lstrip, 'rstrip': rstrip, 'normalized': normalized, 'special': special}


def loaders():
    d = f'{LOADERS}/tokenizerJson'
    word_level = {'type': 'WordLevel', 'vocab': {'[UNK]': 0, 'hello': 1, 'world': 2, ',': 3, '!': 4}, 'unk_token': '[UNK]'}
    write(d, 'word-level.json', tokenizer_json(word_level, pre_tokenizer={'type': 'Whitespace'}))
    chars = byte_level_vocab()
    vocab = {c: i for i, c in enumerate(chars)}
    merges = [('h', 'e'), ('l', 'l'), ('he', 'll'), ('Ġ', 'w'), ('o', 'r')]
    for left, right in merges:
        vocab[left + right] = len(vocab)
    bpe = {'type': 'BPE', 'dropout': None, 'unk_token': None, 'continuing_subword_prefix': None, 'end_of_word_suffix': None, 'fuse_unk': False,
           'byte_fallback': False, 'ignore_merges': False, 'vocab': vocab, 'merges': [[l, r] for l, r in merges]}
    byte_level = {'type': 'ByteLevel', 'add_prefix_space': False, 'trim_offsets': True, 'use_regex': True}
    write(d, 'byte-level-bpe.json', tokenizer_json(bpe, pre_tokenizer=byte_level, post_processor=byte_level, decoder=byte_level,
                                                   added=[added(len(vocab), '<|endoftext|>')]))
    many = tokenizer_json(
        {'type': 'WordPiece', 'unk_token': '[UNK]', 'continuing_subword_prefix': '##', 'max_input_chars_per_word': 100,
         'vocab': {'[UNK]': 0, '[CLS]': 1, '[SEP]': 2, '[PAD]': 3, 'hello': 4, '##lo': 5, 'hel': 6, 'world': 7}},
        normalizer={'type': 'Sequence', 'normalizers': [{'type': 'NFKC'}, {'type': 'Lowercase'}, {'type': 'Replace', 'pattern': {'String': '  '}, 'content': ' '},
                                                          {'type': 'Strip', 'strip_left': True, 'strip_right': True}]},
        pre_tokenizer={'type': 'Sequence', 'pretokenizers': [{'type': 'WhitespaceSplit'}, {'type': 'Punctuation', 'behavior': 'Isolated'},
                                                              {'type': 'Digits', 'individual_digits': True}]},
        post_processor={'type': 'TemplateProcessing', 'single': [{'SpecialToken': {'id': '[CLS]', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}},
                                                                  {'SpecialToken': {'id': '[SEP]', 'type_id': 0}}],
                        'pair': [{'Sequence': {'id': 'A', 'type_id': 0}}, {'Sequence': {'id': 'B', 'type_id': 1}}],
                        'special_tokens': {'[CLS]': {'id': '[CLS]', 'ids': [1], 'tokens': ['[CLS]']}, '[SEP]': {'id': '[SEP]', 'ids': [2], 'tokens': ['[SEP]']}}},
        decoder={'type': 'WordPiece', 'prefix': '##', 'cleanup': True},
        added=[added(0, '[UNK]'), added(1, '[CLS]'), added(2, '[SEP]'), added(3, '[PAD]')],
        truncation={'direction': 'Right', 'max_length': 8, 'strategy': 'LongestFirst', 'stride': 0},
        padding={'strategy': {'Fixed': 10}, 'direction': 'Right', 'pad_to_multiple_of': None, 'pad_id': 3, 'pad_type_id': 0, 'pad_token': '[PAD]'})
    write(d, 'word-piece-everything.json', many)
    unigram = {'type': 'Unigram', 'unk_id': 0, 'vocab': [['<unk>', 0.0], ['\u2581hello', -1.5], ['\u2581', -2.0], ['h', -3.0], ['e', -3.0], ['l', -3.0], ['o', -3.0]],
               'byte_fallback': False}
    write(d, 'unigram-metaspace.json', tokenizer_json(unigram, pre_tokenizer={'type': 'Metaspace', 'replacement': '\u2581', 'prepend_scheme': 'always', 'split': True},
                                                      decoder={'type': 'Metaspace', 'replacement': '\u2581', 'prepend_scheme': 'always', 'split': True}))
    llama = {'type': 'BPE', 'dropout': None, 'unk_token': '<unk>', 'continuing_subword_prefix': None, 'end_of_word_suffix': None, 'fuse_unk': True,
             'byte_fallback': True, 'ignore_merges': False,
             'vocab': dict([('<unk>', 0), ('<s>', 1), ('</s>', 2)] + [('<0x%02X>' % b, 3 + b) for b in range(256)] + [('\u2581', 259), ('a', 260), ('\u2581a', 261)]),
             'merges': ['\u2581 a']}
    write(d, 'llama-style.json', tokenizer_json(llama, normalizer={'type': 'Sequence', 'normalizers': [{'type': 'Prepend', 'prepend': '\u2581'},
                                                                                                       {'type': 'Replace', 'pattern': {'String': ' '}, 'content': '\u2581'}]},
                                                decoder={'type': 'Sequence', 'decoders': [{'type': 'Replace', 'pattern': {'String': '\u2581'}, 'content': ' '},
                                                                                          {'type': 'ByteFallback'}, {'type': 'Fuse'}, {'type': 'Strip', 'content': ' ', 'start': 1, 'stop': 0}]},
                                                added=[added(0, '<unk>'), added(1, '<s>'), added(2, '</s>')]))
    shutil.copy(os.path.join(ROOT, 'vocab/src/test/resources/families/bert-uncased.json'), os.path.join(d, 'bert-uncased.json'))

    d = f'{LOADERS}/tiktoken'
    jar = os.path.expanduser('~/.m2/repository/com/knuddels/jtokkit/1.1.0/jtokkit-1.1.0.jar')
    with zipfile.ZipFile(jar) as z:
        ranks = z.read('com/knuddels/jtokkit/r50k_base.tiktoken').decode().splitlines()
    write(d, 'r50k-first-400.tiktoken', '\n'.join(ranks[:400]) + '\n')
    write(d, 'gaps-and-blank-lines.tiktoken', '\n'.join(ranks[:256]) + '\n\n' + base64.b64encode(b'ab').decode() + ' 300\n')

    d = f'{LOADERS}/sentencePiece'
    os.makedirs(d, exist_ok=True)
    for model in ('tie.model', 'bpe-unk.model'):
        shutil.copy(os.path.join(ROOT, 'vocab/src/test/resources/sentencepiece', model), os.path.join(d, model))

    d = f'{LOADERS}/gpt2Files'
    vocab = {c: i for i, c in enumerate(chars)}
    vocab['he'] = 256
    vocab['hel'] = 257
    write(d, 'vocab-and-merges', json.dumps(vocab).encode() + b'\0' + '#version: 0.2\nh e\nhe l\n'.encode())

    d = f'{LOADERS}/languageModel'
    with open(f'{LOADERS}/tokenizerJson/byte-level-bpe.json') as f:
        write(d, 'order-2.lm', language_model(f.read()))

    d = f'{LOADERS}/npy'
    for f in ('int32-2x3.npy', 'float32-4.npy', 'float32-0x5.npy'):
        os.makedirs(d, exist_ok=True)
        shutil.copy(os.path.join(ROOT, 'vocab/src/test/resources/npy', f), os.path.join(d, f))

    d = f'{LOADERS}/unifontHex'
    write(d, 'glyphs.hex', '0041:0000000018242442427E424242420000\n3042:0000000000000000000000000000000000000000000000000000000000000000\n'
          '1F600:0000000000000000000000000000000000000000000000000000000000000000\n\n')


def varint(n):
    out = bytearray()
    while n & ~0x7F:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def java_utf(s):
    data = s.encode()
    return struct.pack('>H', len(data)) + data


def language_model(tokenizer_json):
    """A toksmith .lm file (the format of LanguageModelFile.write): a small tokenizer.json embedded, so
    that each fuzzed input loads quickly, order 2, a few n-grams."""
    json_bytes = tokenizer_json.encode()
    body = b'toksmith-lm\n' + struct.pack('>i', 1) + b'J' + java_utf('small.json') + varint(len(json_bytes)) + json_bytes
    vocab = 263  # the tokenizer's 262 ids and end-of-text
    body += varint(2) + varint(vocab) + b'\0' + struct.pack('>dd', 0.5, 0.75)
    # order 1: one context (empty), successors 72, 257, 262 (end-of-text) with counts.
    body += varint(1) + varint(3) + varint(72) + varint(2) + varint(257 - 72) + varint(1) + varint(262 - 257) + varint(3)
    # order 2: context [72] -> 257.
    body += varint(1) + varint(72) + varint(1) + varint(257) + varint(2)
    return gz(body)


def round_trip():
    d = f'{ROUND_TRIP}/byteLevel'
    write(d, 'utf8-text', 'The court held that \u00e9\u00e8 \u65e5\u672c \U0001F600\U0001F44D\U0001F3FD 123 \r\n'.encode())
    write(d, 'invalid-utf8', b'\xff\xfe\xc3\x28\xe2\x82\x41\xed\xa0\x80\xed\xb0\x80\xf0\x9f\x98 end')
    write(d, 'utf16-surrogates', 'ab'.encode('utf-16-be') + b'\xd8\x00' + 'x'.encode('utf-16-be') + b'\xdc\x00\xd8\x3d\xde\x00')


corpus()
loaders()
round_trip()
