package org.aidmp.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.junit.jupiter.api.Test;

class RegexReplaceTest {
  private static final Schema S = Rows.strings("phone", "other");

  private static RegexReplace digitsOnly() {
    return RegexReplace.builder().setColumn("phone").setPattern("[^0-9+]").get();
  }

  @Test
  void replacesEveryMatchInTheColumnOnly() {
    Record r = Rows.row(S, 2, "+33 (1) 23-45", "a-b");
    Record out = digitsOnly().clean(r);
    assertEquals("+3312345", out.get(0));
    assertEquals("a-b", out.get(1));
  }

  @Test
  void valuesWithoutAMatchAreNotCopied() {
    Cleaner bound = digitsOnly().bind(S);
    Record r = Rows.row(S, 2, "+3312345", "x");
    assertSame(r, bound.clean(r));
    Record missing = Rows.row(S, 3, null, "x");
    assertSame(missing, bound.clean(missing));
  }

  @Test
  void boundCleanerReusesItsMatcherAcrossRows() {
    Cleaner bound = digitsOnly().bind(S);
    assertEquals("12", bound.clean(Rows.row(S, 2, "1-2", "")).get(0));
    assertEquals("34", bound.clean(Rows.row(S, 3, "3 4", "")).get(0));
    Record clean = Rows.row(S, 4, "56", "");
    assertSame(clean, bound.clean(clean));
  }

  @Test
  void groupsCanBeReferenced() {
    RegexReplace swap =
        RegexReplace.builder()
            .setColumn("phone")
            .setPattern("(\\w+)@(\\w+)")
            .setReplacement("$2 at $1")
            .get();
    assertEquals("b at a", swap.clean(Rows.row(S, 2, "a@b", "")).get(0));
  }

  @Test
  void badConfigurationFailsAtBuildTime() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> RegexReplace.builder().setPattern("(unclosed"));
    assertTrue(e.getMessage().contains("(unclosed"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RegexReplace.builder()
                    .setColumn("phone")
                    .setPattern("(a)")
                    .setReplacement("$2")
                    .get());
    assertTrue(e.getMessage().contains("$2"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> RegexReplace.builder().setPattern("a").get());
    assertThrows(
        IllegalArgumentException.class, () -> RegexReplace.builder().setColumn("phone").get());
    assertThrows(IllegalArgumentException.class, () -> RegexReplace.builder().setPattern(""));
  }

  @Test
  void columnMustExist() {
    RegexReplace r = RegexReplace.builder().setColumn("nope").setPattern("a").get();
    assertThrows(IllegalArgumentException.class, () -> r.bind(S));
  }

  @Test
  void defaultNameNamesTheColumn() {
    assertEquals("regex-replace(phone)", digitsOnly().name());
    assertEquals("x", digitsOnly().toBuilder().setName("x").get().name());
  }
}
