package org.aidmp.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.aidmp.profile.Event;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {
  private static LiveProfile counts(long... c) {
    return new LiveProfile() {
      @Override
      public String userId() {
        return "u";
      }

      @Override
      public long count(int t) {
        return c[t];
      }

      @Override
      public long events() {
        return 0;
      }

      @Override
      public double valueSum() {
        return 0;
      }

      @Override
      public long firstSeen() {
        return 0;
      }

      @Override
      public long lastSeen() {
        return 0;
      }

      @Override
      public org.aidmp.profile.UserProfile profile() {

        throw new UnsupportedOperationException();
      }
    };
  }

  @Test
  void logCountsStandardiseOnlyTheEventsType() {
    FeatureEncoder e = FeatureEncoder.logCounts(new double[] {1, 2, 0.5}, new double[] {2, 0, 1});
    float[] row = new float[3];
    e.newUser("u", row);
    assertEquals(-0.5f, row[0]);
    assertEquals(0f, row[1], "a constant feature (std 0) scales to 0");
    assertEquals(-0.5f, row[2]);
    e.encode(new Event("u", 0, "t0"), 0, counts(3, 0, 0), row);
    assertEquals((float) ((Math.log1p(3) - 1) / 2), row[0]);
    assertEquals(-0.5f, row[2], "other features untouched");
    e.encode(new Event("u", 0, "t1"), 1, counts(3, 9, 0), row);
    assertEquals(0f, row[1]);
  }

  @Test
  void rejectsBadScaling() {
    assertThrows(
        IllegalArgumentException.class,
        () -> FeatureEncoder.logCounts(new double[2], new double[3]));
    assertThrows(
        IllegalArgumentException.class,
        () -> FeatureEncoder.logCounts(new double[1], new double[] {Double.NaN}));
  }
}
