package org.aidmp.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventTest {
  @Test
  void shortConstructorHasNoItemCategoryOrValue() {
    Event e = new Event("u1", 5, "view");
    assertEquals(null, e.itemId());
    assertEquals(null, e.category());
    assertFalse(e.hasValue());
    assertTrue(new Event("u1", 5, "buy", "i", "c", 2.5).hasValue());
  }

  @Test
  void rejectsMissingUserOrTypeAndInfiniteValue() {
    assertThrows(NullPointerException.class, () -> new Event(null, 1, "view"));
    assertThrows(IllegalArgumentException.class, () -> new Event("", 1, "view"));
    assertThrows(IllegalArgumentException.class, () -> new Event("u", 1, ""));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Event("u", 1, "buy", null, null, Double.POSITIVE_INFINITY));
  }

  @Test
  void toStringHidesIds() {
    String s = new Event("alice@example.com", 7, "buy", "secret-item", "books", 3).toString();
    assertFalse(s.contains("alice"), s);
    assertFalse(s.contains("secret-item"), s);
    assertTrue(s.contains("buy"), s);
  }
}
