package org.aidmp.feedback;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The intake's finiteness check finds a bad value at every position, whatever the length. */
class FiniteRowTest {
  @Test
  void findsEveryNonFiniteValueAtEveryPosition() {
    float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    for (int d = 1; d <= 9; d++) {
      float[] row = new float[d + 2];
      Arrays.fill(row, Float.MAX_VALUE);
      assertTrue(Intake.finite(row, d), "largest finite values, d = " + d);
      for (int at = 0; at < d; at++) {
        for (float b : bad) {
          float[] r = row.clone();
          r[at] = b;
          assertFalse(Intake.finite(r, d), b + " at " + at + " of " + d);
        }
      }
      // Past d is not the row's.
      row[d] = Float.NaN;
      assertTrue(Intake.finite(row, d), "a NaN past the row, d = " + d);
    }
  }
}
