package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.toksmith.core.concurrent.Alongside;
import dev.toksmith.core.models.Vocabulary;
import dev.toksmith.core.models.bpe.BpeModel;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A large model's {@code vocab} object and {@code merges} array read straight from the document's
 * UTF-8 bytes by a reader that knows only their plain shapes ({@code "token": id} entries, {@code
 * ["left", "right"]} pairs and {@code "left right"} strings), while Jackson reads the rest of the
 * document with those two values replaced by {@code {}} and {@code []}. They are most of a big file
 * (o200k: 200,000 tokens and 200,000 merges in 15 MB), and a general JSON parser's work on them, and
 * the optimizing compiler's work on that parser, were most of loading it.
 *
 * <p>Only an accelerator: it gives up at the first thing outside those shapes (a number that is no
 * plain int, a string escape it does not know, bytes that are not UTF-8, a raw control character, a
 * key given twice, a document that is not UTF-8 JSON laid out as a root object with a {@code model}
 * object ...), and the document is then read whole by Jackson, which gives exactly the result or the
 * error it always gave. Whatever it accepts, it reads as Jackson reads it.
 */
final class ModelBytes {
  /** Documents shorter than this are read by Jackson alone. */
  static final int MIN_BYTES = 1 << 20;

  /** Thrown to give up: the document is read whole instead. */
  private static final class NotPlain extends RuntimeException {
    NotPlain() {
      super(null, null, false, false);
    }
  }

  private static final NotPlain NOT_PLAIN = new NotPlain();

  private final byte[] doc;
  private final int length;
  private final int maxNameLength;
  /** The vocabulary and merges read, each with where it lies in the document; -1 when absent. */
  private final ModelArrays read = new ModelArrays();
  private int vocabFrom = -1;
  private int vocabTo;
  private int mergesFrom = -1;
  private int mergesTo;
  private boolean vocabTaken;
  private boolean mergesTaken;
  /** Decoded characters of the string being read. */
  private char[] chars = new char[256];
  private int charCount;

  private ModelBytes(byte[] doc, int length, int maxNameLength) {
    this.doc = doc;
    this.length = length;
    this.maxNameLength = maxNameLength;
  }

  /**
   * Reads the model's vocabulary and merges out of {@code doc[0, length)}, or returns null when the
   * document is small or not laid out in the plain shapes.
   */
  static ModelBytes read(byte[] doc, int length, StreamReadConstraints limits) {
    if (length < MIN_BYTES) return null;
    // The reader runs up to the array's end, never past the document's.
    if (doc.length != length) doc = java.util.Arrays.copyOf(doc, length);
    ModelBytes bytes = new ModelBytes(doc, length, limits.getMaxNameLength());
    try {
      bytes.scan();
    } catch (NotPlain | ArrayIndexOutOfBoundsException e) {
      bytes.read.forgetVocabulary();
      return null;
    }
    return bytes.vocabFrom < 0 && bytes.mergesFrom < 0 ? null : bytes;
  }

  /**
   * The vocabulary and merges of {@code doc[0, length)} as a {@link CachedModel} entry holds them: the
   * vocabulary of {@code tokenCount} tokens (being built), the merges resolved to ids with the model's
   * tables, and where the two fields lie in the document.
   */
  static ModelBytes cached(byte[] doc, int length, Alongside.Started<Vocabulary, RuntimeException> vocabulary, int tokenCount, int vocabFrom, int vocabTo,
      BpeModel.Merges merges, BpeModel.Tables tables, int mergesFrom, int mergesTo) {
    ModelBytes bytes = new ModelBytes(doc, length, Integer.MAX_VALUE);
    bytes.read.takeVocabulary(vocabulary, tokenCount);
    bytes.read.takeResolvedMerges(merges, tables);
    bytes.vocabFrom = vocabFrom;
    bytes.vocabTo = vocabTo;
    bytes.mergesFrom = mergesFrom;
    bytes.mergesTo = mergesTo;
    return bytes;
  }

