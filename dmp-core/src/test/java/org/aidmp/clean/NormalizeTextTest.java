package org.aidmp.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.aidmp.clean.NormalizeText.TextCase;
import org.aidmp.clean.NormalizeText.Whitespace;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.junit.jupiter.api.Test;

class NormalizeTextTest {
  private static final Schema S =
      Schema.builder()
          .add("name", ColumnType.STRING)
          .add("city", ColumnType.CATEGORY)
          .add("n", ColumnType.INT)
          .build();

  @Test
  void defaultTrimsEveryTextColumn() {
    Record r = Rows.row(S, 2, "  Ann ", "\tParis\n", 3);
    Record out = NormalizeText.DEFAULT.clean(r);
    assertEquals("Ann", out.get(0));
    assertEquals("Paris", out.get(1));
    assertEquals(3, out.get(2));
    assertSame(r.origin(), out.origin());
  }

  @Test
  void unchangedRecordIsTheSameInstance() {
    Record r = Rows.row(S, 2, "Ann", "Paris", 3);
    Cleaner bound = NormalizeText.DEFAULT.bind(S);
    assertSame(r, bound.clean(r));
  }

  @Test
  void lowerAndUpperCaseOnlyTheChosenColumns() {
    Record r = Rows.row(S, 2, " Ann ", "Paris", null);
    NormalizeText upper =
        NormalizeText.builder()
            .setColumns("city")
            .setWhitespace(Whitespace.KEEP)
            .setCase(TextCase.UPPER)
            .get();
    Record out = upper.clean(r);
    assertEquals(" Ann ", out.get(0));
    assertEquals("PARIS", out.get(1));
    NormalizeText lower = NormalizeText.builder().setCase(TextCase.LOWER).get();
    assertEquals("ann", lower.clean(r).get(0));
  }

  @Test
  void caseUsesTheRootLocaleNotTheMachines() {
    NormalizeText lower = NormalizeText.builder().setCase(TextCase.LOWER).get();
    // Under a Turkish locale "I" would lower to a dotless i.
    assertEquals("title", lower.normalize("TITLE"));
  }

  @Test
  void collapseTurnsInnerRunsIntoOneSpace() {
    NormalizeText collapse =
        NormalizeText.builder().setWhitespace(Whitespace.TRIM_AND_COLLAPSE).get();
    assertEquals("New York City", collapse.normalize("  New \t York\n\nCity "));
    String clean = "New York";
    assertSame(clean, collapse.normalize(clean));
  }

  @Test
  void collapseMatchesAPlainReference() {
    NormalizeText collapse =
        NormalizeText.builder().setWhitespace(Whitespace.TRIM_AND_COLLAPSE).get();
    SplittableRandom rnd = new SplittableRandom(7);
    char[] alphabet = {'a', 'b', ' ', '\t', '\n', 'Z'};
    for (int t = 0; t < 2000; t++) {
      StringBuilder sb = new StringBuilder();
      int len = rnd.nextInt(12);
      for (int i = 0; i < len; i++) {
        sb.append(alphabet[rnd.nextInt(alphabet.length)]);
      }
      String in = sb.toString();
      String expected = in.strip().replaceAll("\\s+", " ");
      assertEquals(
          expected,
          collapse.normalize(in),
          "input [" + in.replace("\n", "\\n").replace("\t", "\\t") + "]");
    }
  }

  @Test
  void missingAndNonTextValuesAreLeftAlone() {
    Record r = Rows.row(S, 2, null, "x", 5);
    assertSame(r, NormalizeText.DEFAULT.bind(S).clean(r));
  }

  @Test
  void namedColumnMustBeText() {
    NormalizeText n = NormalizeText.builder().setColumns("n").get();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.bind(S));
    assertTrue(e.getMessage().contains("'n' is INT"), e.getMessage());
    NormalizeText missing = NormalizeText.builder().setColumns("nope").get();
    e = assertThrows(IllegalArgumentException.class, () -> missing.bind(S));
    assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
  }

  @Test
  void configurationThatDoesNothingIsRefused() {
    NormalizeText.Builder b =
        NormalizeText.builder().setWhitespace(Whitespace.KEEP).setCase(TextCase.KEEP);
    assertThrows(IllegalArgumentException.class, b::get);
    assertThrows(
        IllegalArgumentException.class, () -> NormalizeText.builder().setColumns("a", "a"));
  }

  @Test
  void toBuilderKeepsTheSettings() {
    NormalizeText n =
        NormalizeText.builder().setName("tidy").setColumns("city").setCase(TextCase.UPPER).get();
    NormalizeText copy = n.toBuilder().get();
    assertEquals("tidy", copy.name());
    assertEquals(n.columns(), copy.columns());
    assertEquals(TextCase.UPPER, copy.textCase());
    assertEquals(Whitespace.TRIM, copy.whitespace());
  }
}
