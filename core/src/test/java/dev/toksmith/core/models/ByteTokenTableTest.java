package dev.toksmith.core.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ByteTokenTableTest {
  /** Distinct random byte strings (with ids left without token) laid out as the constructor takes them. */
  private record Tokens(byte[] bytes, int[] lengths, byte[][] byId) {}

  private static Tokens randomTokens(Random random, int count) {
    Set<String> seen = new LinkedHashSet<>();
    byte[][] byId = new byte[count + count / 4][];
    for (int id = 0; id < byId.length; id++) {
      if (random.nextInt(5) == 0) continue;
      byte[] t;
      do {
        // Lengths around the eight-byte words the table hashes by; few byte values, so that tokens share prefixes.
        t = new byte[1 + random.nextInt(20)];
        for (int i = 0; i < t.length; i++) t[i] = (byte) (random.nextInt(4) * 67);
      } while (!seen.add(Arrays.toString(t)));
      byId[id] = t;
    }
    int[] lengths = new int[byId.length];
    int total = 0;
    for (int id = 0; id < byId.length; id++) total += Math.max(0, lengths[id] = byId[id] == null ? -1 : byId[id].length);
    byte[] bytes = new byte[total];
    for (int id = 0, at = 0; id < byId.length; id++) {
      if (byId[id] == null) continue;
      System.arraycopy(byId[id], 0, bytes, at, byId[id].length);
      at += byId[id].length;
    }
    return new Tokens(bytes, lengths, byId);
  }

  /** A table made from another's slots (a cached entry's form) finds every token and non-token as the hashed one does. */
  @Test
  void aTableOfAnothersSlotsFindsTheSameIds() {
    Random random = new Random(21);
    for (int round = 0; round < 100; round++) {
      Tokens t = randomTokens(random, 1 + random.nextInt(300));
      ByteTokenTable hashed = new ByteTokenTable(t.bytes(), t.lengths(), "id");
      ByteTokenTable copied = ByteTokenTable.ofSlots(t.bytes(), t.lengths(), hashed.slots());
      assertEquals(hashed.size(), copied.size());
      assertEquals(hashed.idBound(), copied.idBound());
      for (int id = 0; id < t.byId().length; id++) {
        assertArrayEquals(hashed.bytes(id), copied.bytes(id));
        if (t.byId()[id] == null) continue;
        byte[] token = t.byId()[id];
        assertEquals(id, copied.id(token, 0, token.length));
        byte[] longer = Arrays.copyOf(token, token.length + 1);
        assertEquals(hashed.id(longer, 0, longer.length), copied.id(longer, 0, longer.length));
      }
      for (int b = 0; b < 256; b++) assertEquals(hashed.byteId(b), copied.byteId(b));
      for (int pair = 0; pair < 1 << 16; pair += 67) assertEquals(hashed.pairId(pair), copied.pairId(pair));
    }
  }

  @Test
  void slotsThatDoNotFitAreRefused() {
    Tokens t = randomTokens(new Random(5), 50);
    long[] slots = new ByteTokenTable(t.bytes(), t.lengths(), "id").slots();
    assertThrows(IllegalArgumentException.class, () -> ByteTokenTable.ofSlots(t.bytes(), t.lengths(), Arrays.copyOf(slots, slots.length - 2)));
    long[] badId = slots.clone();
    long[] lost = slots.clone();
    for (int i = 1; i < slots.length; i += 2) {
      if (slots[i] == 0) continue;
      badId[i] = (slots[i] & 0xFFFFFFFF00000000L) | t.lengths().length;
      lost[i] = 0;
      break;
    }
    assertThrows(IllegalArgumentException.class, () -> ByteTokenTable.ofSlots(t.bytes(), t.lengths(), badId));
    assertThrows(IllegalArgumentException.class, () -> ByteTokenTable.ofSlots(t.bytes(), t.lengths(), lost));
    int[] shorter = t.lengths().clone();
    for (int id = 0; id < shorter.length; id++) {
      if (shorter[id] > 1) {
        shorter[id]--;
        break;
      }
    }
    assertThrows(IllegalArgumentException.class, () -> ByteTokenTable.ofSlots(t.bytes(), shorter, slots));
  }
}
