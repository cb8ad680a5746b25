package org.aidmp.internal.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The one parser accepts what both earlier parsers accepted, on its fast and its slow path. */
class TimestampParserUnionTest {
  @Test
  void theEventLogShapeAndTheCleanerShapesGiveTheSameMillis() {
    long z = Instant.parse("2026-01-05T10:00:00.123Z").toEpochMilli();
    assertEquals(z, TimestampParser.UTC.parseMillis("2026-01-05T10:00:00.123Z"));
    assertEquals(z, TimestampParser.UTC.parseMillis("2026-01-05 12:00:00.123+02:00"));
    assertEquals(z, TimestampParser.UTC.parseMillis("2026-01-05T11:00:00.123+0100"));
    assertEquals(
        OffsetDateTime.parse("2026-01-05T00:00:00Z").toInstant().toEpochMilli(),
        TimestampParser.UTC.parseMillis("2026-01-05"));
  }

  @Test
  void nonsenseIsNoTimestamp() {
    assertEquals(Long.MIN_VALUE, TimestampParser.UTC.parseMillis("soon"));
    assertEquals(Long.MIN_VALUE, TimestampParser.UTC.parseMillis("2026-02-30T00:00:00Z"));
    assertEquals(Long.MIN_VALUE, TimestampParser.UTC.parseMillis(""));
  }
}
