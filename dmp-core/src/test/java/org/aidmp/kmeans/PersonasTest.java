package org.aidmp.kmeans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class PersonasTest {
  @Test
  void describesSegmentsByTheirMostDistinctFeatureInOriginalUnits() {
    // Feature 0 separates the segments; feature 1 is noise-free and equal; feature 2 is mild.
    FMatrixRMaj x =
        new FMatrixRMaj(
            new float[][] {
              {0, 1, 0.1f}, {0, 1, -0.1f}, {0, 1, 0.2f}, {10, 1, 0.3f}, {10, 1, 0.1f}
            });
    FMatrixRMaj start = new FMatrixRMaj(new float[][] {{0, 1, 0}, {10, 1, 0}});
    KMeansModel m = KMeans.builder().setInitialCentroids(start).get().fit(x);
    FeatureUnits dollars = (f, v) -> f == 0 ? v * 100 : v;
    List<Persona> ps = Personas.describe(m, x, List.of("spend", "flag", "noise"), dollars, 2);
    assertEquals(2, ps.size());
    Persona big = ps.get(0);
    assertEquals(0, big.segment());
    assertEquals(3, big.size());
    assertEquals(0.6, big.share(), 1e-12);
    assertEquals("spend", big.traits().get(0).feature());
    assertEquals(0.0, big.traits().get(0).segmentValue(), 1e-9);
    assertEquals(400.0, big.traits().get(0).overallValue(), 1e-4);
    assertTrue(big.traits().get(0).standardScore() < 0);
    // The constant feature never appears.
    for (Persona p : ps) {
      for (Persona.Trait t : p.traits()) {
        assertTrue(!t.feature().equals("flag"), p.toString());
      }
    }
    assertTrue(ps.get(1).toString().contains("spend high mean 1000"), ps.get(1).toString());
  }

  @Test
  void meansAndMediansAreOfTheOriginalValuesNotMappedBackFromTheLogs() {
    double[] counts = {1, 3, 30, 1000, 1000};
    float[][] rows = new float[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      rows[i] = new float[] {(float) Math.log1p(counts[i])};
    }
    FMatrixRMaj x = new FMatrixRMaj(rows);
    FMatrixRMaj start = new FMatrixRMaj(new float[][] {{1}, {7}});
    KMeansModel m = KMeans.builder().setInitialCentroids(start).get().fit(x);
    FeatureUnits counted = (f, v) -> Math.expm1(v);
    List<Persona> ps = Personas.describe(m, x, List.of("purchases"), counted, 1);
    Persona low = ps.get(0);
    assertEquals(3, low.size());
    Persona.Trait t = low.traits().get(0);
    assertEquals((1 + 3 + 30) / 3.0, t.segmentValue(), 1e-3);
    assertEquals(3, t.segmentMedian(), 1e-4);
    assertEquals((1 + 3 + 30 + 1000 + 1000) / 5.0, t.overallValue(), 1e-2);
    assertEquals(30, t.overallMedian(), 1e-3);
    // what the old way gave: expm1 of the mean of the logs, a geometric mean
    double geometric = Math.expm1((Math.log1p(1) + Math.log1p(3) + Math.log1p(30)) / 3);
    assertTrue(t.segmentValue() > 2 * geometric, t + " vs " + geometric);
    Persona high = ps.get(1);
    assertEquals(1000, high.traits().get(0).segmentMedian(), 1e-2);
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertEquals(2.5, Personas.median(new double[] {4, 1, 3, 2}), 0);
    assertEquals(3, Personas.median(new double[] {5, 3, 1}), 0);
  }

  @Test
  void rejectsMismatchedInput() {
    FMatrixRMaj x = Blobs.blobs(1, 20, 2, 2, 1);
    KMeansModel m = KMeans.builder().setK(2).get().fit(x);
    assertThrows(
        IllegalArgumentException.class,
        () -> Personas.describe(m, x, List.of("a"), FeatureUnits.IDENTITY, 1));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Personas.describe(
                m, Blobs.blobs(1, 21, 2, 2, 1), List.of("a", "b"), FeatureUnits.IDENTITY, 1));
  }
}
