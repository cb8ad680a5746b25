package org.aidmp.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Origin;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.junit.jupiter.api.Test;

class EventMappingTest {
  private static final Schema RAW =
      Schema.ofStrings(List.of("user", "ts", "type", "item", "cat", "price"));
  private static final Schema TYPED =
      Schema.builder()
          .add("user", ColumnType.STRING)
          .add("ts", ColumnType.TIMESTAMP)
          .add("type", ColumnType.CATEGORY)
          .add("item", ColumnType.LONG)
          .add("cat", ColumnType.CATEGORY)
          .add("price", ColumnType.DOUBLE)
          .build();
  private static final EventMapping FULL =
      EventMapping.builder()
          .setUserIdColumn("user")
          .setTimestampColumn("ts")
          .setTypeColumn("type")
          .setItemColumn("item")
          .setCategoryColumn("cat")
          .setValueColumn("price")
          .get();

  private static Record raw(String... v) {
    return Record.of(RAW, new Origin("events.csv", 12), (Object[]) v);
  }

  @Test
  void mapsTypedValues() {
    Instant t = Instant.parse("2026-01-05T10:00:00.250Z");
    Event e = FULL.map(Record.of(TYPED, "u1", t, "buy", 77L, "books", 9.5));
    assertEquals(new Event("u1", t.toEpochMilli(), "buy", "77", "books", 9.5), e);
  }

  @Test
  void mapsRawTextInEveryTimestampForm() {
    long t = Instant.parse("2026-01-05T10:00:00.250Z").toEpochMilli();
    assertEquals(t, FULL.map(raw("u", "2026-01-05T10:00:00.250Z", "v", "", "", "")).timestamp());
    assertEquals(
        t, FULL.map(raw("u", "2026-01-05T11:00:00.25+01:00", "v", "", "", "")).timestamp());
    assertEquals(t, FULL.map(raw("u", Long.toString(t), "v", "", "", "")).timestamp());
    EventMapping seconds = FULL.toBuilder().setEpochUnit(EventMapping.EpochUnit.SECONDS).get();
    assertEquals(978300760_000L, seconds.map(raw("u", "978300760", "v", "", "", "")).timestamp());
    assertEquals(-1000L, seconds.map(raw("u", "-1", "v", "", "", "")).timestamp());
  }

  @Test
  void numericTimestampsFollowTheUnit() {
    Schema s = Schema.builder().add("u", ColumnType.STRING).add("t", ColumnType.LONG).build();
    EventMapping m =
        EventMapping.builder()
            .setUserIdColumn("u")
            .setTimestampColumn("t")
            .setFixedType("rating")
            .setEpochUnit(EventMapping.EpochUnit.SECONDS)
            .get();
    Event e = m.map(Record.of(s, "u1", 10L));
    assertEquals(10_000L, e.timestamp());
    assertEquals("rating", e.type());
  }

  @Test
  void missingOptionalPartsGiveNullAndNaN() {
    Event e = FULL.map(raw("u", "5", "view", " ", "", ""));
    assertNull(e.itemId());
    assertNull(e.category());
    assertFalse(e.hasValue());
    assertEquals(12.25, FULL.map(raw("u", "5", "buy", "i", "c", "12.25")).value());
  }

  @Test
  void badRowsRaiseBadRecordExceptionWithWhereAndWhy() {
    assertBad(raw("", "5", "view", "", "", ""), "user", "missing");
    assertBad(raw("u", "", "view", "", "", ""), "ts", "missing");
    assertBad(raw("u", "yesterday", "view", "", "", ""), "ts", "ISO-8601");
    assertBad(raw("u", "2026-02-30T00:00:00Z", "view", "", "", ""), "ts", "ISO-8601");
    assertBad(raw("u", "5", "", "", "", ""), "type", "missing");
    assertBad(raw("u", "5", "buy", "", "", "12,5"), "price", "decimal");
    assertBad(raw("u", "5", "buy", "", "", "Infinity"), "price", "finite");
    assertBad(raw("u", "5", "buy", "", "", "NaN"), "price", "finite");
  }

