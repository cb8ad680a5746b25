package org.aidmp.profile;

import static org.aidmp.profile.Fixtures.DAY;
import static org.aidmp.profile.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.aidmp.profile.FeatureSpec.AffinityForm;
import org.aidmp.profile.FeatureSpec.CountTransform;
import org.aidmp.profile.FeatureSpec.FeatureGroup;
import org.aidmp.profile.FeatureSpec.MissingFill;
import org.junit.jupiter.api.Test;

class FeatureSpecTest {
  private static ProfileStore small() {
    ProfileStore s = ProfileStore.create();
    s.accept(new Event("a", T0, "view", "i1", "books", Double.NaN));
    s.accept(new Event("a", T0 + DAY, "buy", "i1", "books", 20));
    s.accept(new Event("b", T0 + 2 * DAY, "view", "i2", "music", Double.NaN));
    s.accept(new Event("c", T0 + 4 * DAY, "buy", "i3", "music", 40));
    s.accept(new Event("c", T0 + 4 * DAY, "buy", "i3", "books", 60));
    return s;
  }

  private static float[] column(ProfileMatrix m, String feature) {
    int j = m.transform().indexOf(feature);
    assertTrue(j >= 0, feature + " not in " + m.featureNames());
    float[] c = new float[m.rows()];
    for (int i = 0; i < m.rows(); i++) {
      c[i] = m.matrix().get(i, j);
    }
    return c;
  }

  @Test
  void defaultFeaturesInDocumentedOrder() {
    ProfileMatrix m = FeatureSpec.DEFAULT.fit(small());
    assertEquals(
        List.of(
            "count:buy",
            "count:view",
            "recency_days",
            "frequency",
            "monetary",
            "affinity:books",
            "affinity:music"),
        m.featureNames());
    assertEquals(List.of("a", "b", "c"), m.userIds());
    assertEquals(Instant.ofEpochMilli(T0 + 4 * DAY), m.transform().asOf());
  }

  @Test
  void unscaledValuesAreThePlainAggregates() {
    ProfileMatrix m =
        FeatureSpec.builder()
            .setScaling(Scaling.NONE)
            .setCountTransform(CountTransform.RAW)
            .setAffinityForm(AffinityForm.SCORE)
            .get()
            .fit(small());
    assertArrayEquals(new float[] {1, 0, 2}, column(m, "count:buy"));
    assertArrayEquals(new float[] {3, 2, 0}, column(m, "recency_days"));
    assertArrayEquals(new float[] {2, 1, 2}, column(m, "frequency"));
    assertArrayEquals(new float[] {20, 0, 100}, column(m, "monetary"));
    double h = 30.0;
    float[] books = column(m, "affinity:books");
    assertEquals(Math.pow(2, -4 / h) + Math.pow(2, -3 / h), books[0], 1e-6);
    assertEquals(0, books[1]);
    assertEquals(1, books[2], 1e-6);
  }

  /** The standard scaling of plain values, computed directly for comparison. */
  private static double[][] standardize(double[][] raw) {
    int n = raw.length;
    int d = raw[0].length;
    double[][] out = new double[n][d];
    for (int j = 0; j < d; j++) {
      double mean = 0;
      for (double[] r : raw) {
        mean += r[j];
      }
      mean /= n;
      double var = 0;
      for (double[] r : raw) {
        var += (r[j] - mean) * (r[j] - mean);
      }
      double std = Math.sqrt(var / n);
      for (int i = 0; i < n; i++) {
        out[i][j] = std == 0 ? 0 : (raw[i][j] - mean) / std;
      }
    }
    return out;
  }

