package org.aidmp.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.Quarantine;
import org.aidmp.data.ReadCounts;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.profile.EventMapping;
import org.aidmp.profile.FeatureSpec;
import org.aidmp.profile.FeatureSpec.FeatureGroup;
import org.aidmp.profile.FeatureTransform;
import org.aidmp.profile.ProfileMatrix;
import org.aidmp.profile.ProfileStore;
import org.aidmp.profile.UserProfile;
import org.aidmp.progress.ProgressListener;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparkProfilesTest {
  private static final String[] TYPES = {"view", "cart", "purchase"};
  private static final String[] CATS = {"books", "garden", "music", "toys", "food"};
  private static final List<String> COLUMNS =
      List.of("user_id", "ts", "event", "item", "category", "price");
  private static final StructType SCHEMA = strings(COLUMNS);
  private static final EventMapping MAPPING =
      EventMapping.builder()
          .setUserIdColumn("user_id")
          .setTimestampColumn("ts")
          .setTypeColumn("event")
          .setItemColumn("item")
          .setCategoryColumn("category")
          .setValueColumn("price")
          .setAllowedTypes(List.of(TYPES))
          .get();

  private static List<String[]> raw;
  private static ProfileStore store;
  private static ReadCounts report;
  private static SparkProfiles sparkProfiles;
  private static SparkProfiles.Ingest ingest;

  private static StructType strings(List<String> names) {
    StructType s = new StructType();
    for (String n : names) {
      s = s.add(n, DataTypes.StringType, true);
    }
    return s;
  }

  @BeforeAll
  static void events() {
    SplittableRandom r = new SplittableRandom(21);
    raw = new ArrayList<>();
    long t0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    for (int i = 0; i < 4000; i++) {
      String user = "u" + r.nextInt(250);
      String type = TYPES[r.nextInt(10) < 7 ? 0 : r.nextInt(3)];
      String ts = Instant.ofEpochMilli(t0 + r.nextLong(90L * 86_400_000)).toString();
      String item = r.nextInt(5) == 0 ? null : "sku" + r.nextInt(60);
      String cat = r.nextInt(6) == 0 ? null : CATS[r.nextInt(CATS.length)];
      // prices in cents: sums are exact in any order
      String price = type.equals("purchase") ? String.valueOf(r.nextInt(10_000) / 4.0) : null;
      raw.add(new String[] {user, ts, type, item, cat, price});
    }
    // bad rows: missing user, unreadable time, non-number price, unknown type, infinite price
    raw.add(new String[] {null, "2026-01-02T00:00:00Z", "view", "sku1", "books", null});
    raw.add(new String[] {"u1", "yesterday", "view", "sku1", "books", null});
    raw.add(new String[] {"u2", "2026-01-02T00:00:00Z", "purchase", "sku1", "books", "ten"});
    raw.add(new String[] {"u3", "2026-01-02T00:00:00Z", "refund", "sku1", "books", null});
    raw.add(new String[] {"u4", "2026-01-02T00:00:00Z", "purchase", "sku1", "books", "Infinity"});

    store =
        ProfileStore.builder()
            .setHalfLife(Duration.ofDays(14))
            .setAffinityWeight("purchase", 5)
            .setAffinityWeight("cart", 0)
            .setDistinctItemLimit(8)
            .build();
    List<Record> records = new ArrayList<>();
    Schema schema = Schema.ofStrings(COLUMNS);
    for (String[] row : raw) {
      records.add(Record.of(schema, (Object[]) row));
    }
    report =
        store.ingest(
            Source.of(schema, "events", records),
            MAPPING,
            BadRecordPolicy.QUARANTINE,
            Quarantine.inMemory(),
            ProgressListener.NONE);

    sparkProfiles =
        SparkProfiles.builder()
            .setHalfLife(Duration.ofDays(14))
            .setAffinityWeight("purchase", 5)
            .setAffinityWeight("cart", 0)
            .setDistinctItemLimit(8)
            .get();
    ingest = sparkProfiles.ingest(frame(), MAPPING, "events");
  }

  private static Dataset<Row> frame() {
    List<Row> rows = new ArrayList<>();
    for (String[] r : raw) {
      rows.add(RowFactory.create((Object[]) r));
    }
    return SparkTestSession.get().createDataFrame(rows, SCHEMA).repartition(3);
  }

  @Test
  void theRowAccountMatchesTheStoresAndHolds() {
    assertEquals(report.read(), ingest.read());
    assertEquals(report.accepted(), ingest.accepted());
    assertEquals(report.quarantined(), ingest.quarantined());
    assertEquals(5, ingest.quarantined());
    assertEquals(ingest.read(), ingest.accepted() + ingest.quarantined() + ingest.skipped());
    List<Row> q = ingest.quarantine().collectAsList();
    assertEquals(5, q.size());
    List<String> reasons = new ArrayList<>();
    for (Row r : q) {
      reasons.add(r.getString(r.fieldIndex("column")) + ": " + r.getString(r.fieldIndex("reason")));
      assertTrue(r.getLong(r.fieldIndex("line")) > 0);
    }
    assertTrue(reasons.contains("user_id: user id is missing"), reasons.toString());
    assertTrue(
        reasons.stream().anyMatch(s -> s.startsWith("price: value is not a")), reasons.toString());
    assertEquals(ingest.accepted(), ingest.events().count());
  }

  @Test
  void skipAndFailFollowThePolicy() {
    SparkProfiles.Ingest skip =
        sparkProfiles.toBuilder()
            .setPolicy(BadRecordPolicy.SKIP)
            .get()
            .ingest(frame(), MAPPING, "events");
    assertEquals(5, skip.skipped());
    assertEquals(0, skip.quarantined());
    assertEquals(skip.read(), skip.accepted() + skip.skipped());
    assertEquals(0, skip.quarantine().count());
    skip.release();
    BadRecordException e =
        assertThrows(
            BadRecordException.class,
            () ->
                sparkProfiles.toBuilder()
                    .setPolicy(BadRecordPolicy.FAIL)
                    .get()
                    .ingest(frame(), MAPPING, "events"));
    assertTrue(e.getMessage().contains("events partition"), e.getMessage());
  }

  @Test
  void aggregatesEqualTheProfileStores() {
    long asOf = SparkProfiles.latest(ingest.events());
    List<Row> rows = sparkProfiles.profiles(ingest.events(), asOf).collectAsList();
    assertEquals(store.size(), rows.size());
    for (Row r : rows) {
      UserProfile p = store.get(r.getString(0)).orElseThrow();
      String who = "a user's ";
      assertEquals(p.eventCount(), r.getLong(1), who + "events");
      assertEquals(p.firstSeen().getAsLong(), r.getLong(2), who + "first seen");
      assertEquals(p.lastSeen().getAsLong(), r.getLong(3), who + "last seen");
      assertEquals(p.valuedEventCount(), r.getLong(4), who + "valued");
      assertEquals(p.totalValue(), r.getDouble(5), who + "total value");
      Map<String, Long> counts = r.getJavaMap(6);
      Map<String, Long> last = r.getJavaMap(7);
      Map<String, Double> values = r.getJavaMap(8);
      assertEquals(p.counts(), new HashMap<>(counts), who + "counts");
      for (String t : TYPES) {
        assertEquals(p.count(t), counts.getOrDefault(t, 0L));
        if (p.count(t) > 0) {
          assertEquals(p.lastSeen(t).getAsLong(), last.get(t), who + "last " + t);
          assertEquals(p.value(t), values.get(t), who + "value " + t);
        }
      }
      Map<String, Double> aff = r.getJavaMap(9);
      Map<String, Double> want = p.affinities(asOf);
      assertEquals(want.keySet(), aff.keySet(), who + "categories");
      for (String c : want.keySet()) {
        assertEquals(want.get(c), aff.get(c), 1e-12 * Math.max(1, want.get(c)), who + c);
      }
      assertEquals(p.distinctItems(), r.getInt(10), who + "distinct items");
      assertEquals(p.distinctItemsSaturated(), r.getBoolean(11));
    }
  }

  @Test
  void featuresGiveTheSameTransformAndRows() {
    FeatureSpec spec =
        FeatureSpec.builder()
            .setGroups(
                EnumSet.of(
                    FeatureGroup.TYPE_COUNTS,
                    FeatureGroup.RECENCY,
                    FeatureGroup.FREQUENCY,
                    FeatureGroup.MONETARY,
                    FeatureGroup.DISTINCT_ITEMS,
                    FeatureGroup.CATEGORY_AFFINITY))
            .setRfmTypes(List.of("purchase"))
            .setTopCategories(4)
            .get();
    ProfileMatrix one = spec.fit(store);
    FeatureTransform want = one.transform();
    long asOf = SparkProfiles.latest(ingest.events());
    SparkProfiles.Features f =
        sparkProfiles.features(sparkProfiles.profiles(ingest.events(), asOf), spec, asOf);
    FeatureTransform got = f.transform();
    assertEquals(want.featureNames(), got.featureNames());
    assertEquals(want.asOf(), got.asOf());
    for (int j = 0; j < want.dimension(); j++) {
      double tol = 1e-9 * Math.max(1, Math.abs(want.center(j)));
      assertEquals(want.center(j), got.center(j), tol, want.featureName(j));
      assertEquals(want.scale(j), got.scale(j), 1e-9 * Math.max(1, want.scale(j)));
      assertEquals(want.fill(j), got.fill(j), 1e-9 * Math.max(1, Math.abs(want.fill(j))));
    }
    int d = want.dimension();
    int compared = 0;
    for (Row r : f.rows().collectAsList()) {
      int i = one.rowOf(r.getString(0));
      List<Object> v = r.getList(1);
      for (int j = 0; j < d; j++) {
        assertEquals(one.matrix().get(i, j), ((Number) v.get(j)).floatValue(), 1e-5f);
      }
      compared++;
    }
    assertEquals(one.rows(), compared);
    // and the transform from Spark scores a user in one JVM exactly as the store's own does
    float[] a = new float[d];
    float[] b = new float[d];
    UserProfile p = store.get("u7").orElseThrow();
    want.transform(p, a, 0);
    got.transform(p, b, 0);
    for (int j = 0; j < d; j++) {
      assertEquals(a[j], b[j], 1e-5f);
    }
  }
}
