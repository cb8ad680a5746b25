package org.aidmp.io.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.aidmp.kmeans.KMeans;
import org.aidmp.kmeans.KMeansModel;
import org.aidmp.profile.Event;
import org.aidmp.profile.ProfileStore;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotWriterPartsTest {
  @TempDir Path dir;

  private static ProfileStore store() {
    ProfileStore s = ProfileStore.builder().build();
    SplittableRandom r = new SplittableRandom(4);
    String[] types = {"view", "cart", "purchase"};
    String[] cats = {"books", "sports", "garden"};
    for (int i = 0; i < 5_000; i++) {
      s.accept(
          new Event(
              "u" + r.nextInt(300),
              1_700_000_000_000L + r.nextInt(1_000_000_000),
              types[r.nextInt(3)],
              "sku-" + r.nextInt(50),
              cats[r.nextInt(3)],
              r.nextDouble() * 50));
    }
    return s;
  }

  private static byte[] bytes(ProfileStore s) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    s.write(new DataOutputStream(bos));
    return bos.toByteArray();
  }

  @Test
  void profileStoreRoundTripsThroughASnapshotFolder() throws IOException {
    ProfileStore original = store();
    SnapshotWriter w = SnapshotWriter.create(dir);
    w.writeProfiles(original);
    w.commit();
    ProfileStore restored = SnapshotReader.open(dir).readProfiles();
    assertEquals(original.userIds(), restored.userIds());
    assertArrayEquals(bytes(original), bytes(restored));
  }

  @Test
  void kmeansModelRoundTripsBesideTheProfiles() throws IOException {
    SplittableRandom r = new SplittableRandom(9);
    FMatrixRMaj x = new FMatrixRMaj(600, 5);
    for (int i = 0; i < x.numRows; i++) {
      for (int j = 0; j < x.numCols; j++) {
        x.set(i, j, (float) (r.nextGaussian() + (i % 3 == j ? 6 : 0)));
      }
    }
    KMeansModel model = KMeans.builder().setK(3).setSeed(1).get().fit(x);
    ProfileStore store = store();
    SnapshotWriter w = SnapshotWriter.create(dir);
    w.writeProfiles(store);
    w.writeKMeans(model);
    w.commit();
    SnapshotReader reader = SnapshotReader.open(dir);
    KMeansModel back = reader.readKMeans();
    assertArrayEquals(model.centroids().data, back.centroids().data);
    assertArrayEquals(model.labels(), back.labels());
    assertEquals(model.inertia(), back.inertia());
    assertEquals(store.userIds(), reader.readProfiles().userIds());
  }

  @Test
  void damagedProfilePartIsNotLoaded() throws IOException {
    SnapshotWriter w = SnapshotWriter.create(dir);
    w.writeProfiles(store());
    w.commit();
    Path part =
        SnapshotReader.open(dir)
            .generationFolder()
            .resolve(SnapshotWriter.PROFILES + SnapshotManifest.EXTENSION);
    byte[] b = Files.readAllBytes(part);
    Files.write(part, java.util.Arrays.copyOf(b, b.length - 100));
    assertThrows(SnapshotFormatException.class, () -> SnapshotReader.open(dir).readProfiles());
  }

  @Test
  void transformIndexFeedbackAndCampaignRoundTripTogether() throws IOException {
    ProfileStore store = store();
    org.aidmp.profile.ProfileMatrix m = org.aidmp.profile.FeatureSpec.DEFAULT.fit(store);
    org.aidmp.knn.CosineIndex index = org.aidmp.knn.CosineIndex.of(m.userIds(), m.matrix());
    org.aidmp.campaign.CampaignOptimizer campaign =
        org.aidmp.campaign.CampaignOptimizer.create(
            org.aidmp.campaign.CampaignConfig.builder()
                .setArms(java.util.List.of("a", "b"))
                .setSegments(2)
                .setSeed(3)
                .get());
    for (int i = 0; i < 50; i++) {
      campaign.record(campaign.choose(i % 2, "u" + i), org.aidmp.campaign.Outcome.IMPRESSION);
    }
    FMatrixRMaj centroids = new FMatrixRMaj(new float[][] {{0, 0}, {3, 3}});
    org.aidmp.feedback.FeedbackUpdater updater =
        org.aidmp.feedback.FeedbackUpdater.newBuilder()
            .setConfig(
                org.aidmp.feedback.FeedbackConfig.builder()
                    .setEventTypes(java.util.List.of("view", "purchase"))
                    .get())
            .setCentroids(centroids)
            .setEncoder(
                org.aidmp.feedback.FeatureEncoder.logCounts(new double[2], new double[] {1, 1}))
            .build();
    for (int i = 0; i < 100; i++) {
      updater.accept(
          new org.aidmp.profile.Event(
              "u" + (i % 7),
              1_700_000_000_000L + i,
              i % 3 == 0 ? "purchase" : "view",
              null,
              null,
              Double.NaN));
    }
    org.aidmp.feedback.FeedbackSnapshot live = updater.snapshot();
    updater.close();

    SnapshotWriter w = SnapshotWriter.create(dir);
    w.writeTransform(m.transform());
    w.writeIndex(index);
    w.writeFeedback(live);
    w.writeCampaign(campaign);
    w.commit();

    SnapshotReader reader = SnapshotReader.open(dir);
    assertEquals(m.transform(), reader.readTransform());
    org.aidmp.knn.CosineIndex back = reader.readIndex();
    float[] query = java.util.Arrays.copyOfRange(m.matrix().data, 0, m.cols());
    assertEquals(index.search(query, 5), back.search(query, 5));
    assertEquals(live, reader.readFeedback());
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        bytes(campaign), bytes(reader.readCampaign()));
  }

  private static byte[] bytes(org.aidmp.campaign.CampaignOptimizer o) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    o.writeTo(new java.io.DataOutputStream(out));
    return out.toByteArray();
  }
}
