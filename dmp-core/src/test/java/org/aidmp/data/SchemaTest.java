package org.aidmp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaTest {
  private final Schema schema =
      Schema.builder()
          .add("user", ColumnType.STRING)
          .add("ts", ColumnType.TIMESTAMP)
          .add("value", ColumnType.DOUBLE)
          .build();

  @Test
  void findsColumnsByNameAndPosition() {
    assertEquals(3, schema.size());
    assertEquals(1, schema.indexOf("ts"));
    assertEquals(Optional.of(2), schema.find("value"));
    assertEquals(Optional.empty(), schema.find("nope"));
    assertEquals(new Column("ts", ColumnType.TIMESTAMP), schema.column(1));
    assertEquals(List.of("user", "ts", "value"), schema.names());
    assertTrue(schema.contains("user"));
    assertFalse(schema.contains("User"));
  }

  @Test
  void unknownColumnErrorListsTheColumnsThatExist() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> schema.indexOf("amount"));
    assertTrue(e.getMessage().contains("'amount'"), e.getMessage());
    assertTrue(e.getMessage().contains("[user, ts, value]"), e.getMessage());
  }

  @Test
  void duplicateNamesAreRejectedWithBothPositions() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Schema.ofStrings(List.of("a", "b", "a")));
    assertTrue(e.getMessage().contains("positions 0 and 2"), e.getMessage());
  }

  @Test
  void blankOrNullColumnNamesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Column(" ", ColumnType.INT));
    assertThrows(NullPointerException.class, () -> new Column(null, ColumnType.INT));
    assertThrows(NullPointerException.class, () -> new Column("a", null));
  }

  @Test
  void toBuilderDerivesWithoutChangingTheOriginal() {
    Schema retyped =
        schema.toBuilder()
            .setType("value", ColumnType.LONG)
            .remove("ts")
            .add("country", ColumnType.CATEGORY)
            .build();
    assertEquals(List.of("user", "value", "country"), retyped.names());
    assertEquals(ColumnType.LONG, retyped.column(1).type());
    assertEquals(3, schema.size());
    assertEquals(ColumnType.DOUBLE, schema.column(2).type());
    assertThrows(IllegalArgumentException.class, () -> schema.toBuilder().remove("zzz"));
    assertThrows(
        IllegalArgumentException.class, () -> schema.toBuilder().setType("zzz", ColumnType.INT));
  }

  @Test
  void equalityFollowsColumns() {
    Schema same =
        Schema.builder()
            .add("user", ColumnType.STRING)
            .add("ts", ColumnType.TIMESTAMP)
            .add("value", ColumnType.DOUBLE)
            .build();
    assertEquals(schema, same);
    assertEquals(schema.hashCode(), same.hashCode());
    assertNotEquals(schema, same.toBuilder().setType("value", ColumnType.INT).build());
    assertEquals("Schema[user:STRING, ts:TIMESTAMP, value:DOUBLE]", schema.toString());
  }

  @Test
  void ofStringsMakesTextColumns() {
    Schema s = Schema.ofStrings(List.of("a", "b"));
    assertEquals(ColumnType.STRING, s.column(0).type());
    assertEquals(ColumnType.STRING, s.column(1).type());
  }
}