  /** Where the vocabulary and the merges start and end in the document: what a {@link CachedModel} entry records. */
  int[] fieldPositions() {
    return new int[] {vocabFrom, vocabTo, mergesFrom, mergesTo};
  }

  /** Whether both the vocabulary and the merges were read. */
  boolean hasBoth() {
    return vocabFrom >= 0 && mergesFrom >= 0;
  }

  /** The document with the vocabulary and merges replaced by {@code {}} and {@code []}, for Jackson. */
  InputStream skeleton() {
    List<InputStream> parts = new ArrayList<>();
    int at = 0;
    for (int[] field : fieldsInOrder()) {
      parts.add(new ByteArrayInputStream(doc, at, field[0] - at));
      parts.add(new ByteArrayInputStream(field[0] == vocabFrom ? new byte[] {'{', '}'} : new byte[] {'[', ']'}));
      at = field[1];
    }
    parts.add(new ByteArrayInputStream(doc, at, length - at));
    return new SequenceInputStream(Collections.enumeration(parts));
  }

  /** (from, to) of the fields read, in document order. */
  private List<int[]> fieldsInOrder() {
    List<int[]> fields = new ArrayList<>(2);
    if (vocabFrom >= 0) fields.add(new int[] {vocabFrom, vocabTo});
    if (mergesFrom >= 0) fields.add(mergesFrom < vocabFrom ? 0 : fields.size(), new int[] {mergesFrom, mergesTo});
    return fields;
  }

  /** Where a field read starts in the skeleton: the fields before it are two bytes there. */
  private long inSkeleton(int from) {
    long at = from;
    for (int[] field : fieldsInOrder()) if (field[0] < from) at -= field[1] - field[0] - 2;
    return at;
  }

  /** Whether Jackson's parser is at the {@code {}} that stands for the vocabulary read; it is then taken. */
  boolean atVocabulary(JsonParser p) {
    if (vocabFrom < 0 || p.currentToken() != JsonToken.START_OBJECT || p.currentTokenLocation().getByteOffset() != inSkeleton(vocabFrom)) return false;
    vocabTaken = true;
    return true;
  }

  /** The same for the merges and their {@code []}. */
  boolean atMerges(JsonParser p) {
    if (mergesFrom < 0 || p.currentToken() != JsonToken.START_ARRAY || p.currentTokenLocation().getByteOffset() != inSkeleton(mergesFrom)) return false;
    mergesTaken = true;
    return true;
  }

  /** The vocabulary and merges read. */
  ModelArrays arrays() {
    return read;
  }

  /** Whether Jackson's parser met every field read and took it. */
  boolean allTaken() {
    return (vocabFrom < 0 || vocabTaken) && (mergesFrom < 0 || mergesTaken);
  }

  // ---------------------------------------------------------------- the document's layout

  /** Finds the root's {@code model} object and reads its {@code vocab} and {@code merges} where they have the plain shapes. */
  private void scan() {
    int i = 0;
    if ((doc[0] & 0xFF) == 0xEF && (doc[1] & 0xFF) == 0xBB && (doc[2] & 0xFF) == 0xBF) i = 3;
    // Jackson tells UTF-16 and UTF-32 by zero bytes among the first four.
    for (int k = i; k < i + 4; k++) if (doc[k] == 0) throw NOT_PLAIN;
    i = skipSpace(i);
    if (doc[i] != '{') throw NOT_PLAIN;
    int depth = 0;
    int modelAt = -1;
    boolean inModel = false;
    while (i < length) {
      byte c = doc[i];
      if (c == '"') {
        int close = stringEnd(i + 1);
        int colon = skipSpace(close + 1);
        if (doc[colon] != ':') {
          i = close + 1;
          continue;
        }
        int value = skipSpace(colon + 1);
        if (depth == 1 && is(i + 1, close, "model") && doc[value] == '{') modelAt = value;
        if (depth == 2 && inModel && is(i + 1, close, "vocab") && doc[value] == '{') {
          if (vocabFrom >= 0) throw NOT_PLAIN;
          vocabFrom = value;
          i = vocabTo = readTokenIds(value);
          // Its table is built while the merges are read.
          read.startVocabulary();
          continue;
        }
        if (depth == 2 && inModel && is(i + 1, close, "merges") && doc[value] == '[') {
          if (mergesFrom >= 0) throw NOT_PLAIN;
          mergesFrom = value;
          i = mergesTo = readMerges(value);
          continue;
        }
        i = value;
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
        if (i == modelAt) inModel = true;
      } else if (c == '}' || c == ']') {
        depth--;
        // The model is over: what follows is Jackson's.
        if (inModel && depth < 2) return;
        if (depth <= 0) throw NOT_PLAIN;
      }
      i++;
    }
    throw NOT_PLAIN;
  }

