package org.aidmp.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import org.aidmp.profile.Event;
import org.junit.jupiter.api.Test;

class FeedbackSnapshotTest {
  private static FeedbackSnapshot sample() {
    FeedbackConfig cfg =
        FeedbackConfig.builder().setEventTypes(Fixtures.types(3)).setDriftBatch(50).get();
    try (FeedbackUpdater u =
        FeedbackUpdater.newBuilder()
            .setConfig(cfg)
            .setCentroids(Fixtures.centroids(4, 3, 2))
            .setEncoder(Fixtures.encoder(3))
            .setClock(Fixtures.CLOCK)
            .build()) {
      u.acceptAll(Fixtures.events(777, 40, 3, 6));
      u.accept(new Event("x", -1, "t0"));
      return u.snapshot();
    }
  }

  private static byte[] bytes(FeedbackSnapshot s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.write(new DataOutputStream(out));
    return out.toByteArray();
  }

  private static FeedbackSnapshot read(byte[] b) throws IOException {
    return FeedbackSnapshot.read(new DataInputStream(new ByteArrayInputStream(b)));
  }

  @Test
  void roundTripsEveryField() throws IOException {
    FeedbackSnapshot s = sample();
    FeedbackSnapshot back = read(bytes(s));
    assertEquals(s, back);
    assertEquals(40, back.users().size());
    assertEquals(777, back.accepted());
    assertEquals(1, back.rejected().get(BadEventReason.BEFORE_EPOCH));
    assertEquals(1 + 777 / 50, back.modelVersion());
    // Users come sorted by id, so two snapshots of one state are byte-identical.
    for (int i = 1; i < back.users().size(); i++) {
      assertTrue(back.users().get(i - 1).userId().compareTo(back.users().get(i).userId()) < 0);
    }
    assertTrue(Arrays.equals(bytes(s), bytes(back)));
  }

  @Test
  void rejectsOtherFilesAndTruncation() throws IOException {
    byte[] good = bytes(sample());
    byte[] wrongMagic = good.clone();
    wrongMagic[0] ^= 1;
    IOException e = assertThrows(IOException.class, () -> read(wrongMagic));
    assertTrue(e.getMessage().contains("not a feedback snapshot"), e.getMessage());
    byte[] wrongFormat = good.clone();
    wrongFormat[7] = 9;
    e = assertThrows(IOException.class, () -> read(wrongFormat));
    assertTrue(e.getMessage().contains("format 9"), e.getMessage());
    assertThrows(EOFException.class, () -> read(Arrays.copyOf(good, good.length - 3)));
  }
}
