package org.aidmp.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The user kNN trainer behind {@link RecommenderTrainer#userKnn(int)}, which documents the model:
 * fitting only takes the users' norms; neighbours are found per request.
 */
final class UserKnn implements RecommenderTrainer {
  private final int neighbours;

  UserKnn(int neighbours) {
    if (neighbours < 1) {
      throw new IllegalArgumentException(
          "neighbours (" + neighbours + ") must be at least 1; 20 to 100 is usual");
    }
    this.neighbours = neighbours;
  }

  /** The number of neighbours per user. */
  int neighbours() {
    return neighbours;
  }

  @Override
  public Recommender fit(Interactions x) {
    Objects.requireNonNull(x, "interactions");
    if (x.nonZeros() == 0) {
      throw new IllegalArgumentException("no interactions to learn from; add events first");
    }
    return new Model(x, neighbours, Norms.ofUsers(x));
  }

  @Override
  public String toString() {
    return "UserKnn[neighbours=" + neighbours + "]";
  }

  private static final class Model implements Recommender {
    private final Interactions x;
    private final int neighbours;
    private final float[] norms;

    Model(Interactions x, int neighbours, float[] norms) {
      this.x = x;
      this.neighbours = neighbours;
      this.norms = norms;
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

    /** Neighbour indices, best first, and their similarities in {@code sims}. */
    private int[] neighboursOf(int u, float[] sims) {
      int[] uItems = x.userItemArray();
      float[] uVals = x.userValueArray();
      int[] iUsers = x.itemUserArray();
      float[] iVals = x.itemValueArray();
      Arrays.fill(sims, 0f);
      for (int e = x.userStart(u); e < x.userEnd(u); e++) {
        int i = uItems[e];
        float w = uVals[e];
        for (int f = x.itemStart(i); f < x.itemEnd(i); f++) {
          sims[iUsers[f]] += w * iVals[f];
        }
      }
      for (int v = 0; v < sims.length; v++) {
        sims[v] = sims[v] > 0 ? sims[v] / (norms[u] * norms[v]) : Float.NEGATIVE_INFINITY;
      }
      sims[u] = Float.NEGATIVE_INFINITY;
      int[] top = TopK.select(sims, sims.length, neighbours, x.userIds());
      if (top.length < neighbours) {
        return top;
      }
      // Users as similar as the last neighbour are all kept: which of several equally similar
      // users would make the cut is an accident of order, and it moves the scores.
      float last = sims[top[top.length - 1]];
      int extra = 0;
      for (int v = 0; v < sims.length; v++) {
        if (sims[v] == last) {
          extra++;
        }
      }
      int inTop = 0;
      for (int v : top) {
        if (sims[v] == last) {
          inTop++;
        }
      }
      if (extra == inTop) {
        return top;
      }
      int[] all = Arrays.copyOf(top, top.length + extra - inTop);
      int n = top.length;
      boolean[] chosen = new boolean[sims.length];
      for (int v : top) {
        chosen[v] = true;
      }
      for (int v = 0; v < sims.length; v++) {
        if (sims[v] == last && !chosen[v]) {
          all[n++] = v;
        }
      }
      return all;
    }

    @Override
    public void score(String userId, float[] out) {
      int u = user(userId);
      float[] sims = new float[x.userCount()];
      int[] top = neighboursOf(u, sims);
      Arrays.fill(out, 0, x.itemCount(), 0f);
      int[] uItems = x.userItemArray();
      float[] uVals = x.userValueArray();
      for (int v : top) {
        float s = sims[v];
        for (int e = x.userStart(v); e < x.userEnd(v); e++) {
          out[uItems[e]] += s * uVals[e];
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
      float[] sims = new float[x.userCount()];
      List<Contribution> out = new ArrayList<>();
      for (int v : neighboursOf(u, sims)) {
        float w = x.weight(v, i);
        if (w != 0) {
          out.add(new Contribution(Contribution.Kind.NEIGHBOUR, x.userId(v), sims[v] * w));
        }
      }
      out.sort(
          Comparator.comparing((Contribution c) -> -c.amount()).thenComparing(Contribution::id));
      return out.subList(0, Math.min(limit, out.size()));
    }
  }
}
