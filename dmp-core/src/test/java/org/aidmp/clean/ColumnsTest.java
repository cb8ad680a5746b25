package org.aidmp.clean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Schema;
import org.junit.jupiter.api.Test;

class ColumnsTest {
  private static final Schema S =
      Schema.builder()
          .add("a", ColumnType.STRING)
          .add("n", ColumnType.LONG)
          .add("c", ColumnType.CATEGORY)
          .build();

  @Test
  void noNamesMeansEveryTextColumn() {
    assertArrayEquals(new int[] {0, 2}, Columns.textColumns(S, List.of(), "rule"));
    assertArrayEquals(new int[] {2}, Columns.textColumns(S, List.of("c"), "rule"));
  }

  @Test
  void messagesNameTheRuleTheColumnAndTheFix() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Columns.require(S, "x", "my-rule"));
    assertTrue(e.getMessage().startsWith("my-rule names column 'x'"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> Columns.requireNumeric(S, "a", "my-rule"));
    assertTrue(e.getMessage().contains("ConvertTypes"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Columns.requireText(S, "n", "r"));
    assertTrue(e.getMessage().contains("'n' is LONG"), e.getMessage());
    assertEquals(1, Columns.requireNumeric(S, "n", "r"));
  }

  @Test
  void namesGivenToBuildersAreChecked() {
    assertEquals(List.of("b", "a"), Columns.checkNames("b", "a"));
    assertThrows(IllegalArgumentException.class, () -> Columns.checkNames("a", "a"));
    assertThrows(IllegalArgumentException.class, () -> Columns.checkName(" "));
    assertThrows(NullPointerException.class, () -> Columns.checkName(null));
    assertThrows(IllegalArgumentException.class, () -> CleaningNames.check(""));
  }
}
