package org.aidmp.privacy.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoisyMeansTest {
  @Test
  void givesCopiesAndSizes() {
    double[][] means = {{1, 2}, {3, 4}};
    NoisyMeans m = new NoisyMeans(List.of("a", "b"), means, new long[] {5, 6}, Epsilon.of(1));
    m.means(0)[0] = 99;
    assertEquals(1, m.mean(0, 0));
    assertEquals(6, m.count(1));
    assertEquals("NoisyMeans[2 segments, 2 features, epsilon 1]", m.toString());
  }
}