  /** The index of the quote that ends the string whose contents start at {@code i}. */
  private int stringEnd(int i) {
    while (true) {
      byte c = doc[i];
      if (c == '"') return i;
      i += c == '\\' ? 2 : 1;
    }
  }

  private int skipSpace(int i) {
    while (doc[i] == ' ' || doc[i] == '\n' || doc[i] == '\r' || doc[i] == '\t') i++;
    return i;
  }

  private boolean is(int from, int to, String ascii) {
    if (to - from != ascii.length()) return false;
    for (int k = 0; k < ascii.length(); k++) if (doc[from + k] != ascii.charAt(k)) return false;
    return true;
  }

  private int expect(int i, char c) {
    if (doc[i] != c) throw NOT_PLAIN;
    return i + 1;
  }

  // ---------------------------------------------------------------- the two fields

  /** Reads {@code {"token": id, ...}} from {@code i}; returns the index after it. */
  private int readTokenIds(int i) {
    read.hasTokenIds = true;
    read.keysUnchecked = true;
    i = skipSpace(i + 1);
    if (doc[i] == '}') return i + 1;
    while (true) {
      i = readString(i);
      if (charCount > maxNameLength) throw NOT_PLAIN;
      String token = new String(chars, 0, charCount);
      i = skipSpace(expect(skipSpace(i), ':'));
      int id = 0;
      int start = i;
      while (doc[i] >= '0' && doc[i] <= '9') {
        id = id * 10 + (doc[i++] - '0');
        // Leading zeros, and more digits than an id below 10^9 has, are Jackson's to judge.
        if (i - start > 9 || (doc[start] == '0' && i - start > 1)) throw NOT_PLAIN;
      }
      if (i == start || doc[i] == '.' || doc[i] == 'e' || doc[i] == 'E') throw NOT_PLAIN;
      read.addTokenId(token, id);
      i = skipSpace(i);
      if (doc[i] == '}') return i + 1;
      i = skipSpace(expect(i, ','));
    }
  }

  /** Reads {@code [["left", "right"], ...]} or {@code ["left right", ...]} from {@code i}; returns the index after it. */
  private int readMerges(int i) {
    read.hasMerges = true;
    i = skipSpace(i + 1);
    if (doc[i] == ']') return i + 1;
    while (true) {
      int start = read.charCount;
      int mid = -1;
      boolean pair = doc[i] == '[';
      if (pair) {
        i = readString(skipSpace(i + 1));
        append();
        mid = read.charCount;
        i = readString(skipSpace(expect(skipSpace(i), ',')));
        append();
        i = expect(skipSpace(i), ']');
      } else {
        i = readString(i);
        append();
      }
      read.mergesArePairs &= pair;
      read.mergesAreStrings &= !pair;
      read.addMerge(start, mid);
      i = skipSpace(i);
      if (doc[i] == ']') return i + 1;
      i = skipSpace(expect(i, ','));
    }
  }

