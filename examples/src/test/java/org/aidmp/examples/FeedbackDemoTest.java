package org.aidmp.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.aidmp.campaign.ArmStats;
import org.aidmp.campaign.CampaignReport;
import org.aidmp.campaign.Group;
import org.aidmp.profile.Event;
import org.aidmp.profile.FeatureSpec;
import org.aidmp.profile.ProfileMatrix;
import org.aidmp.profile.ProfileStore;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class FeedbackDemoTest {
  @Test
  void replayFromBatchModelsMovesUsersAndShiftsTraffic() {
    List<String> types = List.of("view", "click", "purchase");
    ProfileStore store = ProfileStore.create();
    SplittableRandom r = new SplittableRandom(3);
    long t0 = 1_700_000_000_000L;
    for (int i = 0; i < 20_000; i++) {
      int u = r.nextInt(400);
      String type = types.get(r.nextInt(4) == 0 ? 2 : r.nextInt(2));
      store.accept(
          new Event(
              "u" + u,
              t0 + i * 60_000L,
              type,
              "i" + r.nextInt(100),
              "c" + (u % 5),
              type.equals("purchase") ? 10 + r.nextInt(90) : Double.NaN));
    }
    ProfileMatrix m = FeatureSpec.builder().setEventTypes(types).get().fit(store);
    int k = 6;
    int d = m.cols();
    // Centroids: k spread rows of the matrix; labels: each row's nearest of them.
    FMatrixRMaj c = new FMatrixRMaj(k, d);
    for (int j = 0; j < k; j++) {
      System.arraycopy(m.matrix().data, (j * m.rows() / k) * d, c.data, j * d, d);
    }
    int[] labels = new int[m.rows()];
    for (int i = 0; i < m.rows(); i++) {
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        double dist = 0;
        for (int f = 0; f < d; f++) {
          double diff = m.matrix().data[i * d + f] - c.data[j * d + f];
          dist += diff * diff;
        }
        if (dist < best) {
          best = dist;
          labels[i] = j;
        }
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CampaignReport report =
        FeedbackDemo.replay(
            store, m, c, labels, 6000, 42, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("accepted 6000 events"), text);
    java.util.regex.Matcher pair =
        java.util.regex.Pattern.compile("before: segment +(-?\\d+).*\\R.*after: +segment +(-?\\d+)")
            .matcher(text);
    boolean moved = false;
    while (pair.find()) {
      moved |= !pair.group(1).equals(pair.group(2));
    }
    assertTrue(moved, "some watched user should move segment:\n" + text);
    ArmStats best =
        report.totals().stream()
            .filter(a -> a.group() == Group.TREATMENT)
            .max((a, b) -> Double.compare(a.trafficShare(), b.trafficShare()))
            .orElseThrow();
    assertTrue(best.arm().equals("banner-b"), "the best creative should get most traffic: " + text);
  }
}
