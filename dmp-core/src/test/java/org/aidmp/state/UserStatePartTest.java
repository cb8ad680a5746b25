package org.aidmp.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataOutput;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserStatePartTest {
  /** A part holding a set of ids. */
  static final class IdSet implements UserStatePart {
    final String name;
    final Set<String> ids;
    long version = 1;

    IdSet(String name, String... ids) {
      this.name = name;
      this.ids = new HashSet<>(List.of(ids));
    }

    @Override
    public String partName() {
      return name;
    }

    @Override
    public long forget(String userId) {
      if (ids.remove(userId)) {
        version++;
        return 1;
      }
      return 0;
    }

    @Override
    public void writeTo(DataOutput out) {}

    @Override
    public long modelVersion() {
      return version;
    }
  }

  @Test
  void forgetAsksEveryPartInOrderAndCountsWhatEachRemoved() {
    IdSet a = new IdSet("a", "u1", "u2");
    IdSet b = new IdSet("b", "u2");
    List<UserStatePart> all = List.of(a, b);
    ForgetReceipt r = UserStatePart.forgetAll(all, "u2");
    assertEquals(
        List.of(new ForgetReceipt.PartErasure("a", 1, 2), new ForgetReceipt.PartErasure("b", 1, 2)),
        r.parts());
    assertEquals(2, r.removed());
    assertEquals(0, UserStatePart.forgetAll(all, "u2").removed());
    assertEquals(Set.of("u1"), a.ids);
  }

  @Test
  void partNamesMustBeUniqueAndNoPartForgetsWhenTheyAreNot() {
    IdSet first = new IdSet("x", "u1");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> UserStatePart.forgetAll(List.of(first, new IdSet("x")), "u1"));
    assertEquals("two parts are named 'x'; part names must be unique", e.getMessage());
    assertEquals(Set.of("u1"), first.ids, "checked before any part forgets");
  }
}
