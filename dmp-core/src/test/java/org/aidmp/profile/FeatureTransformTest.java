package org.aidmp.profile;

import static org.aidmp.profile.Fixtures.DAY;
import static org.aidmp.profile.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.aidmp.profile.FeatureSpec.FeatureGroup;
import org.junit.jupiter.api.Test;

class FeatureTransformTest {
  private static final FeatureSpec FULL =
      FeatureSpec.builder()
          .setGroups(EnumSet.allOf(FeatureGroup.class))
          .setNumericAttributes(List.of("age", "vip"))
          .setCategoricalAttributes(List.of("country"))
          .setUnseenCategoryPolicy(UnseenCategoryPolicy.OTHER)
          .get();

  private static byte[] bytes(FeatureTransform t) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      t.write(out);
    }
    return b.toByteArray();
  }

  private static FeatureTransform read(byte[] b) throws IOException {
    return FeatureTransform.read(new DataInputStream(new ByteArrayInputStream(b)));
  }

  @Test
  void roundTripsThroughDataOutput() throws IOException {
    ProfileStore store = Fixtures.randomStore(11, 50);
    for (Scaling scaling : Scaling.values()) {
      ProfileMatrix m =
          FULL.toBuilder().setScaling(scaling).setRfmTypes(List.of("buy")).get().fit(store);
      FeatureTransform back = read(bytes(m.transform()));
      assertEquals(m.transform(), back);
      assertEquals(m.featureNames(), back.featureNames());
      assertArrayEquals(m.matrix().data, back.transform(store).matrix().data);
    }
  }

  @Test
  void readRejectsForeignOrCutInput() throws IOException {
    byte[] good = bytes(FeatureSpec.DEFAULT.fit(Fixtures.randomStore(1, 10)).transform());
    byte[] foreign = good.clone();
    foreign[0] = 'X';
    IOException e = assertThrows(IOException.class, () -> read(foreign));
    assertTrue(e.getMessage().contains("not a feature transform"), e.getMessage());
    byte[] version = good.clone();
    version[7] = 9;
    assertThrows(IOException.class, () -> read(version));
    assertThrows(IOException.class, () -> read(Arrays.copyOf(good, good.length - 3)));
  }

  @Test
  void unscaleRecoversOriginalUnits() {
    for (long seed = 1; seed <= 5; seed++) {
      ProfileStore store = Fixtures.randomStore(seed, 50);
      ProfileMatrix scaled = FULL.fit(store);
      ProfileMatrix raw =
          FULL.toBuilder()
              .setScaling(Scaling.NONE)
              .setCountTransform(FeatureSpec.CountTransform.RAW)
              .get()
              .fit(store);
      FeatureTransform t = scaled.transform();
      assertEquals(t.featureNames(), raw.featureNames());
      for (int i = 0; i < scaled.rows(); i++) {
        for (int j = 0; j < scaled.cols(); j++) {
          double expected = raw.matrix().get(i, j);
          double actual = t.unscale(j, scaled.matrix().get(i, j));
          assertEquals(
              expected,
              actual,
              1e-4 * Math.max(1, Math.abs(expected)),
              "seed " + seed + ", row " + i + ", " + t.featureName(j));
        }
      }
    }
  }

  @Test
  void unscaleKeepsCountsRecenciesAndSharesInTheirDomain() {
    FeatureTransform t = FULL.fit(Fixtures.randomStore(7, 50)).transform();
    assertEquals(FeatureSpec.AffinityForm.SHARE, t.affinityForm());
    int bounded = 0;
    for (int j = 0; j < t.featureNames().size(); j++) {
      String name = t.featureName(j);
      boolean nonNegative =
          name.startsWith("count:")
              || name.startsWith("affinity:")
              || name.equals("recency_days")
              || name.equals("frequency")
              || name.equals("distinct_items");
      if (nonNegative) {
        bounded++;
        assertEquals(0.0, t.unscale(j, -1e6), 0, name + " far below its training range");
      }
      if (name.startsWith("affinity:")) {
        assertEquals(1.0, t.unscale(j, 1e6), 0, name + " is a share");
      }
    }
    assertTrue(bounded >= 4, "the spec has counts, RFM and affinities: " + t.featureNames());
  }

  @Test
  void centerAndScaleAreTheTrainingMeanAndStd() {
    ProfileStore store = Fixtures.randomStore(3, 30);
    FeatureTransform t =
        FeatureSpec.builder()
            .setGroups(EnumSet.of(FeatureGroup.MONETARY))
            .get()
            .fit(store)
            .transform();
    double[] v = store.profiles().stream().mapToDouble(UserProfile::totalValue).toArray();
    double mean = Arrays.stream(v).average().orElseThrow();
    double var = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length;
    assertEquals(mean, t.center(0), 1e-9);
    assertEquals(Math.sqrt(var), t.scale(0), 1e-9);
    assertEquals(mean, t.fill(0), 1e-9);
  }

  @Test
  void writesOnlyItsRangeAndChecksBounds() {
    ProfileStore store = Fixtures.randomStore(4, 20);
    FeatureTransform t = FULL.fit(store).transform();
    int d = t.dimension();
    float[] buf = new float[d + 10];
    Arrays.fill(buf, -7);
    t.transform(store.profiles().get(0), buf, 5);
    for (int i = 0; i < 5; i++) {
      assertEquals(-7, buf[i]);
      assertEquals(-7, buf[d + 5 + i]);
    }
    assertThrows(
        IllegalArgumentException.class, () -> t.transform(store.profiles().get(0), buf, 11));
    assertThrows(
        IllegalArgumentException.class, () -> t.transform(store.profiles().get(0), buf, -1));
  }

  @Test
  void liveEventsMoveTheRowThroughTheSameScaling() {
    ProfileStore store = Fixtures.randomStore(6, 40);
    ProfileMatrix m = FULL.fit(store);
    FeatureTransform t = m.transform();
    String user = m.userId(0);
    float[] before = new float[t.dimension()];
    t.transform(store.get(user).orElseThrow(), before, 0);
    store.accept(new Event(user, T0 + 59 * DAY, "buy", "i1", "books", 30));
    float[] after = new float[t.dimension()];
    t.transform(store.get(user).orElseThrow(), after, 0);
    int buy = t.indexOf("count:buy");
    int monetary = t.indexOf("monetary");
    assertTrue(after[buy] > before[buy]);
    assertEquals(before[monetary] + 30 / t.scale(monetary), after[monetary], 1e-4);
    // The fitted statistics did not move: the training rows are unchanged.
    assertArrayEquals(
        Arrays.copyOfRange(m.matrix().data, m.cols(), m.matrix().data.length),
        Arrays.copyOfRange(t.transform(store).matrix().data, m.cols(), m.matrix().data.length));
  }

  @Test
  void anExplicitAsOfMovesRecencyOnly() {
    ProfileStore store = ProfileStore.create();
    store.accept(new Event("a", T0, "view"));
    store.accept(new Event("b", T0 + 10 * DAY, "view"));
    FeatureTransform t =
        FeatureSpec.builder().setScaling(Scaling.NONE).get().fit(store).transform();
    int r = t.indexOf("recency_days");
    float[] row = new float[t.dimension()];
    t.transform(store.get("a").orElseThrow(), row, 0);
    assertEquals(10, row[r]);
    t.transform(store.get("a").orElseThrow(), T0 + 30 * DAY, row, 0);
    assertEquals(30, row[r]);
  }

  @Test
  void describesItsFeatures() {
    ProfileStore store = Fixtures.randomStore(8, 30);
    FeatureTransform t = FULL.fit(store).transform();
    int other = t.indexOf("attr:country=*other*");
    assertTrue(t.isIndicator(other));
    assertFalse(t.isIndicator(t.indexOf("monetary")));
    assertEquals(-1, t.indexOf("nope"));
    assertEquals(List.of("DE", "ES", "FR", "IT", "PL"), t.vocabulary("country"));
    assertThrows(IllegalArgumentException.class, () -> t.vocabulary("age"));
    assertEquals(t.dimension(), t.featureNames().size());
    assertNotEquals(t, FULL.toBuilder().setScaling(Scaling.NONE).get().fit(store).transform());
    assertFalse(t.toString().isEmpty());
  }

  @Test
  void namesTheStoreLearnsAfterFittingAreFound() {
    ProfileStore store = ProfileStore.create();
    store.accept(new Event("a", T0, "view"));
    store.accept(new Event("b", T0, "view"));
    FeatureTransform t =
        FeatureSpec.builder()
            .setGroups(EnumSet.of(FeatureGroup.TYPE_COUNTS))
            .setEventTypes(List.of("view", "refund"))
            .setScaling(Scaling.NONE)
            .setCountTransform(FeatureSpec.CountTransform.RAW)
            .get()
            .fit(store)
            .transform();
    float[] row = new float[2];
    t.transform(store.get("a").orElseThrow(), row, 0);
    assertArrayEquals(new float[] {1, 0}, row);
    store.accept(new Event("a", T0, "refund"));
    store.accept(new Event("a", T0, "refund"));
    t.transform(store.get("a").orElseThrow(), row, 0);
    assertArrayEquals(new float[] {1, 2}, row);
  }

  @Test
  void profilesOfAnotherStoreAreReadByName() {
    ProfileStore first = ProfileStore.create();
    first.accept(new Event("a", T0, "view", null, "books", Double.NaN));
    first.accept(new Event("a", T0, "buy", null, "music", 5));
    ProfileStore second = ProfileStore.create();
    // Interned in the other order, so ids differ between the stores.
    second.accept(new Event("a", T0, "buy", null, "music", 5));
    second.accept(new Event("a", T0, "view", null, "books", Double.NaN));
    // No scaling: with one user every scaled feature would be 0 and prove nothing.
    FeatureTransform t =
        FeatureSpec.builder().setScaling(Scaling.NONE).get().fit(first).transform();
    float[] one = new float[t.dimension()];
    float[] two = new float[t.dimension()];
    t.transform(first.get("a").orElseThrow(), one, 0);
    t.transform(second.get("a").orElseThrow(), two, 0);
    assertEquals(5, one[t.indexOf("monetary")]);
    assertEquals(0.5f, one[t.indexOf("affinity:books")]);
    assertArrayEquals(one, two);
    t.transform(first.get("a").orElseThrow(), two, 0);
    assertArrayEquals(one, two);
  }

  @Test
  void transformingARowAllocatesNothing() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
    ProfileStore store = ProfileStore.create();
    store.accept(new Event("a", T0, "view", null, "books", Double.NaN));
    store.accept(new Event("a", T0 + DAY, "buy", null, "music", 12));
    store.accept(new Event("b", T0, "buy", null, "books", 3));
    Fixtures.join(
        store, new Object[] {"a", "30", "FR", true}, new Object[] {"b", null, "DE", false});
    FeatureTransform t =
        FULL.toBuilder()
            .setGroups(EnumSet.complementOf(EnumSet.of(FeatureGroup.DISTINCT_ITEMS)))
            .setNumericAttributes(List.of("vip"))
            .get()
            .fit(store)
            .transform();
    UserProfile p = store.get("a").orElseThrow();
    float[] row = new float[t.dimension()];
    for (int i = 0; i < 20_000; i++) {
      t.transform(p, row, 0);
    }
    long id = Thread.currentThread().getId();
    long before = bean.getThreadAllocatedBytes(id);
    for (int i = 0; i < 10_000; i++) {
      t.transform(p, row, 0);
    }
    long allocated = bean.getThreadAllocatedBytes(id) - before;
    // Far below one small object per call; leaves room for the counter's own bookkeeping.
    assertTrue(allocated < 10_000, allocated + " bytes allocated by 10,000 rows");
  }
}
