package org.aidmp.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {
  private static final byte[] OTHER = new byte[48];

  static {
    for (int i = 0; i < OTHER.length; i++) {
      OTHER[i] = (byte) (255 - i);
    }
  }

  private static final PseudonymKey K1 = PseudonymKey.of("k1", PseudonymKeyTest.SECRET);
  private static final PseudonymKey K2 = PseudonymKey.of("k2", OTHER);

  /** A plain HMAC written for clarity, the reference the fast path is checked against. */
  static String reference(String keyId, byte[] secret, String id) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    byte[] h = mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
    return keyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(h);
  }

  @Test
  void equalsAPlainHmacOfTheUtf8Bytes() throws Exception {
    Pseudonymizer p = Pseudonymizer.of(K1);
    SplittableRandom rnd = new SplittableRandom(7);
    List<String> ids = new ArrayList<>(List.of("u1", "alice@example.com", "ü", "用户42", "😀x"));
    for (int i = 0; i < 500; i++) {
      StringBuilder sb = new StringBuilder();
      int n = rnd.nextInt(1, 200);
      for (int j = 0; j < n; j++) {
        sb.append((char) (rnd.nextInt(4) == 0 ? rnd.nextInt(0x80, 0xd7ff) : rnd.nextInt(1, 0x80)));
      }
      ids.add(sb.toString());
    }
    for (String id : ids) {
      assertEquals(reference("k1", PseudonymKeyTest.SECRET, id), p.pseudonym(id), id);
      assertEquals(p.length(), p.pseudonym(id).length());
    }
  }

  @Test
  void encoderMatchesTheJdkForRandomDigests() {
    SplittableRandom rnd = new SplittableRandom(1);
    for (int i = 0; i < 1000; i++) {
      byte[] d = new byte[32];
      rnd.nextBytes(d);
      byte[] out = new byte[Pseudonymizer.HASH_CHARS];
      Pseudonymizer.encode(d, out, 0);
      assertEquals(
          Base64.getUrlEncoder().withoutPadding().encodeToString(d),
          new String(out, StandardCharsets.US_ASCII));
    }
  }

  @Test
  void shapeAndKeyIdAreRecognised() {
    Pseudonymizer p = Pseudonymizer.builder().setKey(K2).addRetiredKey(K1).get();
    String a = p.pseudonym("alice");
    assertTrue(a.startsWith("k2."));
    assertEquals(3 + Pseudonymizer.HASH_CHARS, a.length());
    assertTrue(p.isPseudonym(a));
    assertTrue(p.isPseudonym(p.pseudonym("alice", "k1")));
    assertEquals("k1", p.keyIdOf(p.pseudonym("alice", "k1")));
    assertFalse(p.isPseudonym("alice"));
    assertFalse(p.isPseudonym(null));
    assertFalse(p.isPseudonym("k3" + a.substring(2)));
    assertFalse(p.isPseudonym(a.substring(0, a.length() - 1) + "="));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> p.keyIdOf("alice"));
    assertFalse(e.getMessage().contains("alice"), e.getMessage());
    assertEquals(java.util.Set.of("k1", "k2"), p.keyIds());
    assertEquals("k2", p.keyId());
  }

  @Test
  void keysGiveUnrelatedPseudonyms() {
    Pseudonymizer p = Pseudonymizer.builder().setKey(K2).addRetiredKey(K1).get();
    assertNotEquals(
        p.pseudonym("alice", "k1").substring(3), p.pseudonym("alice", "k2").substring(3));
    assertNotEquals(p.pseudonym("alice"), p.pseudonym("alicf"));
  }

  @Test
  void rekeyingNeedsTheRawId() {
    Pseudonymizer old = Pseudonymizer.of(K1);
    Pseudonymizer both = Pseudonymizer.builder().setKey(K2).addRetiredKey(K1).get();
    String oldP = old.pseudonym("alice");
    assertEquals(both.pseudonym("alice"), both.rekey(oldP, "alice"));
    assertTrue(both.matches("alice", oldP));
    assertFalse(both.matches("bob", oldP));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> both.rekey(oldP, "bob"));
    assertFalse(e.getMessage().contains("bob") || e.getMessage().contains(oldP), e.getMessage());
    Map<String, String> table = both.rekeyTable(List.of("alice", "bob", "alice"), "k1");
    assertEquals(2, table.size());
    assertEquals(both.pseudonym("bob"), table.get(old.pseudonym("bob")));
    assertThrows(IllegalArgumentException.class, () -> both.rekeyTable(List.of("a"), "k9"));
  }

  @Test
  void configurationAndInputsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> Pseudonymizer.builder().get());
    assertThrows(
        IllegalArgumentException.class,
        () -> Pseudonymizer.builder().setKey(K1).addRetiredKey(PseudonymKey.of("k1", OTHER)).get());
    assertThrows(
        IllegalArgumentException.class,
        () -> Pseudonymizer.builder().addRetiredKey(K1).addRetiredKey(K1));
    Pseudonymizer p = Pseudonymizer.of(K1);
    assertThrows(IllegalArgumentException.class, () -> p.pseudonym(""));
    assertThrows(NullPointerException.class, () -> p.pseudonym(null));
    assertFalse(PseudonymKeyTest.leaks(p.toString(), PseudonymKeyTest.SECRET));
    assertEquals("Pseudonymizer[key=k1, keys=[k1]]", p.toString());
  }

  @Test
  void threadsShareOnePseudonymizer() throws Exception {
    Pseudonymizer p = Pseudonymizer.of(K1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> fs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        fs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 2000; i++) {
                    String id = "user-" + i + (i % 3 == 0 ? "é" : "");
                    if (!p.pseudonym(id).equals(reference("k1", PseudonymKeyTest.SECRET, id))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> f : fs) {
        assertTrue(f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdown();
    }
  }
}
