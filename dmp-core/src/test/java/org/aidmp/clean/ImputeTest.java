package org.aidmp.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.aidmp.clean.Impute.Strategy;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.junit.jupiter.api.Test;

class ImputeTest {
  private static final Schema S =
      Schema.builder()
          .add("age", ColumnType.INT)
          .add("income", ColumnType.DOUBLE)
          .add("city", ColumnType.STRING)
          .add("country", ColumnType.STRING)
          .build();

  private static Source data() {
    return Rows.source(
        S,
        new Object[] {20, 10.0, "Paris", "FR"},
        new Object[] {null, 30.0, "Lyon", null},
        new Object[] {31, null, "Lyon", ""},
        new Object[] {40, 20.0, " ", "DE"},
        new Object[] {null, 1000.0, "Paris", "FR"});
  }

  @Test
  void fitsMeanMedianAndModeAndFillsMissingValues() {
    Impute impute =
        Impute.builder()
            .mean("age")
            .median("income")
            .mode("city")
            .constant("country", "unknown")
            .get();
    assertFalse(impute.isFitted());
    Impute fitted = impute.fit(data());
    assertTrue(fitted.isFitted());
    // mean(20, 31, 40) = 30.33 -> 30; median(10, 20, 30, 1000) = 25; mode: Paris and Lyon tie 2-2,
    // and Paris was seen first.
    assertEquals(
        Map.of("age", 30, "income", 25.0, "city", "Paris", "country", "unknown"), fitted.values());
    Record r = fitted.clean(Rows.row(S, 9, null, null, "", null));
    assertEquals(Arrays.asList(30, 25.0, "Paris", "unknown"), Arrays.asList(r.values()));
    Record full = Rows.row(S, 9, 1, 2.0, "x", "y");
    assertSame(full, fitted.bind(S).clean(full));
  }

  @Test
  void integerStatisticsRoundHalfUp() {
    Schema s = Schema.builder().add("n", ColumnType.LONG).build();
    Impute median =
        Impute.builder()
            .median("n")
            .get()
            .fit(Rows.source(s, new Object[] {1L}, new Object[] {2L}));
    assertEquals(2L, median.values().get("n"));
    Impute mean =
        Impute.builder()
            .mean("n")
            .get()
            .fit(Rows.source(s, new Object[] {-1L}, new Object[] {-2L}));
    assertEquals(-1L, mean.values().get("n"), "-1.5 rounds half up to -1");
  }

  @Test
  void statisticsMatchAPlainReferenceOnRandomData() {
    Schema s = Schema.builder().add("x", ColumnType.DOUBLE).add("c", ColumnType.STRING).build();
    SplittableRandom rnd = new SplittableRandom(99);
    for (int trial = 0; trial < 50; trial++) {
      int n = 1 + rnd.nextInt(3000);
      List<Record> rows = new ArrayList<>();
      List<Double> xs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Double x = rnd.nextInt(4) == 0 ? null : rnd.nextGaussian() * 100;
        if (x != null) {
          xs.add(x);
        }
        rows.add(Record.of(s, x, "c" + rnd.nextInt(7)));
      }
      if (xs.isEmpty()) {
        continue;
      }
      Source src = Source.of(s, "random", rows);
      Impute fitted = Impute.builder().mean("x").get().fit(src);
      double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      assertEquals(
          mean,
          (Double) fitted.values().get("x"),
          1e-9 * (1 + Math.abs(mean)),
          "trial " + trial + " n " + n);
      double[] sorted = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double median =
          sorted.length % 2 == 1
              ? sorted[sorted.length / 2]
              : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
      assertEquals(
          median,
          Impute.builder().median("x").get().fit(src).values().get("x"),
          "trial " + trial + " n " + n);
    }
  }

  @Test
  void unfittedImputerRefusesToClean() {
    Impute impute = Impute.builder().mean("age").get();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> impute.clean(Rows.row(S, 2, null, null, null, null)));
    assertTrue(e.getMessage().contains("[age]"), e.getMessage());
  }

  @Test
  void constantsOnlyNeedNoFit() {
    Impute c = Impute.builder().constant("city", "?").get();
    assertTrue(c.isFitted());
    assertEquals("?", c.clean(Rows.row(S, 2, 1, 1.0, null, "x")).get("city"));
    assertEquals(Map.of("city", Strategy.CONSTANT), c.strategies());
  }

  @Test
  void aColumnWithoutValuesCannotBeFitted() {
    Source empty = Rows.source(S, new Object[] {null, null, null, null});
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> Impute.builder().median("income").get().fit(empty));
    assertTrue(e.getMessage().contains("'income'"), e.getMessage());
  }

  @Test
  void typesAreCheckedAtBindTime() {
    assertThrows(
        IllegalArgumentException.class, () -> Impute.builder().mean("city").get().fitter(S));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Impute.builder().constant("age", "ten").get().bind(S));
    assertTrue(e.getMessage().contains("Integer"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Impute.builder().mean("age").median("age"));
    assertThrows(IllegalArgumentException.class, () -> Impute.builder().get());
  }

  @Test
  void fittedValuesCarryOverThroughToBuilder() {
    Impute fitted = Impute.builder().mean("age").get().fit(data());
    Impute copy = fitted.toBuilder().setName("again").get();
    assertTrue(copy.isFitted());
    assertEquals(fitted.values(), copy.values());
    assertTrue(copy.toString().contains("age=MEAN"), copy.toString());
  }

  @Test
  void fittedValuesCanBeRestoredWithoutTheData() {
    Impute fitted = Impute.builder().mean("age").mode("city").get().fit(data());
    Impute restored =
        Impute.builder()
            .mean("age")
            .mode("city")
            .setFitted("age", fitted.values().get("age"))
            .setFitted("city", fitted.values().get("city"))
            .get();
    assertTrue(restored.isFitted());
    assertEquals(fitted.values(), restored.values());
    assertEquals(fitted.strategies(), restored.strategies());
    assertThrows(
        IllegalArgumentException.class,
        () -> Impute.builder().constant("age", 1).setFitted("age", 2));
    assertThrows(IllegalArgumentException.class, () -> Impute.builder().setFitted("age", 2));
    Impute wrongType = Impute.builder().mean("age").setFitted("age", 2.5).get();
    assertThrows(IllegalArgumentException.class, () -> wrongType.bind(S));
  }
}
