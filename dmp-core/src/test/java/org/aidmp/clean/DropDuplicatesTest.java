package org.aidmp.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.junit.jupiter.api.Test;

class DropDuplicatesTest {
  private static final Schema S = Rows.strings("user", "item", "note");

  @Test
  void wholeRowKeyKeepsTheFirstAndSkipsExactRepeats() {
    Cleaner d = DropDuplicates.builder().get().bind(S);
    Record a = Rows.row(S, 2, "u1", "i1", "x");
    Record b = Rows.row(S, 3, "u1", "i1", "x");
    Record c = Rows.row(S, 4, "u1", "i1", "y");
    assertSame(a, d.clean(a));
    assertNull(d.clean(b), "same values on another line are a duplicate");
    assertSame(c, d.clean(c));
  }

  @Test
  void keyColumnsIgnoreTheOthers() {
    Cleaner d = DropDuplicates.builder().setKeys("user", "item").get().bind(S);
    assertSame(S, d.clean(Rows.row(S, 2, "u1", "i1", "x")).schema());
    assertNull(d.clean(Rows.row(S, 3, "u1", "i1", "y")));
    Record other = Rows.row(S, 4, "u1", "i2", "y");
    assertSame(other, d.clean(other));
  }

  @Test
  void singleKeyAndMissingValues() {
    Cleaner d = DropDuplicates.builder().setKeys("user").get().bind(S);
    Record first = Rows.row(S, 2, null, "a", "b");
    assertSame(first, d.clean(first));
    assertNull(d.clean(Rows.row(S, 3, null, "c", "d")), "missing keys are equal");
    Record blank = Rows.row(S, 4, "", "c", "d");
    assertSame(blank, d.clean(blank), "a blank string is not null");
  }

  @Test
  void eachBindingStartsAFreshPass() {
    DropDuplicates dd = DropDuplicates.builder().setKeys("user").get();
    Record r = Rows.row(S, 2, "u", "i", "n");
    assertSame(r, dd.bind(S).clean(r));
    assertSame(r, dd.bind(S).clean(r));
  }

  @Test
  void unboundUseIsRefusedBecauseKeysBelongToAPass() {
    DropDuplicates dd = DropDuplicates.builder().get();
    assertThrows(IllegalStateException.class, () -> dd.clean(Rows.row(S, 2, "a", "b", "c")));
  }

  @Test
  void matchesASetOfSeenKeysOnRandomRows() {
    SplittableRandom rnd = new SplittableRandom(11);
    Cleaner d = DropDuplicates.builder().setKeys("user", "item").setExpectedKeys(4).get().bind(S);
    Set<List<Object>> seen = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      String u = rnd.nextInt(5) == 0 ? null : "u" + rnd.nextInt(20);
      String it = "i" + rnd.nextInt(20);
      Record r = Rows.row(S, i + 2, u, it, "n" + i);
      List<Object> key = new ArrayList<>();
      key.add(u);
      key.add(it);
      boolean fresh = seen.add(key);
      Record out = d.clean(r);
      assertEquals(fresh, out != null, "row " + i + " key " + key);
    }
  }

  @Test
  void unknownKeyAndBadSizesAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> DropDuplicates.builder().setKeys("nope").get().bind(S));
    assertThrows(
        IllegalArgumentException.class, () -> DropDuplicates.builder().setExpectedKeys(-1));
    assertEquals(
        List.of("user"), DropDuplicates.builder().setKeys("user").get().toBuilder().get().keys());
  }
}
