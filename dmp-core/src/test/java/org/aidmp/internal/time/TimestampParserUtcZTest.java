package org.aidmp.internal.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampParserUtcZTest {
  @Test
  void agreesWithInstantParseOnRandomInstants() {
    SplittableRandom rnd = new SplittableRandom(20261129L);
    for (int i = 0; i < 20_000; i++) {
      long millis = rnd.nextLong(-5_000_000_000_000L, 20_000_000_000_000L);
      int fracDigits = rnd.nextInt(0, 10);
      Instant at = Instant.ofEpochMilli(millis).plusNanos(rnd.nextInt(0, 1_000_000));
      String text = format(at, fracDigits);
      long expected = Instant.parse(text).toEpochMilli();
      assertEquals(expected, TimestampParser.parseUtcZ(text), "input " + text);
    }
  }

  private static String format(Instant at, int fracDigits) {
    String base = at.toString();
    // Instant.toString picks its own fraction length; rebuild with the wanted number of digits.
    String noFrac = base.substring(0, 19);
    if (fracDigits == 0) {
      return noFrac + "Z";
    }
    String nanos = String.format("%09d", at.getNano());
    return noFrac + "." + nanos.substring(0, fracDigits) + "Z";
  }

  @Test
  void rejectsShapesItDoesNotHandle() {
    for (String s :
        new String[] {
          "2026-01-05T10:00:00+01:00", "2026-01-05 10:00:00Z", "2026-02-30T10:00:00Z",
          "2026-13-01T10:00:00Z", "2026-01-05T24:00:00Z", "2026-01-05T10:00:00.Z",
          "2026-01-05T10:00:00.1234567890Z", "20x6-01-05T10:00:00Z", "2026-01-05"
        }) {
      assertEquals(Long.MIN_VALUE, TimestampParser.parseUtcZ(s), s);
    }
  }

  @Test
  void daysFromCivilMatchesLocalDate() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      LocalDate d = LocalDate.ofEpochDay(rnd.nextLong(-800_000, 800_000));
      assertEquals(
          d.toEpochDay(),
          TimestampParser.daysFromCivil(d.getYear(), d.getMonthValue(), d.getDayOfMonth()),
          "date " + d);
    }
  }
}