  @Test
  void standardScalingMatchesAPlainComputation() {
    for (long seed = 1; seed <= 10; seed++) {
      ProfileStore store = Fixtures.randomStore(seed, 60);
      long asOf = T0 + 70 * DAY;
      FeatureSpec spec =
          FeatureSpec.builder()
              .setAsOf(Instant.ofEpochMilli(asOf))
              .setEventTypes(List.of("view", "buy"))
              .setRfmTypes(List.of("buy"))
              .setNumericAttributes(List.of("age"))
              .get();
      ProfileMatrix m = spec.fit(store);
      List<UserProfile> users = store.profiles();
      double[][] raw = new double[users.size()][];
      double ageSum = 0;
      int ageCount = 0;
      for (UserProfile p : users) {
        if (p.attribute("age") != null) {
          ageSum += Double.parseDouble((String) p.attribute("age"));
          ageCount++;
        }
      }
      List<Double> recencies = new ArrayList<>();
      for (UserProfile p : users) {
        if (p.lastSeen("buy").isPresent()) {
          recencies.add(Math.max(0, asOf - p.lastSeen("buy").getAsLong()) / (double) DAY);
        }
      }
      double recencyMean = recencies.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      String[] cats = {"books", "garden", "music", "toys"};
      for (int i = 0; i < users.size(); i++) {
        UserProfile p = users.get(i);
        double[] r = new double[6 + cats.length];
        r[0] = Math.log1p(p.count("view"));
        r[1] = Math.log1p(p.count("buy"));
        r[2] =
            p.lastSeen("buy").isPresent()
                ? Math.max(0, asOf - p.lastSeen("buy").getAsLong()) / (double) DAY
                : recencyMean;
        r[3] = Math.log1p(p.count("buy"));
        r[4] = p.value("buy");
        double total = p.totalAffinity(asOf);
        for (int c = 0; c < cats.length; c++) {
          r[5 + c] = total > 0 ? p.affinity(cats[c], asOf) / total : 0;
        }
        Object age = p.attribute("age");
        r[5 + cats.length] = age == null ? ageSum / ageCount : Double.parseDouble((String) age);
        raw[i] = r;
      }
      double[][] expected = standardize(raw);
      assertEquals(
          List.of(
              "count:view",
              "count:buy",
              "recency_days",
              "frequency",
              "monetary",
              "affinity:books",
              "affinity:garden",
              "affinity:music",
              "affinity:toys",
              "attr:age"),
          m.featureNames(),
          "seed " + seed);
      for (int i = 0; i < users.size(); i++) {
        for (int j = 0; j < expected[i].length; j++) {
          assertEquals(
              expected[i][j],
              m.matrix().get(i, j),
              2e-5,
              "seed " + seed + ", row " + i + ", feature " + m.featureNames().get(j));
        }
      }
    }
  }

  @Test
  void minMaxSpansZeroToOne() {
    ProfileMatrix m =
        FeatureSpec.builder().setScaling(Scaling.MIN_MAX).get().fit(Fixtures.randomStore(5, 80));
    for (int j = 0; j < m.cols(); j++) {
      float lo = Float.MAX_VALUE;
      float hi = -Float.MAX_VALUE;
      for (int i = 0; i < m.rows(); i++) {
        lo = Math.min(lo, m.matrix().get(i, j));
        hi = Math.max(hi, m.matrix().get(i, j));
      }
      assertEquals(0, lo, 1e-6, m.featureNames().get(j));
      assertEquals(1, hi, 1e-6, m.featureNames().get(j));
    }
  }

  @Test
  void constantFeaturesScaleToZero() {
    ProfileStore s = ProfileStore.create();
    s.accept(new Event("a", T0, "view"));
    s.accept(new Event("b", T0 + DAY, "view"));
    for (Scaling scaling : Scaling.values()) {
      ProfileMatrix m =
          FeatureSpec.builder()
              .setScaling(scaling)
              .setGroups(EnumSet.of(FeatureGroup.TYPE_COUNTS, FeatureGroup.RECENCY))
              .get()
              .fit(s);
      float[] views = column(m, "count:view");
      if (scaling == Scaling.NONE) {
        assertArrayEquals(new float[] {(float) Math.log1p(1), (float) Math.log1p(1)}, views);
      } else {
        assertArrayEquals(new float[] {0, 0}, views, scaling.toString());
        assertEquals(0, m.transform().scale(m.transform().indexOf("count:view")));
        // Unscaling gives the constant back in original units: one view.
        assertEquals(1.0, m.transform().unscale(0, 5.0), 1e-12);
      }
    }
  }

