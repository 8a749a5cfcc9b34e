"""Prints the precompiled_charsmap of a SentencePiece .model file as base64.

The .model file is a ModelProto; its field 3 is the NormalizerSpec, whose field 2 is the charsmap.
Only the protobuf wire format is needed, so this reads it by hand.
"""
import base64
import sys


def varint(data, i):
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def fields(data):
    i = 0
    while i < len(data):
        key, i = varint(data, i)
        number, wire_type = key >> 3, key & 7
        if wire_type == 0:
            value, i = varint(data, i)
        elif wire_type == 1:
            value, i = data[i:i + 8], i + 8
        elif wire_type == 2:
            length, i = varint(data, i)
            value, i = data[i:i + length], i + length
        elif wire_type == 5:
            value, i = data[i:i + 4], i + 4
        else:
            raise ValueError("unsupported wire type %d" % wire_type)
        yield number, value


model = open(sys.argv[1], "rb").read()
normalizer_spec = next(value for number, value in fields(model) if number == 3)
charsmap = next(value for number, value in fields(normalizer_spec) if number == 2)
print(base64.b64encode(charsmap).decode("ascii"))
