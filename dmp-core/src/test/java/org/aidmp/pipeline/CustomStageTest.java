package org.aidmp.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.aidmp.data.Origin;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.kmeans.KMeans;
import org.aidmp.kmeans.KMeansModel;
import org.aidmp.profile.EventMapping;
import org.aidmp.profile.FeatureSpec;
import org.aidmp.stage.SegmentModel;
import org.aidmp.stage.Segmenter;
import org.junit.jupiter.api.Test;

/** A user's own segmenter and output stage in the pipeline; seeds split into stages. */
class CustomStageTest {
  private static final Schema RAW = Schema.ofStrings(List.of("user", "ts", "type", "amount"));
  private static final EventMapping MAPPING =
      EventMapping.builder()
          .setUserIdColumn("user")
          .setTimestampColumn("ts")
          .setTypeColumn("type")
          .setValueColumn("amount")
          .get();

  private static Source events() {
    List<Record> rows = new ArrayList<>();
    Random r = new Random(11);
    int line = 2;
    for (int u = 0; u < 60; u++) {
      int n = 1 + r.nextInt(6);
      for (int e = 0; e < n; e++) {
        rows.add(
            Record.of(
                RAW,
                new Origin("events.csv", line++),
                "u" + u,
                "2026-02-" + String.format("%02d", 1 + r.nextInt(27)) + "T10:00:00Z",
                r.nextBoolean() ? "view" : "purchase",
                String.valueOf(r.nextInt(200))));
      }
    }
    return Source.of(RAW, "events.csv", rows);
  }

  /** Two segments split at the median of the first feature: a rule anyone could write. */
  static final class MedianSplit implements Segmenter {
    @Override
    public SegmentModel fit(org.ejml.data.FMatrixRMaj rows) {
      float[] first = new float[rows.numRows];
      for (int i = 0; i < rows.numRows; i++) {
        first[i] = rows.get(i, 0);
      }
      float[] sorted = first.clone();
      java.util.Arrays.sort(sorted);
      float median = sorted[sorted.length / 2];
      int[] labels = new int[rows.numRows];
      for (int i = 0; i < rows.numRows; i++) {
        labels[i] = first[i] < median ? 0 : 1;
      }
      return SegmentModel.ofLabels(2, labels);
    }
  }

  @Test
  void aCustomSegmenterAndSinkRunInThePipeline() {
    List<String> written = new ArrayList<>();
    PipelineResult r =
        Pipeline.builder()
            .events(events())
            .mapEvents(MAPPING)
            .features(FeatureSpec.DEFAULT)
            .segment(new MedianSplit())
            .output(result -> written.add("k=" + result.segmentation().orElseThrow().k()))
            .output(result -> written.add("users=" + result.profiles().size()))
            .run();

    Segmentation s = r.segmentation().orElseThrow();
    assertEquals(2, s.k());
    assertFalse(s.kMeans().isPresent());
    assertEquals(2, s.personas().size());
    assertEquals(60, s.sizes()[0] + s.sizes()[1]);
    assertEquals(List.of("k=2", "users=60"), written, "sinks run in order, after the models");
    assertTrue(r.provenance().stage("segment").config() instanceof MedianSplit);
  }

  @Test
  void aFailingSinkFailsTheRunWithItsCause() {
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () ->
                Pipeline.builder()
                    .events(events())
                    .mapEvents(MAPPING)
                    .output(
                        result -> {
                          throw new IOException("disk full");
                        })
                    .run());
    assertTrue(e.getMessage().contains("disk full"));
  }

  private static KMeansModel segmentWithSeed(long seed) {
    PipelineResult r =
        Pipeline.builder()
            .events(events())
            .mapEvents(MAPPING)
            .features(FeatureSpec.DEFAULT)
            .segment(KMeans.builder().setK(4).setRestarts(1).get())
            .seed(seed)
            .run();
    return r.segmentation().orElseThrow().kMeans().orElseThrow();
  }

  @Test
  void theRunSeedIsSplitIntoTheSegmenter() {
    KMeansModel a = segmentWithSeed(7);
    KMeansModel b = segmentWithSeed(7);
    KMeansModel c = segmentWithSeed(8);
    assertArrayEquals(a.centroids().data, b.centroids().data, "one seed, one model");
    assertArrayEquals(a.labels(), b.labels());
    assertEquals(a.seed(), b.seed());
    assertNotEquals(a.seed(), c.seed(), "another run seed gives the stage another seed");
    assertNotEquals(7L, a.seed(), "the stage gets a split of the run seed, not the seed itself");
    assertFalse(
        java.util.Arrays.equals(a.centroids().data, c.centroids().data),
        "another seed gives another initialisation");
  }

  @Test
  void withoutARunSeedTheStageKeepsItsOwn() {
    KMeans own = KMeans.builder().setK(3).setSeed(1234).get();
    PipelineResult r =
        Pipeline.builder()
            .events(events())
            .mapEvents(MAPPING)
            .features(FeatureSpec.DEFAULT)
            .segment(own)
            .run();
    assertSame(own, r.provenance().stage("segment").config());
    assertEquals(1234L, r.segmentation().orElseThrow().kMeans().orElseThrow().seed());
  }
}
