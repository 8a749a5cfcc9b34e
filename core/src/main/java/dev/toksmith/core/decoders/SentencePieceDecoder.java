package dev.toksmith.core.decoders;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.text.Utf8;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
    boolean written = false;
    for (int i = 0; i < tokens.size(); ) {
      String token = tokens.get(i);
      if (bytePieces.contains(token)) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int j = i;
        for (; j < tokens.size() && bytePieces.contains(tokens.get(j)); j++) bytes.write(Integer.parseInt(tokens.get(j).substring(3, 5), 16));
        for (int k = i; k < j - 1; k++) out.add("");
        String text = decodeBytes(bytes.toByteArray());
        out.add(text);
        written |= !text.isEmpty();
        i = j;
        continue;
      }
      String text;
      if (controlPieces.contains(token)) {
        text = "";
      } else if (token.equals(unknownPiece)) {
        text = UNKNOWN_SURFACE;
      } else {
        String piece = !written && dropLeadingSpace && token.startsWith(SPACE_SYMBOL) ? token.substring(SPACE_SYMBOL.length()) : token;
        text = piece.replace(SPACE_SYMBOL, " ");
      }
      out.add(text);
      written |= !text.isEmpty();
      i++;
    }
    return out;
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
