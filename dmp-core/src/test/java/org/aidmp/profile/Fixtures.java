package org.aidmp.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;

/** Small stores for the feature tests. */
final class Fixtures {
  static final long DAY = 86_400_000L;
  static final long T0 = 1_700_000_000_000L;

  private Fixtures() {}

  static final Schema ATTRS =
      Schema.builder()
          .add("id", ColumnType.STRING)
          .add("age", ColumnType.STRING)
          .add("country", ColumnType.CATEGORY)
          .add("vip", ColumnType.BOOLEAN)
          .build();

  /** Joins attribute rows {id, age text, country, vip}. */
  static void join(ProfileStore store, Object[]... rows) {
    List<Record> records = new ArrayList<>();
    for (Object[] r : rows) {
      records.add(Record.of(ATTRS, r));
    }
    store.joinAttributes(Source.of(ATTRS, "attrs", records), "id", BadRecordPolicy.FAIL, null);
  }

  /** A random store of {@code users} users with events and, for most, attributes. */
  static ProfileStore randomStore(long seed, int users) {
    SplittableRandom rnd = new SplittableRandom(seed);
    ProfileStore store =
        ProfileStore.builder().setHalfLife(Duration.ofDays(7)).setDistinctItemLimit(50).build();
    String[] types = {"view", "cart", "buy"};
    String[] cats = {"books", "music", "toys", "garden"};
    String[] countries = {"FR", "DE", "IT", "ES", "PL"};
    List<Object[]> attrs = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      String id = String.format("u%04d", u);
      int n = rnd.nextInt(0, 30);
      for (int i = 0; i < n; i++) {
        String type = types[rnd.nextInt(types.length)];
        store.accept(
            new Event(
                id,
                T0 + rnd.nextLong(60 * DAY),
                type,
                "i" + rnd.nextInt(100),
                rnd.nextInt(4) == 0 ? null : cats[rnd.nextInt(cats.length)],
                type.equals("buy") ? rnd.nextInt(1, 200) : Double.NaN));
      }
      if (n == 0 || rnd.nextInt(5) > 0) {
        String age = rnd.nextInt(6) == 0 ? null : Integer.toString(rnd.nextInt(18, 80));
        String country = rnd.nextInt(8) == 0 ? null : countries[rnd.nextInt(countries.length)];
        attrs.add(new Object[] {id, age, country, rnd.nextBoolean()});
      }
    }
    join(store, attrs.toArray(new Object[0][]));
    return store;
  }
}
