package org.aidmp.kmeans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class KSelectionTest {
  @Test
  void everyCriterionFindsFourWellSeparatedBlobs() {
    // Four blobs on the corners of a square, far apart relative to their spread.
    java.util.SplittableRandom r = new java.util.SplittableRandom(8);
    FMatrixRMaj x = new FMatrixRMaj(1200, 2);
    for (int i = 0; i < 1200; i++) {
      x.set(i, 0, (float) ((i % 2) * 10 + 0.3 * Blobs.gaussian(r)));
      x.set(i, 1, (float) ((i / 2 % 2) * 10 + 0.3 * Blobs.gaussian(r)));
    }
    KMeans base = KMeans.builder().setRestarts(3).get();
    for (KSelection.Criterion c : KSelection.Criterion.values()) {
      KSelection sel = KSelection.over(base, x, 2, 7, c);
      assertEquals(4, sel.bestK(), c + " scores " + java.util.Arrays.toString(sel.scores()));
      assertEquals(6, sel.models().size());
      assertEquals(4, sel.best().k());
    }
  }

  @Test
  void rejectsABadRange() {
    FMatrixRMaj x = Blobs.blobs(8, 10, 2, 2, 0.3);
    assertThrows(
        IllegalArgumentException.class,
        () -> KSelection.over(KMeans.DEFAULT, x, 1, 3, KSelection.Criterion.SILHOUETTE));
    assertThrows(
        IllegalArgumentException.class,
        () -> KSelection.over(KMeans.DEFAULT, x, 2, 11, KSelection.Criterion.SILHOUETTE));
  }
}