  @Test
  void unknownTypesAreRejectedWhenTypesAreListed() {
    EventMapping m = FULL.toBuilder().setAllowedTypes(List.of("view", "buy")).get();
    assertEquals("buy", m.map(raw("u", "5", "buy", "", "", "")).type());
    BadRecordException e =
        assertThrows(BadRecordException.class, () -> m.map(raw("u", "5", "refund", "", "", "")));
    assertEquals("type", e.column());
    assertFalse(e.getMessage().contains("refund"), e.getMessage());
    assertTrue(e.getMessage().contains("[view, buy]"), e.getMessage());
  }

  private static void assertBad(Record r, String column, String reasonPart) {
    BadRecordException e = assertThrows(BadRecordException.class, () -> FULL.map(r));
    assertEquals("events.csv", e.source());
    assertEquals(12, e.line());
    assertEquals(column, e.column());
    assertTrue(e.reason().contains(reasonPart), e.reason());
  }

  @Test
  void reasonsNeverQuoteTheValue() {
    BadRecordException e =
        assertThrows(
            BadRecordException.class, () -> FULL.map(raw("u", "secret-date", "v", "", "", "")));
    assertFalse(e.getMessage().contains("secret-date"), e.getMessage());
  }

  @Test
  void schemaWithoutAColumnOrWithAWrongTypeIsAConfigurationError() {
    Schema noCat = Schema.ofStrings(List.of("user", "ts", "type", "item", "price"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FULL.check(noCat));
    assertTrue(e.getMessage().contains("'cat'"), e.getMessage());
    Schema boolTs =
        Schema.builder()
            .add("user", ColumnType.STRING)
            .add("ts", ColumnType.BOOLEAN)
            .add("type", ColumnType.STRING)
            .build();
    EventMapping m =
        EventMapping.builder()
            .setUserIdColumn("user")
            .setTimestampColumn("ts")
            .setTypeColumn("type")
            .get();
    assertThrows(IllegalArgumentException.class, () -> m.check(boolTs));
  }

  @Test
  void recordsOfAnotherSchemaRebind() {
    Schema reordered = Schema.ofStrings(List.of("price", "cat", "item", "type", "ts", "user"));
    assertEquals("u", FULL.map(raw("u", "5", "view", "", "", "")).userId());
    Event e = FULL.map(Record.of(reordered, "1.5", "c", "i", "buy", "7", "u2"));
    assertEquals(new Event("u2", 7, "buy", "i", "c", 1.5), e);
  }

  @Test
  void builderChecksAcrossFields() {
    EventMapping.Builder base = EventMapping.builder().setUserIdColumn("u").setTimestampColumn("t");
    assertThrows(IllegalArgumentException.class, base::get);
    assertThrows(
        IllegalArgumentException.class, () -> base.setTypeColumn("k").setFixedType("view").get());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            EventMapping.builder()
                .setUserIdColumn("u")
                .setTimestampColumn("u")
                .setFixedType("view")
                .get());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            EventMapping.builder()
                .setUserIdColumn("u")
                .setTimestampColumn("t")
                .setFixedType("view")
                .setAllowedTypes(List.of("buy"))
                .get());
    assertThrows(IllegalArgumentException.class, () -> EventMapping.builder().setUserIdColumn(" "));
    assertThrows(
        IllegalArgumentException.class,
        () -> EventMapping.builder().setAllowedTypes(List.of("a", " ")));
  }

  @Test
  void toBuilderRoundTrips() {
    EventMapping m = FULL.toBuilder().setAllowedTypes(List.of("view")).get();
    assertEquals(m, m.toBuilder().get());
    assertEquals(m.hashCode(), m.toBuilder().get().hashCode());
    assertEquals(List.of("view"), List.copyOf(m.allowedTypes()));
    assertEquals("cat", m.categoryColumn().orElseThrow());
  }
}
