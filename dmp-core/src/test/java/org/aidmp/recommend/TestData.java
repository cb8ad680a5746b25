package org.aidmp.recommend;

import java.util.Map;
import java.util.SplittableRandom;

/** Seeded random interaction matrices and dense copies for reference implementations. */
final class TestData {
  private TestData() {}

  static Interactions random(long seed, int users, int items, int events) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Interactions.Builder b = Interactions.builder().setWeights(Map.of("view", 1f, "purchase", 3f));
    for (int n = 0; n < events; n++) {
      // Skewed item choice so that some items are popular, as in real data.
      int i = (int) (items * Math.pow(rnd.nextDouble(), 2));
      b.add("u" + rnd.nextInt(users), "i" + i, rnd.nextInt(4) == 0 ? "purchase" : "view", n);
    }
    return b.build();
  }

  static double[][] dense(Interactions x) {
    double[][] d = new double[x.userCount()][x.itemCount()];
    for (int u = 0; u < x.userCount(); u++) {
      for (int e = x.userStart(u); e < x.userEnd(u); e++) {
        d[u][x.userItemArray()[e]] = x.userValueArray()[e];
      }
    }
    return d;
  }

  static double cosine(double[] a, double[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int j = 0; j < a.length; j++) {
      dot += a[j] * b[j];
      na += a[j] * a[j];
      nb += b[j] * b[j];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }

  static double[] column(double[][] m, int j) {
    double[] c = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i][j];
    }
    return c;
  }
}
