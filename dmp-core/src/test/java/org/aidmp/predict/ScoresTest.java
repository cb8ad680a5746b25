package org.aidmp.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.aidmp.audience.Audience;
import org.junit.jupiter.api.Test;

class ScoresTest {
  private static Scores table(int n) {
    List<String> ids = new ArrayList<>();
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      ids.add("u" + i);
      v[i] = i / (double) n;
    }
    return Scores.of("propensity", ids, v);
  }

  private static byte[] bytes(Scores s) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      s.writeTo(out);
    }
    return b.toByteArray();
  }

  @Test
  void looksUpScoresByUser() {
    Scores s = table(10);
    assertEquals(10, s.size());
    assertEquals(0.3, s.scoreOf("u3").orElseThrow());
    assertTrue(s.scoreOf("nobody").isEmpty());
    assertEquals("scores:propensity", s.partName());
    assertEquals(List.of("u0", "u1"), s.userIds().subList(0, 2));
  }

  @Test
  void forgettingRemovesTheScoreEverywhereItCanBeRead() throws IOException {
    Scores s = table(10);
    long before = s.modelVersion();
    assertEquals(1, s.forget("u3"));
    assertEquals(0, s.forget("u3"), "a second forget finds nothing");
    assertEquals(0, s.forget("nobody"));
    assertTrue(s.scoreOf("u3").isEmpty());
    assertEquals(9, s.size());
    assertFalse(s.userIds().contains("u3"));
    assertEquals(9, s.values().length);
    assertTrue(s.modelVersion() > before);
    Scores back = Scores.read(new DataInputStream(new ByteArrayInputStream(bytes(s))));
    assertFalse(back.userIds().contains("u3"), "a snapshot after forget holds nothing of them");
    assertEquals(9, back.size());
    Audience all = ScoreAudience.builder().setMinGroupSize(1).get().top(s, 1.0);
    assertFalse(all.userIds().contains("u3"));
    assertEquals(9, all.userIds().size());
  }

  @Test
  void writeAndReadRoundTrip() throws IOException {
    Scores s = table(50);
    Scores back = Scores.read(new DataInputStream(new ByteArrayInputStream(bytes(s))));
    assertEquals("propensity", back.name());
    assertEquals(s.userIds(), back.userIds());
    assertArrayEquals(s.values(), back.values());
  }

  @Test
  void aDamagedTableIsRefused() throws IOException {
    byte[] b = bytes(table(5));
    b[b.length - 12] ^= 1;
    assertThrows(
        IOException.class, () -> Scores.read(new DataInputStream(new ByteArrayInputStream(b))));
  }

  @Test
  void badTablesAreRefusedWithoutNamingTheUser() {
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () -> Scores.of("p", List.of("secret", "secret"), new double[] {1, 2}));
    assertFalse(twice.getMessage().contains("secret"));
    assertThrows(
        IllegalArgumentException.class, () -> Scores.of("p", List.of("a"), new double[] {1, 2}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Scores.of("p", List.of("a"), new double[] {Double.NaN}));
    assertThrows(IllegalArgumentException.class, () -> Scores.of(" ", List.of(), new double[0]));
  }

  @Test
  void toStringNamesNoUser() {
    assertFalse(table(3).toString().contains("u1"));
  }
}
