package org.aidmp.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PseudonymKeyTest {
  static final byte[] SECRET = new byte[32];

  static {
    for (int i = 0; i < SECRET.length; i++) {
      SECRET[i] = (byte) (i * 37 + 11);
    }
  }

  @Test
  void shortSecretsAreRefusedWithoutShowingThem() {
    byte[] s = Arrays.copyOf(SECRET, 31);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PseudonymKey.of("k1", s));
    assertTrue(e.getMessage().contains("31 bytes"), e.getMessage());
    assertFalse(leaks(e.getMessage(), s), e.getMessage());
  }

  @Test
  void keyIdsAreShortAndAlphanumeric() {
    for (String bad : new String[] {"", "k.1", "k 1", "k-1", "x".repeat(17)}) {
      assertThrows(IllegalArgumentException.class, () -> PseudonymKey.of(bad, SECRET), bad);
    }
    assertEquals("K2026", PseudonymKey.of("K2026", SECRET).id());
  }

  @Test
  void secretIsCopiedAndNeverShown() {
    byte[] s = SECRET.clone();
    PseudonymKey k = PseudonymKey.of("k1", s);
    s[0] ^= 1;
    assertArrayEquals(SECRET, k.exportSecret());
    assertNotSame(k.exportSecret(), k.exportSecret());
    assertEquals("PseudonymKey[k1]", k.toString());
    assertFalse(leaks(k.toString(), SECRET));
  }

  @Test
  void generatedKeysAreRandomAndLongEnough() {
    PseudonymKey a = PseudonymKey.generate("a");
    PseudonymKey b = PseudonymKey.generate("b");
    assertEquals(PseudonymKey.MIN_SECRET_BYTES, a.exportSecret().length);
    assertFalse(Arrays.equals(a.exportSecret(), b.exportSecret()));
  }

  /** Whether text shows the secret in hex or Base64. */
  static boolean leaks(String text, byte[] secret) {
    String hex = HexFormat.of().formatHex(secret);
    return text.contains(hex)
        || text.contains(hex.toUpperCase())
        || text.contains(Base64.getEncoder().encodeToString(secret))
        || text.contains(Base64.getUrlEncoder().withoutPadding().encodeToString(secret))
        || text.contains(Arrays.toString(secret));
  }
}