  private static ProfileStore withCountries() {
    ProfileStore s = ProfileStore.create();
    Fixtures.join(
        s,
        new Object[] {"a", "30", "FR", true},
        new Object[] {"b", "40", "DE", false},
        new Object[] {"c", null, "FR", null},
        new Object[] {"d", "50", null, true},
        new Object[] {"e", "60", "IT", false});
    return s;
  }

  private static FeatureSpec.Builder countryOnly() {
    return FeatureSpec.builder()
        .setGroups(EnumSet.noneOf(FeatureGroup.class))
        .setCategoricalAttributes(List.of("country"));
  }

  @Test
  void oneHotUnderEachUnseenPolicy() {
    ProfileStore s = withCountries();
    ProfileMatrix ignore = countryOnly().get().fit(s);
    assertEquals(
        List.of("attr:country=DE", "attr:country=FR", "attr:country=IT"), ignore.featureNames());
    assertArrayEquals(new float[] {1, 0, 1, 0, 0}, column(ignore, "attr:country=FR"));
    assertArrayEquals(new float[] {0, 0, 0, 0, 1}, column(ignore, "attr:country=IT"));
    ProfileMatrix other =
        countryOnly().setUnseenCategoryPolicy(UnseenCategoryPolicy.OTHER).get().fit(s);
    assertEquals("attr:country=*other*", other.featureNames().get(3));
    assertArrayEquals(new float[] {0, 0, 0, 0, 0}, column(other, "attr:country=*other*"));
    ProfileMatrix error =
        countryOnly().setUnseenCategoryPolicy(UnseenCategoryPolicy.ERROR).get().fit(s);

    Fixtures.join(s, new Object[] {"f", "20", "ES", true});
    UserProfile f = s.get("f").orElseThrow();
    float[] row = new float[4];
    Arrays.fill(row, 9);
    ignore.transform().transform(f, row, 0);
    assertArrayEquals(new float[] {0, 0, 0, 9}, row);
    other.transform().transform(f, row, 0);
    assertArrayEquals(new float[] {0, 0, 0, 1}, row);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> error.transform().transform(f, new float[3], 0));
    assertTrue(
        e.getMessage().contains("'country'") && !e.getMessage().contains("ES"), e.getMessage());
  }

  @Test
  void categoryLimitKeepsTheMostFrequentValues() {
    ProfileStore s = withCountries();
    ProfileMatrix m =
        countryOnly()
            .setMaxCategoriesPerAttribute(1)
            .setUnseenCategoryPolicy(UnseenCategoryPolicy.OTHER)
            .get()
            .fit(s);
    assertEquals(List.of("attr:country=FR", "attr:country=*other*"), m.featureNames());
    assertArrayEquals(new float[] {0, 1, 0, 0, 1}, column(m, "attr:country=*other*"));
    assertEquals(List.of("FR"), m.transform().vocabulary("country"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                countryOnly()
                    .setMaxCategoriesPerAttribute(2)
                    .setUnseenCategoryPolicy(UnseenCategoryPolicy.ERROR)
                    .get()
                    .fit(s));
    assertTrue(e.getMessage().contains("3 distinct values"), e.getMessage());
  }

  @Test
  void numericAttributesAreFilledByTheChosenStatistic() {
    ProfileStore s = withCountries();
    float[][] expected = {
      {30, 40, 45, 50, 60}, {30, 40, 0, 50, 60}, {30, 40, 30, 50, 60}, {30, 40, 60, 50, 60}
    };
    for (MissingFill fill : MissingFill.values()) {
      ProfileMatrix m =
          FeatureSpec.builder()
              .setGroups(EnumSet.noneOf(FeatureGroup.class))
              .setNumericAttributes(List.of("age", "vip"))
              .setMissingFill(fill)
              .setScaling(Scaling.NONE)
              .get()
              .fit(s);
      assertArrayEquals(expected[fill.ordinal()], column(m, "attr:age"), fill.toString());
      float vipFill =
          switch (fill) {
            case MEAN -> 0.5f;
            case ZERO, MIN -> 0f;
            case MAX -> 1f;
          };
      assertArrayEquals(new float[] {1, 0, vipFill, 1, 0}, column(m, "attr:vip"), fill.toString());
    }
  }

  @Test
  void usersWithoutEventsGetFilledRecency() {
    ProfileStore s = small();
    Fixtures.join(s, new Object[] {"z", "1", "FR", true});
    ProfileMatrix m =
        FeatureSpec.builder().setScaling(Scaling.NONE).setMissingFill(MissingFill.MAX).get().fit(s);
    assertArrayEquals(new float[] {3, 2, 0, 3}, column(m, "recency_days"));
    assertArrayEquals(
        new float[] {0, 0, 0, 0},
        new float[] {
          m.matrix().get(3, m.transform().indexOf("frequency")),
          m.matrix().get(3, m.transform().indexOf("monetary")),
          m.matrix().get(3, m.transform().indexOf("affinity:books")),
          m.matrix().get(3, m.transform().indexOf("count:buy"))
        });
  }

  @Test
  void topCategoriesKeepTheLargestTotals() {
    ProfileStore s = ProfileStore.create();
    for (int i = 0; i < 5; i++) {
      s.accept(new Event("u" + i, T0, "view", null, "big", Double.NaN));
    }
    for (int i = 0; i < 3; i++) {
      s.accept(new Event("u" + i, T0, "view", null, "mid", Double.NaN));
    }
    s.accept(new Event("u9", T0, "view", null, "aaa-small", Double.NaN));
    ProfileMatrix m =
        FeatureSpec.builder()
            .setGroups(EnumSet.of(FeatureGroup.CATEGORY_AFFINITY))
            .setTopCategories(2)
            .get()
            .fit(s);
    assertEquals(List.of("affinity:big", "affinity:mid"), m.featureNames());
  }

  @Test
  void distinctItemsNeedsATrackingStore() {
    FeatureSpec spec =
        FeatureSpec.builder()
            .setGroups(EnumSet.of(FeatureGroup.DISTINCT_ITEMS))
            .setScaling(Scaling.NONE)
            .setCountTransform(CountTransform.RAW)
            .get();
    assertThrows(IllegalArgumentException.class, () -> spec.fit(small()));
    ProfileStore tracking = ProfileStore.builder().setDistinctItemLimit(5).build();
    tracking.accept(new Event("a", 1, "view", "x", null, Double.NaN));
    tracking.accept(new Event("a", 1, "view", "y", null, Double.NaN));
    tracking.accept(new Event("b", 1, "view", "x", null, Double.NaN));
    assertArrayEquals(new float[] {2, 1}, column(spec.fit(tracking), "distinct_items"));
  }

  @Test
  void fittingFailsClearlyOnUnusableInput() {
    assertThrows(
        IllegalArgumentException.class, () -> FeatureSpec.DEFAULT.fit(ProfileStore.create()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FeatureSpec.builder().setNumericAttributes(List.of("income")).get().fit(small()));
    assertTrue(e.getMessage().contains("'income'"), e.getMessage());
    ProfileStore s = withCountries();
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FeatureSpec.builder().setNumericAttributes(List.of("country")).get().fit(s));
    assertTrue(e.getMessage().contains("categorical"), e.getMessage());
  }

  @Test
  void builderRejectsConflictingSettings() {
    assertThrows(
        IllegalArgumentException.class,
        () -> FeatureSpec.builder().setGroups(EnumSet.noneOf(FeatureGroup.class)).get());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FeatureSpec.builder()
                .setGroups(EnumSet.of(FeatureGroup.RECENCY))
                .setEventTypes(List.of("view"))
                .get());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FeatureSpec.builder()
                .setGroups(EnumSet.of(FeatureGroup.TYPE_COUNTS))
                .setRfmTypes(List.of("buy"))
                .get());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FeatureSpec.builder()
                .setGroups(EnumSet.of(FeatureGroup.TYPE_COUNTS))
                .setTopCategories(3)
                .get());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FeatureSpec.builder()
                .setNumericAttributes(List.of("x"))
                .setCategoricalAttributes(List.of("x"))
                .get());
    assertThrows(
        IllegalArgumentException.class,
        () -> FeatureSpec.builder().setEventTypes(List.of("a", "a")));
    assertThrows(IllegalArgumentException.class, () -> FeatureSpec.builder().setTopCategories(-1));
    assertThrows(
        IllegalArgumentException.class,
        () -> FeatureSpec.builder().setMaxCategoriesPerAttribute(0));
  }

  @Test
  void toBuilderRoundTrips() {
    FeatureSpec s =
        FeatureSpec.builder()
            .setScaling(Scaling.MIN_MAX)
            .setTopCategories(4)
            .setAsOf(Instant.EPOCH)
            .setNumericAttributes(List.of("age"))
            .get();
    assertEquals(s, s.toBuilder().get());
    assertEquals(s.hashCode(), s.toBuilder().get().hashCode());
    assertEquals(FeatureSpec.DEFAULT, FeatureSpec.builder().get());
    assertTrue(FeatureSpec.DEFAULT.asOf().isEmpty());
  }

  @Test
  void reportsProgressPerPass() {
    List<Long> passes = new ArrayList<>();
    FeatureSpec.DEFAULT.fit(
        small(),
        (task, done, total) -> {
          if (task.equals("fit features")) {
            passes.add(done);
          }
        });
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L), passes);
  }

  @Test
  void transformingATrainingUserAgainGivesTheIdenticalRow() {
    for (long seed = 1; seed <= 20; seed++) {
      ProfileStore store = Fixtures.randomStore(seed, 40);
      FeatureSpec spec =
          FeatureSpec.builder()
              .setGroups(EnumSet.allOf(FeatureGroup.class))
              .setNumericAttributes(List.of("age", "vip"))
              .setCategoricalAttributes(List.of("country"))
              .setUnseenCategoryPolicy(UnseenCategoryPolicy.OTHER)
              .setScaling(Scaling.values()[(int) (seed % 3)])
              .get();
      ProfileMatrix m = spec.fit(store);
      float[] row = new float[m.cols()];
      for (int i = 0; i < m.rows(); i++) {
        m.transform().transform(store.get(m.userId(i)).orElseThrow(), row, 0);
        float[] fitted = Arrays.copyOfRange(m.matrix().data, i * m.cols(), (i + 1) * m.cols());
        assertArrayEquals(fitted, row, "seed " + seed + ", user " + m.userId(i));
      }
    }
  }

  @Test
  void setGroupsAcceptsAnImmutableListAndRejectsNullInAMutableOne() {
    FeatureSpec spec =
        FeatureSpec.builder().setGroups(java.util.List.of(FeatureGroup.RECENCY)).get();
    assertEquals(EnumSet.of(FeatureGroup.RECENCY), spec.groups());
    java.util.List<FeatureGroup> withNull = new java.util.ArrayList<>();
    withNull.add(null);
    assertThrows(IllegalArgumentException.class, () -> FeatureSpec.builder().setGroups(withNull));
  }

  @Test
  void assembleFromTheFittedStatisticsGivesAnEqualTransform() {
    FeatureSpec spec = FeatureSpec.builder().setCategoricalAttributes(List.of()).get();
    FeatureTransform fitted = spec.fit(small()).transform();
    int d = fitted.dimension();
    double[] center = new double[d];
    double[] scale = new double[d];
    double[] fill = new double[d];
    for (int j = 0; j < d; j++) {
      center[j] = fitted.center(j);
      scale[j] = fitted.scale(j);
      fill[j] = fitted.fill(j);
    }
    FeatureTransform assembled =
        spec.assemble(
            fitted.asOf().toEpochMilli(),
            List.of("buy", "view"),
            List.of("books", "music"),
            java.util.Map.of(),
            center,
            scale,
            fill);
    assertEquals(fitted, assembled);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                spec.assemble(
                    0L, List.of("buy"), List.of(), java.util.Map.of(), center, scale, fill));
    assertTrue(e.getMessage().contains("pass one per column"), e.getMessage());
  }
}