  /** Appends the string just read to the merges' characters. */
  private void append() {
    try {
      read.appendChars(chars, 0, charCount);
    } catch (dev.toksmith.vocab.TokenizerFormatException e) {
      throw NOT_PLAIN;
    }
  }

  // ---------------------------------------------------------------- strings

  /** Decodes the string that starts (with its quote) at {@code i} into {@link #chars}; returns the index after it. */
  private int readString(int i) {
    i = expect(i, '"');
    charCount = 0;
    while (true) {
      int c = doc[i];
      if (c == '"') return i + 1;
      if (charCount + 4 > chars.length) chars = java.util.Arrays.copyOf(chars, chars.length * 2);
      if (c >= 0x20 && c != '\\') {
        chars[charCount++] = (char) c;
        i++;
      } else if (c == '\\') {
        i = escape(i + 1);
      } else if (c < 0) {
        i = multiByte(i);
      } else {
        // A raw control character: Jackson refuses it.
        throw NOT_PLAIN;
      }
    }
  }

  /** The escape whose letter is at {@code i}; returns the index after it. */
  private int escape(int i) {
    char decoded;
    switch (doc[i]) {
      case '"' -> decoded = '"';
      case '\\' -> decoded = '\\';
      case '/' -> decoded = '/';
      case 'b' -> decoded = '\b';
      case 'f' -> decoded = '\f';
      case 'n' -> decoded = '\n';
      case 'r' -> decoded = '\r';
      case 't' -> decoded = '\t';
      case 'u' -> {
        char value = hex(i + 1);
        if (!Character.isSurrogate(value)) {
          chars[charCount++] = value;
          return i + 5;
        }
        // A surrogate pair, one escape after the other; Jackson refuses a lone surrogate in a key.
        char low = doc[i + 5] == '\\' && doc[i + 6] == 'u' ? hex(i + 7) : 0;
        if (!Character.isHighSurrogate(value) || !Character.isLowSurrogate(low)) throw NOT_PLAIN;
        chars[charCount++] = value;
        chars[charCount++] = low;
        return i + 11;
      }
      default -> throw NOT_PLAIN;
    }
    chars[charCount++] = decoded;
    return i + 1;
  }

  /** The four hex digits from {@code i}. */
  private char hex(int i) {
    int value = 0;
    for (int k = 0; k < 4; k++) {
      int digit = doc[i + k] < 0 ? -1 : Character.digit(doc[i + k], 16);
      if (digit < 0) throw NOT_PLAIN;
      value = value << 4 | digit;
    }
    return (char) value;
  }

  /** A character of two to four bytes, strictly as UTF-8 has it (no overlong forms, surrogates or values past U+10FFFF). */
  private int multiByte(int i) {
    int b0 = doc[i] & 0xFF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      chars[charCount++] = (char) ((b0 & 0x1F) << 6 | continuation(i + 1));
      return i + 2;
    }
    if (b0 >= 0xE0 && b0 <= 0xEF) {
      int b1 = doc[i + 1] & 0xFF;
      if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 >= 0xA0)) throw NOT_PLAIN;
      chars[charCount++] = (char) ((b0 & 0x0F) << 12 | continuation(i + 1) << 6 | continuation(i + 2));
      return i + 3;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
      int b1 = doc[i + 1] & 0xFF;
      if ((b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 >= 0x90)) throw NOT_PLAIN;
      int cp = (b0 & 0x07) << 18 | continuation(i + 1) << 12 | continuation(i + 2) << 6 | continuation(i + 3);
      chars[charCount++] = Character.highSurrogate(cp);
      chars[charCount++] = Character.lowSurrogate(cp);
      return i + 4;
    }
    throw NOT_PLAIN;
  }

  private int continuation(int i) {
    int b = doc[i] & 0xFF;
    if ((b & 0xC0) != 0x80) throw NOT_PLAIN;
    return b & 0x3F;
  }
}
