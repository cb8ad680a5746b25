package org.aidmp.bench.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The dmp path and the keyed peers give the same pseudonym for the same id. */
class PseudonymBenchmarkTest {
  @Test
  void keyedPathsAgree() throws Exception {
    for (int len : new int[] {8, 40}) {
      PseudonymBenchmark[] b = new PseudonymBenchmark[4];
      for (int i = 0; i < b.length; i++) {
        b[i] = new PseudonymBenchmark();
        b[i].idLength = len;
        b[i].setUp();
      }
      for (int n = 0; n < 5000; n++) {
        String ours = b[0].pseudonymizer();
        assertEquals(b[1].jdkReusedMac(), ours);
        assertEquals(b[2].jdkNewMacPerId(), ours);
        assertNotEquals(b[3].unkeyedSha256(), ours.substring(3));
      }
      assertEquals(len, b[0].ids[17].length());
    }
  }
}
