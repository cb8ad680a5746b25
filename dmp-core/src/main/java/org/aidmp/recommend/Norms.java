package org.aidmp.recommend;

/** Internal: Euclidean norms of the rows and columns of an interaction matrix. */
final class Norms {
  private Norms() {}

  static float[] ofUsers(Interactions x) {
    float[] v = x.userValueArray();
    float[] n = new float[x.userCount()];
    for (int u = 0; u < n.length; u++) {
      double s = 0;
      for (int e = x.userStart(u); e < x.userEnd(u); e++) {
        s += (double) v[e] * v[e];
      }
      n[u] = (float) Math.sqrt(s);
    }
    return n;
  }

  static float[] ofItems(Interactions x) {
    float[] v = x.itemValueArray();
    float[] n = new float[x.itemCount()];
    for (int i = 0; i < n.length; i++) {
      double s = 0;
      for (int e = x.itemStart(i); e < x.itemEnd(i); e++) {
        s += (double) v[e] * v[e];
      }
      n[i] = (float) Math.sqrt(s);
    }
    return n;
  }
}
