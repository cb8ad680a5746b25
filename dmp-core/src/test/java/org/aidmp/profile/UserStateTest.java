package org.aidmp.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UserStateTest {
  /** The per-type aggregates as a plain dense table, grown as the store always grew them. */
  private static final class Reference {
    long[] count = new long[0];
    long[] last = new long[0];
    double[] value = new double[0];

    void grow(int slots) {
      int old = count.length;
      int n = Math.max(slots, old + 4);
      count = java.util.Arrays.copyOf(count, n);
      last = java.util.Arrays.copyOf(last, n);
      value = java.util.Arrays.copyOf(value, n);
      for (int i = old; i < n; i++) {
        last[i] = Long.MIN_VALUE;
      }
    }

    void add(long t, int type, double v) {
      if (type >= count.length) {
        grow(type + 1);
      }
      count[type]++;
      last[type] = Math.max(last[type], t);
      if (!Double.isNaN(v)) {
        value[type] += v;
      }
    }

    void drop(int type) {
      if (type < count.length) {
        count[type] = 0;
        last[type] = Long.MIN_VALUE;
        value[type] = 0;
      }
    }
  }

  private static void assertSame(Reference r, UserState s, String where) {
    assertEquals(r.count.length, s.typeSlots(), where + ": slots");
    for (int i = 0; i < r.count.length + 3; i++) {
      long c = i < r.count.length ? r.count[i] : 0;
      assertEquals(c, s.typeCount(i), where + ": count of type " + i);
      assertEquals(c, s.peekTypeCount(i), where + ": peeked count of type " + i);
      assertEquals(
          i < r.last.length ? r.last[i] : Long.MIN_VALUE, s.typeLast(i), where + ": last " + i);
      assertEquals(i < r.value.length ? r.value[i] : 0, s.typeValue(i), where + ": value " + i);
    }
  }

  @Test
  void fewTypesStaySparseAndManySwitchToDenseWithTheSameAnswers() {
    for (int typesInUse :
        new int[] {1, 3, UserState.SPARSE_TYPES, UserState.SPARSE_TYPES + 1, 40}) {
      SplittableRandom r = new SplittableRandom(typesInUse);
      UserState s = new UserState("u");
      Reference ref = new Reference();
      for (int e = 0; e < 300; e++) {
        int type = r.nextInt(typesInUse) * 3 + 2;
        long t = r.nextLong(1_000_000);
        double v = r.nextInt(4) == 0 ? Double.NaN : r.nextInt(100);
        s.add(t, type, v, -1, 0, 1, -1, 0);
        ref.add(t, type, v);
        if (e % 37 == 0) {
          assertSame(ref, s, typesInUse + " types, event " + e);
        }
      }
      assertSame(ref, s, typesInUse + " types");
      assertEquals(typesInUse > UserState.SPARSE_TYPES, s.typeEntries < 0, "layout");
      UserState copy = s.copy();
      assertSame(ref, copy, "copy");
    }
  }

  @Test
  void droppingATypeEmptiesItsSlotInEitherLayout() {
    for (int typesInUse : new int[] {4, 20}) {
      UserState s = new UserState("u");
      Reference ref = new Reference();
      for (int type = 0; type < typesInUse; type++) {
        s.add(100 + type, type, type, -1, 0, 1, -1, 0);
        ref.add(100 + type, type, type);
      }
      assertEquals(1, s.dropType(1));
      ref.drop(1);
      assertEquals(0, s.dropType(1), "already empty");
      assertEquals(0, s.dropType(typesInUse + 50), "never had room");
      assertSame(ref, s, typesInUse + " types after a drop");
      s.add(500, 1, 7, -1, 0, 1, -1, 0);
      ref.add(500, 1, 7);
      assertSame(ref, s, typesInUse + " types after the type came back");
      assertEquals(typesInUse, s.events);
    }
  }

  @Test
  void restoredSlotsKeepEmptyRoomWithoutEntries() {
    UserState s = new UserState("u");
    s.growTypes(6);
    s.setType(0, 0, Long.MIN_VALUE, 0);
    s.setType(5, 2, 77, 1.5);
    s.setType(2, 0, Long.MIN_VALUE, 0);
    assertEquals(6, s.typeSlots());
    assertEquals(1, s.typeEntries, "only the type with data has an entry");
    assertEquals(2, s.typeCount(5));
    assertEquals(77, s.typeLast(5));
    assertEquals(1.5, s.typeValue(5));
    assertEquals(Long.MIN_VALUE, s.typeLast(2));
  }

  @Test
  void clearingDropsEveryType() {
    UserState s = new UserState("u");
    for (int type = 0; type < 12; type++) {
      s.add(1, type, 1, -1, 0, 1, -1, 0);
    }
    s.clear();
    assertEquals(0, s.typeSlots());
    assertEquals(0, s.typeCount(3));
    assertTrue(s.erased);
  }
}
