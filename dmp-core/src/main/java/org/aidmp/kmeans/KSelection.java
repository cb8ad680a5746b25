package org.aidmp.kmeans;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ejml.data.FMatrixRMaj;

/**
 * Chooses k over a range by fitting each and scoring the partition.
 *
 * <pre>{@code
 * KSelection sel = KSelection.over(KMeans.builder().setRestarts(3).get(), x, 2, 12,
 *     KSelection.Criterion.SILHOUETTE);
 * KMeansModel best = sel.best();
 * }</pre>
 */
public final class KSelection {
  /** What makes one k better than another. */
  public enum Criterion {
    /** Highest mean silhouette (sampled above {@link ClusterQuality#EXACT_SILHOUETTE_ROWS}). */
    SILHOUETTE,
    /** Lowest Davies–Bouldin index. */
    DAVIES_BOULDIN,
    /** Highest Calinski–Harabasz index. */
    CALINSKI_HARABASZ
  }

  private final Criterion criterion;
  private final List<KMeansModel> models;
  private final double[] scores;
  private final int bestIndex;

  private KSelection(Criterion criterion, List<KMeansModel> models, double[] scores, int best) {
    this.criterion = criterion;
    this.models = List.copyOf(models);
    this.scores = scores;
    this.bestIndex = best;
  }

  /**
   * Fits {@code base} with every k in [kMin, kMax] (other settings and the seed unchanged) and
   * keeps the best by {@code criterion}; ties go to the smaller k.
   *
   * @param x the rows; not modified
   */
  public static KSelection over(
      KMeans base, FMatrixRMaj x, int kMin, int kMax, Criterion criterion) {
    Objects.requireNonNull(criterion, "criterion");
    if (kMin < 2 || kMax < kMin) {
      throw new IllegalArgumentException(
          "k range [" + kMin + ", " + kMax + "] is empty or starts below 2; use 2 ≤ kMin ≤ kMax");
    }
    if (kMax > x.numRows) {
      throw new IllegalArgumentException(
          "kMax (" + kMax + ") exceeds the number of rows (" + x.numRows + "); lower kMax");
    }
    if (base.initialization() == Initialization.GIVEN) {
      throw new IllegalArgumentException(
          "k selection needs a seeding, not given centroids; use K_MEANS_PLUS_PLUS");
    }
    FMatrixRMaj scored = x;
    if (base.distance() == Distance.COSINE) {
      scored = x.copy();
      KMeansData.normaliseRows(scored.data, x.numRows, x.numCols);
    }
    List<KMeansModel> models = new ArrayList<>();
    double[] scores = new double[kMax - kMin + 1];
    int best = 0;
    for (int k = kMin; k <= kMax; k++) {
      KMeansModel m = base.toBuilder().setK(k).get().fit(x);
      int[] labels = m.labels();
      double s;
      switch (criterion) {
        case DAVIES_BOULDIN:
          s = ClusterQuality.daviesBouldin(scored, labels);
          break;
        case CALINSKI_HARABASZ:
          s = ClusterQuality.calinskiHarabasz(scored, labels);
          break;
        case SILHOUETTE:
        default:
          s =
              ClusterQuality.silhouette(
                  scored, labels, ClusterQuality.EXACT_SILHOUETTE_ROWS, base.seed());
      }
      int i = k - kMin;
      scores[i] = s;
      models.add(m);
      boolean better = criterion == Criterion.DAVIES_BOULDIN ? s < scores[best] : s > scores[best];
      if (better) {
        best = i;
      }
    }
    return new KSelection(criterion, models, scores, best);
  }

  /** The criterion used. */
  public Criterion criterion() {
    return criterion;
  }

  /** The model of the chosen k. */
  public KMeansModel best() {
    return models.get(bestIndex);
  }

  /** The chosen k. */
  public int bestK() {
    return models.get(bestIndex).k();
  }

  /** The models for kMin, kMin + 1, … kMax. */
  public List<KMeansModel> models() {
    return models;
  }

  /** The score of each k, in the same order as {@link #models()}. */
  public double[] scores() {
    return scores.clone();
  }
}
