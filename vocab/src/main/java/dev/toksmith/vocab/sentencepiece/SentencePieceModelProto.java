package dev.toksmith.vocab.sentencepiece;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of SentencePiece's {@code ModelProto} (sentencepiece_model.proto) that decide how text is
 * tokenized: the pieces with scores and types, the model type and special ids, and the
 * normalizer's rules and whitespace options. Field numbers and defaults are the proto's.
 */
record SentencePieceModelProto(List<Piece> pieces, TrainerSpec trainer, NormalizerSpec normalizer) {

  /** A piece's type, as the proto numbers them. */
  enum Type {
    NORMAL, UNKNOWN, CONTROL, USER_DEFINED, UNUSED, BYTE;

    static Type of(long number) {
      return switch ((int) number) {
        case 1 -> NORMAL;
        case 2 -> UNKNOWN;
        case 3 -> CONTROL;
        case 4 -> USER_DEFINED;
        case 5 -> UNUSED;
        case 6 -> BYTE;
        default -> throw new IllegalArgumentException("unknown piece type " + number);
      };
    }
  }

  record Piece(String piece, float score, Type type) {}

  /** model_type: 1 unigram, 2 BPE, 3 word, 4 char. */
  record TrainerSpec(int modelType, boolean byteFallback, int unkId, int bosId, int eosId, int padId, boolean treatWhitespaceAsSuffix) {}

  record NormalizerSpec(String name, byte[] precompiledCharsmap, boolean addDummyPrefix, boolean removeExtraWhitespaces, boolean escapeWhitespaces) {}

  static SentencePieceModelProto parse(byte[] data) {
    ProtoReader r = new ProtoReader(data);
    List<Piece> pieces = new ArrayList<>();
    TrainerSpec trainer = trainer(null);
    NormalizerSpec normalizer = normalizer(null);
    while (r.hasMore()) {
      int key = r.readKey();
      switch (key >>> 3) {
        case 1 -> pieces.add(piece(r.readMessage()));
        case 2 -> trainer = trainer(r.readMessage());
        case 3 -> normalizer = normalizer(r.readMessage());
        default -> r.skip(key & 7);
      }
    }
    if (pieces.isEmpty()) throw new IllegalArgumentException("no pieces: not a SentencePiece model");
    return new SentencePieceModelProto(pieces, trainer, normalizer);
  }

  private static Piece piece(ProtoReader r) {
    String piece = null;
    float score = 0;
    Type type = Type.NORMAL;
    while (r.hasMore()) {
      int key = r.readKey();
      switch (key >>> 3) {
        case 1 -> piece = r.readString();
        case 2 -> score = r.readFloat();
        case 3 -> type = Type.of(r.readVarint());
        default -> r.skip(key & 7);
      }
    }
    if (piece == null || piece.isEmpty()) throw new IllegalArgumentException("a piece without text");
    return new Piece(piece, score, type);
  }

  private static TrainerSpec trainer(ProtoReader r) {
    int modelType = 1;
    boolean byteFallback = false;
    int unkId = 0;
    int bosId = 1;
    int eosId = 2;
    int padId = -1;
    boolean suffix = false;
    while (r != null && r.hasMore()) {
      int key = r.readKey();
      switch (key >>> 3) {
        case 3 -> modelType = (int) r.readVarint();
        case 24 -> suffix = r.readVarint() != 0;
        case 35 -> byteFallback = r.readVarint() != 0;
        case 40 -> unkId = (int) r.readVarint();
        case 41 -> bosId = (int) r.readVarint();
        case 42 -> eosId = (int) r.readVarint();
        case 43 -> padId = (int) r.readVarint();
        default -> r.skip(key & 7);
      }
    }
    return new TrainerSpec(modelType, byteFallback, unkId, bosId, eosId, padId, suffix);
  }

  private static NormalizerSpec normalizer(ProtoReader r) {
    String name = "";
    byte[] charsmap = new byte[0];
    boolean dummyPrefix = true;
    boolean removeExtra = true;
    boolean escape = true;
    while (r != null && r.hasMore()) {
      int key = r.readKey();
      switch (key >>> 3) {
        case 1 -> name = r.readString();
        case 2 -> charsmap = r.readBytes();
        case 3 -> dummyPrefix = r.readVarint() != 0;
        case 4 -> removeExtra = r.readVarint() != 0;
        case 5 -> escape = r.readVarint() != 0;
        default -> r.skip(key & 7);
      }
    }
    return new NormalizerSpec(name, charsmap, dummyPrefix, removeExtra, escape);
  }
}
