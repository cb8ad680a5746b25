package org.aidmp.kafka;

import java.util.Objects;
import org.aidmp.feedback.FeatureEncoder;
import org.aidmp.feedback.SegmentPopularity;
import org.aidmp.recommend.Recommender;
import org.ejml.data.FMatrixRMaj;

/**
 * One batch model as the runner serves it: the segment centroids, the feature encoder they were
 * trained with, and optionally a recommender and segment popularity, under a version. Rolling a
 * newer one out ({@link KafkaRunner#rollOut}) swaps it in on every partition between two batches of
 * records, so no event is dropped and every answer names the version it came from.
 *
 * <pre>{@code
 * LiveModel v2 = LiveModel.builder(2, kmeans.centroids(), FeatureEncoder.logCounts(mean, std))
 *     .setRecommender(RecommenderTrainer.itemKnn(50).fit(interactions))
 *     .get();
 * runner.rollOut(v2);
 * }</pre>
 */
public final class LiveModel {
  private final long version;
  private final FMatrixRMaj centroids;
  private final long[] segmentSizes;
  private final FeatureEncoder encoder;
  private final Recommender recommender;
  private final SegmentPopularity popularity;

  private LiveModel(Builder b) {
    this.version = b.version;
    this.centroids = b.centroids.copy();
    this.segmentSizes = b.segmentSizes == null ? null : b.segmentSizes.clone();
    this.encoder = b.encoder;
    this.recommender = b.recommender;
    this.popularity = b.popularity;
    if (segmentSizes != null && segmentSizes.length != centroids.numRows) {
      throw new IllegalArgumentException(
          "segmentSizes has "
              + segmentSizes.length
              + " entries but there are "
              + centroids.numRows
              + " centroids; give one size per centroid");
    }
  }

  /**
   * A builder for a model.
   *
   * @param version the batch model's version, at least 1; roll-outs must raise it
   * @param centroids k × d (copied)
   * @param encoder the feature transform the centroids were trained with
   */
  public static Builder builder(long version, FMatrixRMaj centroids, FeatureEncoder encoder) {
    return new Builder(version, centroids, encoder);
  }

  /** The batch model's version. */
  public long version() {
    return version;
  }

  /** A copy of the centroids. */
  public FMatrixRMaj centroids() {
    return centroids.copy();
  }

  /** The number of segments. */
  public int segments() {
    return centroids.numRows;
  }

  /** The feature dimension. */
  public int dimension() {
    return centroids.numCols;
  }

  /** Training rows per segment, or null. */
  public long[] segmentSizes() {
    return segmentSizes == null ? null : segmentSizes.clone();
  }

  /** The encoder. */
  public FeatureEncoder encoder() {
    return encoder;
  }

  /** The recommender, or null for segment popularity only. */
  public Recommender recommender() {
    return recommender;
  }

  /** The popular items per segment, or null. */
  public SegmentPopularity popularity() {
    return popularity;
  }

  @Override
  public String toString() {
    return "LiveModel[version "
        + version
        + ", "
        + centroids.numRows
        + " segments x "
        + centroids.numCols
        + " features]";
  }

  /** Assembles a {@link LiveModel}. */
  public static final class Builder {
    private final long version;
    private final FMatrixRMaj centroids;
    private final FeatureEncoder encoder;
    private long[] segmentSizes;
    private Recommender recommender;
    private SegmentPopularity popularity;

    private Builder(long version, FMatrixRMaj centroids, FeatureEncoder encoder) {
      if (version < 1) {
        throw new IllegalArgumentException("version (" + version + ") must be at least 1");
      }
      Objects.requireNonNull(centroids, "centroids");
      if (centroids.numRows < 1 || centroids.numCols < 1) {
        throw new IllegalArgumentException(
            "centroids are "
                + centroids.numRows
                + " x "
                + centroids.numCols
                + "; need at least one segment and one feature");
      }
      this.version = version;
      this.centroids = centroids;
      this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    /** Training rows per segment, to weigh the centroids' starting pull. */
    public Builder setSegmentSizes(long[] sizes) {
      this.segmentSizes = Objects.requireNonNull(sizes, "sizes").clone();
      return this;
    }

    /** Personal recommendations; without one every user gets their segment's popular items. */
    public Builder setRecommender(Recommender recommender) {
      this.recommender = Objects.requireNonNull(recommender, "recommender");
      return this;
    }

    /** The popular items per segment, the cold-start answer. */
    public Builder setPopularity(SegmentPopularity popularity) {
      this.popularity = Objects.requireNonNull(popularity, "popularity");
      return this;
    }

    /** The model. */
    public LiveModel get() {
      return new LiveModel(this);
    }
  }
}
