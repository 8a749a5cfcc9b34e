package dev.toksmith.core.decoders;

import dev.toksmith.api.DecodeStream;
import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.text.Utf8;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * SentencePiece's own decoding ({@code SentencePieceProcessor::Decode}) for {@code .model} files:
 * control pieces vanish, the unknown piece reads " ⁇ ", runs of byte pieces become their UTF-8 text
 * (each invalid byte U+FFFD), {@code ▁} becomes a space, and while nothing has been written a leading
 * {@code ▁} is dropped (the dummy prefix the normalizer added).
 */
public final class SentencePieceDecoder implements Decoder {
  private static final String SPACE_SYMBOL = "\u2581";
  private static final String UNKNOWN_SURFACE = " \u2047 ";

  private final Set<String> controlPieces;
  private final String unknownPiece;
  private final Set<String> bytePieces;
  private final boolean dropLeadingSpace;

  /**
   * @param dropLeadingSpace whether a leading {@code ▁} is dropped (the model adds a dummy prefix or
   *     removes extra whitespace)
   */
  public SentencePieceDecoder(Set<String> controlPieces, String unknownPiece, Set<String> bytePieces, boolean dropLeadingSpace) {
    this.controlPieces = Set.copyOf(controlPieces);
    this.unknownPiece = unknownPiece;
    this.bytePieces = Set.copyOf(bytePieces);
    this.dropLeadingSpace = dropLeadingSpace;
  }

  /** Per token; a run of byte pieces yields its text at its last token. */
  @Override
  public List<String> decodeChain(List<String> tokens) {
    List<String> out = new ArrayList<>(tokens.size());
    Pieces pieces = new Pieces();
    for (String token : tokens) {
      if (bytePieces.contains(token)) {
        if (pieces.holdsBytes()) out.add(""); // the byte piece before, not the last of its run
        pieces.addByte(token);
        continue;
      }
      String run = pieces.end();
      if (run != null) out.add(run);
      out.add(pieces.text(token));
    }
    String run = pieces.end();
    if (run != null) out.add(run);
    return out;
  }

  /**
   * A stream of this decoder's text for tokens that arrive one at a time, as {@link #decodeChain}
   * decodes them all: a run of byte pieces is written once a piece that is not a byte ends it.
   *
   * @param tokens the token of an id, or null for one left out (a special token skipped); throws
   *     {@link IllegalArgumentException} for an id outside the vocabulary
   */
  public DecodeStream stream(IntFunction<String> tokens) {
    return new DecodeStream() {
      private Pieces pieces = new Pieces();

      @Override
      public String step(int id) {
        String token = tokens.apply(id);
        if (token == null) return "";
        if (bytePieces.contains(token)) {
          pieces.addByte(token);
          return "";
        }
        String run = pieces.end();
        String text = pieces.text(token);
        return run == null ? text : run + text;
      }

      @Override
      public String finish() {
        String rest = pieces.end();
        pieces = new Pieces();
        return rest == null ? "" : rest;
      }
    };
  }

  /** The text of tokens taken in order: whether anything was written, and the run of byte pieces held. */
  private final class Pieces {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean written;

    void addByte(String bytePiece) {
      bytes.write(Integer.parseInt(bytePiece.substring(3, 5), 16));
    }

    boolean holdsBytes() {
      return bytes.size() > 0;
    }

    /** The text of a piece that is not a byte piece; call {@link #end} before, for the run it ends. */
    String text(String token) {
      String text;
      if (controlPieces.contains(token)) {
        text = "";
      } else if (token.equals(unknownPiece)) {
        text = UNKNOWN_SURFACE;
      } else {
        String piece = !written && dropLeadingSpace && token.startsWith(SPACE_SYMBOL) ? token.substring(SPACE_SYMBOL.length()) : token;
        text = piece.replace(SPACE_SYMBOL, " ");
      }
      written |= !text.isEmpty();
      return text;
    }

    /** The text of the run of byte pieces held, or null when there is none. */
    String end() {
      if (bytes.size() == 0) return null;
      String text = decodeBytes(bytes.toByteArray());
      bytes.reset();
      written |= !text.isEmpty();
      return text;
    }
  }

  /** UTF-8 with one U+FFFD per byte that does not start a valid sequence, as SentencePiece decodes. */
  private static String decodeBytes(byte[] bytes) {
    // Escaped decoding keeps each invalid byte as an unpaired surrogate of its own.
    StringBuilder sb = new StringBuilder();
    Utf8.decodeEscaped(bytes, 0, bytes.length).codePoints().forEach(cp -> sb.appendCodePoint(Character.isSurrogate((char) cp) && cp <= 0xFFFF ? 0xFFFD : cp));
    return sb.toString();
  }

  @Override
  public Stage describe() {
    return Stage.of("SentencePiece");
  }
}
