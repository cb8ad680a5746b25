package org.aidmp.recommend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The item kNN trainer behind {@link RecommenderTrainer#itemKnn(int, Neighbourhood)}, which
 * documents the model: per-item neighbour lists in compressed rows, kept for candidates' or for
 * history items' lists as the neighbourhood says.
 */
final class ItemKnn implements RecommenderTrainer {
  private final int neighbours;
  private final Neighbourhood neighbourhood;

  ItemKnn(int neighbours, Neighbourhood neighbourhood) {
    if (neighbours < 1) {
      throw new IllegalArgumentException(
          "neighbours (" + neighbours + ") must be at least 1; 20 to 200 is usual");
    }
    this.neighbours = neighbours;
    this.neighbourhood = Objects.requireNonNull(neighbourhood, "neighbourhood");
  }

  /** Whose neighbour lists connect history and candidates. */
  Neighbourhood neighbourhood() {
    return neighbourhood;
  }

  /** The number of neighbours kept per item. */
  int neighbours() {
    return neighbours;
  }

  @Override
  public Recommender fit(Interactions x) {
    Objects.requireNonNull(x, "interactions");
    if (x.nonZeros() == 0) {
      throw new IllegalArgumentException("no interactions to learn from; add events first");
    }
    int n = x.itemCount();
    float[] norms = Norms.ofItems(x);
    int[] uItems = x.userItemArray();
    float[] uVals = x.userValueArray();
    int[] iUsers = x.itemUserArray();
    float[] iVals = x.itemValueArray();
    float[] acc = new float[n];
    int[] ptr = new int[n + 1];
    int[] nbr = new int[Math.multiplyExact(n, Math.min(neighbours, Math.max(n - 1, 0)))];
    float[] sim = new float[nbr.length];
    int fill = 0;
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(acc, 0f);
      for (int f = x.itemStart(i); f < x.itemEnd(i); f++) {
        int v = iUsers[f];
        float w = iVals[f];
        for (int e = x.userStart(v); e < x.userEnd(v); e++) {
          acc[uItems[e]] += w * uVals[e];
        }
      }
      for (int j = 0; j < n; j++) {
        acc[j] = acc[j] > 0 ? acc[j] / (norms[i] * norms[j]) : Float.NEGATIVE_INFINITY;
      }
      acc[i] = Float.NEGATIVE_INFINITY;
      int[] top = TopK.select(acc, n, neighbours, x.itemIds());
      for (int j : top) {
        nbr[fill] = j;
        sim[fill++] = acc[j];
      }
      ptr[i + 1] = fill;
    }
    if (neighbourhood == Neighbourhood.OF_CANDIDATE) {
      // Scoring walks the user's history, so list j must hold the candidates i that have j
      // among their neighbours: the transpose of the per-item lists.
      int[] cnt = new int[n + 1];
      for (int p = 0; p < fill; p++) {
        cnt[nbr[p] + 1]++;
      }
      for (int j = 0; j < n; j++) {
        cnt[j + 1] += cnt[j];
      }
      int[] tn = new int[fill];
      float[] ts = new float[fill];
      int[] pos = java.util.Arrays.copyOf(cnt, n);
      for (int i = 0; i < n; i++) {
        for (int p = ptr[i]; p < ptr[i + 1]; p++) {
          int q = pos[nbr[p]]++;
          tn[q] = i;
          ts[q] = sim[p];
        }
      }
      return new Model(x, cnt, tn, ts);
    }
    return new Model(x, ptr, nbr, sim);
  }

  @Override
  public String toString() {
    return "ItemKnn[neighbours=" + neighbours + ", " + neighbourhood + "]";
  }

  private static final class Model implements Recommender {
    private final Interactions x;
    private final int[] ptr;
    private final int[] nbr;
    private final float[] sim;

    Model(Interactions x, int[] ptr, int[] nbr, float[] sim) {
      this.x = x;
      this.ptr = ptr;
      this.nbr = nbr;
      this.sim = sim;
    }

    @Override
    public Interactions interactions() {
      return x;
    }

    private int user(String userId) {
      int u = x.userIndex(Objects.requireNonNull(userId, "userId"));
      if (u < 0) {
        throw new IllegalArgumentException(
            "unknown user id (no interactions in training); use RecommenderTrainer.popularity() for cold start");
      }
      return u;
    }

    @Override
    public void score(String userId, float[] out) {
      int u = user(userId);
      java.util.Arrays.fill(out, 0, x.itemCount(), 0f);
      int[] uItems = x.userItemArray();
      float[] uVals = x.userValueArray();
      for (int e = x.userStart(u); e < x.userEnd(u); e++) {
        int j = uItems[e];
        float w = uVals[e];
        for (int p = ptr[j]; p < ptr[j + 1]; p++) {
          out[nbr[p]] += w * sim[p];
        }
      }
    }

    @Override
    public List<Contribution> explain(String userId, String itemId, int limit) {
      int u = user(userId);
      int i = x.itemIndex(itemId);
      if (i < 0) {
        throw new IllegalArgumentException("unknown item id; it has no interactions");
      }
      int[] uItems = x.userItemArray();
      float[] uVals = x.userValueArray();
      List<Contribution> out = new ArrayList<>();
      for (int e = x.userStart(u); e < x.userEnd(u); e++) {
        int j = uItems[e];
        for (int p = ptr[j]; p < ptr[j + 1]; p++) {
          if (nbr[p] == i) {
            out.add(new Contribution(Contribution.Kind.ITEM, x.itemId(j), uVals[e] * sim[p]));
          }
        }
      }
      out.sort(
          Comparator.comparing((Contribution c) -> -c.amount()).thenComparing(Contribution::id));
      return out.subList(0, Math.min(limit, out.size()));
    }
  }
}
