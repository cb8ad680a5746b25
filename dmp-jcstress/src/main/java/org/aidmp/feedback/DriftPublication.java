package org.aidmp.feedback;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.aidmp.internal.kernels.VectorKernels;
import org.aidmp.internal.kernels.VectorKernelsProvider;
import org.aidmp.profile.Event;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JII_Result;

/**
 * A reader racing with a drift publication sees either the old model or the new one whole: its
 * version, its centroids and the kernel's transposed copy and norms all agree. Results: version,
 * whether centroid 1 moved, whether the transposed layout and norm match the centroids read.
 */
@JCStressTest
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "the old model")
@Outcome(id = "2, 1, 1", expect = ACCEPTABLE, desc = "the new model, whole")
@Outcome(expect = FORBIDDEN, desc = "a model seen half-built or with the wrong version")
@State
public class DriftPublication {
  private final FeedbackUpdater updater;

  /** A fresh updater with one event's drift pending. */
  public DriftPublication() {
    updater = LiveFixtures.builder(1_000).build();
    // Pending drift towards "buy" for centroid 1, published by the writer.
    updater.accept(new Event("u", LiveFixtures.NOW, "buy"));
  }

  /** Publishes the pending drift. */
  @Actor
  public void writer() {
    updater.publishDrift();
  }

  /** Reads the model once and checks it against itself. */
  @Actor
  public void reader(JII_Result r) {
    DriftingCentroids.Model m = updater.currentModel();
    r.r1 = m.version;
    r.r2 = m.centroids[3] != 1.5f ? 1 : 0;
    float c = m.centroids[1 * m.d + 1];
    boolean layout = m.transposed[VectorKernels.centroidIndex(1, 1, m.d)] == c;
    float norm = VectorKernelsProvider.scalar().squaredNorm(m.centroids, m.d, m.d);
    r.r3 = layout && m.norms[1] == norm ? 1 : 0;
  }
}
