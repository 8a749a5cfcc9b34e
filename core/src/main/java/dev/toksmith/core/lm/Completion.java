package dev.toksmith.core.lm;

import dev.toksmith.api.ByteState;
import dev.toksmith.api.TokenLanguageModel;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Continuing a prompt that may end inside a token, three ways. {@link #byteLevel} samples bytes
 * from the exact next-byte distribution. {@link #tokenHealing} drops the prompt's last token and
 * makes the first generated token start with its bytes. {@link #naive} continues the prompt's
 * encoding token by token, which is biased when the prompt ends mid-token.
 */
public final class Completion {
  private Completion() {}

  /**
   * Up to {@code maxBytes} bytes after the prompt {@code state} has read (more only to finish a
   * character), stopping at end-of-text. Only bytes that keep the text valid UTF-8 are drawn (the
   * others' mass is dropped and the rest renormalised), so the output is valid UTF-8 whenever the
   * prompt is. Greedy when {@code random} is null, else sampled.
   *
   * @param prompt the bytes the state has read, to know whether it ends inside a character
   */
  public static byte[] byteLevel(ByteState state, byte[] prompt, int maxBytes, RandomGenerator random) {
    Utf8Guard guard = new Utf8Guard(prompt);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (out.size() < maxBytes || guard.insideCharacter()) {
      double[] p = state.nextByteLogProbs();
      for (int b = 0; b <= ByteLevelModel.END; b++) {
        if (!guard.allows(b)) p[b] = Double.NEGATIVE_INFINITY;
      }
      int choice = random == null ? argmax(p) : sample(p, random);
      if (choice < 0 || choice == ByteLevelModel.END) break;
      out.write(choice);
      guard.accept(choice);
      state.advance(choice);
    }
    return out.toByteArray();
  }

  /** Greedy token healing: the bytes generated after the prompt. */
  public static byte[] tokenHealing(TokenLanguageModel model, TokenBytes tokens, byte[] prompt, int maxBytes) {
    int[] ids = tokens.encode(prompt, 0, prompt.length);
    if (ids.length == 0) return naive(model, tokens, prompt, maxBytes);
    int[] context = Arrays.copyOf(ids, ids.length - 1);
    byte[] healed = tokens.bytes(ids[ids.length - 1]);
    TokenLanguageModel session = model.newSession();
    double[] p = session.nextLogProbs(context);
    int first = ids[ids.length - 1];
    for (int v : tokens.idsStartingWith(healed, 0, healed.length)) {
      if (p[v] > p[first]) first = v;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] firstBytes = tokens.bytes(first);
    out.write(firstBytes, healed.length, firstBytes.length - healed.length);
    int[] generated = Arrays.copyOf(context, context.length + 1);
    generated[context.length] = first;
    continueGreedily(session, tokens, generated, out, maxBytes);
    return out.toByteArray();
  }

  /** Greedy token-level continuation of the prompt's encoding: the bytes generated. */
  public static byte[] naive(TokenLanguageModel model, TokenBytes tokens, byte[] prompt, int maxBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    continueGreedily(model.newSession(), tokens, tokens.encode(prompt, 0, prompt.length), out, maxBytes);
    return out.toByteArray();
  }

  /** Greedy continuation; {@code model} is a session, which reads each longer context in one step. */
  private static void continueGreedily(TokenLanguageModel model, TokenBytes tokens, int[] ids, ByteArrayOutputStream out, int maxBytes) {
    int[] context = ids;
    while (out.size() < maxBytes) {
      double[] p = model.nextLogProbs(context);
      int best = model.endOfTextId();
      for (int v = 0; v < p.length; v++) {
        if (p[v] > p[best] && tokens.bytes(v) != null) best = v;
      }
      if (best == model.endOfTextId()) return;
      out.writeBytes(tokens.bytes(best));
      context = Arrays.copyOf(context, context.length + 1);
      context[context.length - 1] = best;
    }
  }

  private static int argmax(double[] p) {
    int best = -1;
    for (int b = 0; b < p.length; b++) {
      if (p[b] > Double.NEGATIVE_INFINITY && (best < 0 || p[b] > p[best])) best = b;
    }
    return best;
  }

  private static int sample(double[] p, RandomGenerator random) {
    double total = 0;
    for (double lp : p) total += Math.exp(lp);
    if (total == 0) return -1;
    double r = random.nextDouble() * total;
    int last = -1;
    for (int b = 0; b < p.length; b++) {
      if (p[b] == Double.NEGATIVE_INFINITY) continue;
      r -= Math.exp(p[b]);
      last = b;
      if (r < 0) return b;
    }
    return last;
  }

  /** Which next byte keeps a UTF-8 text well-formed (RFC 3629: no overlongs, surrogates or > U+10FFFF). */
  static final class Utf8Guard {
    private int pending;
    private int low = 0x80;
    private int high = 0xBF;

    Utf8Guard(byte[] prefix) {
      for (byte b : prefix) accept(b & 0xFF);
    }

    boolean insideCharacter() {
      return pending > 0;
    }

    boolean allows(int b) {
      if (b == ByteLevelModel.END) return pending == 0;
      if (pending > 0) return b >= low && b <= high;
      return b < 0x80 || (b >= 0xC2 && b <= 0xF4);
    }

    void accept(int b) {
      if (pending > 0) {
        pending = allows(b) ? pending - 1 : 0;
        low = 0x80;
        high = 0xBF;
        return;
      }
      if (b >= 0xC2 && b <= 0xDF) pending = 1;
      else if (b >= 0xE0 && b <= 0xEF) pending = 2;
      else if (b >= 0xF0 && b <= 0xF4) pending = 3;
      if (b == 0xE0) low = 0xA0;
      else if (b == 0xED) high = 0x9F;
      else if (b == 0xF0) low = 0x90;
      else if (b == 0xF4) high = 0x8F;
    }
  }
}
