package org.aidmp.internal.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampParserTest {
  /**
   * The hand-written ISO parser must agree with java.time wherever it gives an answer, and give one
   * for every well-formed value of the layouts it claims. Values are drawn around the edges:
   * invalid days, leap years, hour 24, offsets, fractions of 0 to 10 digits.
   */
  @Test
  void fastPathAgreesWithJavaTimeOnRandomIsoText() {
    SplittableRandom rnd = new SplittableRandom(20260101);
    for (ZoneId zone :
        List.of(
            ZoneOffset.UTC,
            ZoneId.of("Europe/Paris"),
            ZoneId.of("America/St_Johns"),
            ZoneOffset.ofHours(-5))) {
      TimestampParser p = new TimestampParser(zone, false, List.of());
      int answered = 0;
      for (int t = 0; t < 5_000; t++) {
        String s = randomIso(rnd);
        Instant fast = p.parseIsoFast(s);
        Instant ref = p.parseIsoReference(s);
        if (fast != null) {
          answered++;
          assertEquals(ref, fast, "input [" + s + "] in " + zone);
        } else if (ref != null && claimed(s)) {
          throw new AssertionError(
              "fast path gave up on [" + s + "] that java.time reads as " + ref + " in " + zone);
        }
        assertEquals(ref == null ? fast : ref, p.parse(s), "input [" + s + "] in " + zone);
      }
      // The generator must mostly produce valid values, or the comparison above proves little.
      assertTrue(answered > 2_500, "only " + answered + " valid inputs in " + zone);
    }
  }

  /** Layouts the fast path promises to read: 4-digit years and at most 9 fraction digits. */
  private static boolean claimed(String s) {
    return s.length() >= 10 && Character.isDigit(s.charAt(0));
  }

  private static String randomIso(SplittableRandom rnd) {
    int year = rnd.nextInt(5) == 0 ? 1600 + rnd.nextInt(800) : 1995 + rnd.nextInt(40);
    int month = rnd.nextInt(20) == 0 ? 13 : 1 + rnd.nextInt(12);
    int day = 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 31 : 28);
    if (rnd.nextInt(10) == 0) {
      day = 29 + rnd.nextInt(3);
    }
    StringBuilder sb =
        new StringBuilder(String.format(Locale.ROOT, "%04d-%02d-%02d", year, month, day));
    if (rnd.nextInt(5) == 0) {
      return sb.toString();
    }
    sb.append(rnd.nextInt(4) == 0 ? ' ' : 'T');
    int hour = rnd.nextInt(30) == 0 ? 24 : rnd.nextInt(24);
    sb.append(String.format(Locale.ROOT, "%02d:%02d", hour, rnd.nextInt(60)));
    if (rnd.nextInt(4) != 0) {
      sb.append(String.format(Locale.ROOT, ":%02d", rnd.nextInt(60)));
      if (rnd.nextInt(3) == 0) {
        int digits = rnd.nextInt(11);
        sb.append('.');
        for (int i = 0; i < digits; i++) {
          sb.append((char) ('0' + rnd.nextInt(10)));
        }
      }
    }
    switch (rnd.nextInt(5)) {
      case 0:
        sb.append('Z');
        break;
      case 1:
        sb.append(
            String.format(
                Locale.ROOT,
                "%c%02d:%02d",
                rnd.nextBoolean() ? '+' : '-',
                rnd.nextInt(19),
                rnd.nextInt(4) * 15));
        break;
      case 2:
        sb.append(
            String.format(
                Locale.ROOT, "%c%02d%02d", rnd.nextBoolean() ? '+' : '-', rnd.nextInt(15), 30));
        break;
      default:
        break;
    }
    return sb.toString();
  }

  @Test
  void daylightSavingGapsAndOverlapsFollowJavaTime() {
    TimestampParser p = new TimestampParser(ZoneId.of("Europe/Paris"), false, List.of());
    // 02:30 on 2026-03-29 does not exist in Paris; java.time moves it forward by the gap.
    assertEquals(Instant.parse("2026-03-29T01:30:00Z"), p.parse("2026-03-29T02:30:00"));
    // 02:30 on 2026-10-25 happens twice; the earlier offset (+02:00) wins.
    assertEquals(Instant.parse("2026-10-25T00:30:00Z"), p.parse("2026-10-25T02:30:00"));
  }

  @Test
  void epochNumbersInEitherUnit() {
    TimestampParser seconds = new TimestampParser(ZoneOffset.UTC, false, List.of());
    TimestampParser millis = new TimestampParser(ZoneOffset.UTC, true, List.of());
    assertEquals(Instant.ofEpochSecond(-86_400), seconds.parse("-86400"));
    assertEquals(Instant.ofEpochMilli(5), millis.parse("5"));
    assertNull(seconds.parse("-"));
    assertNull(seconds.parse("99999999999999999999"));
    assertNull(seconds.parse(""));
  }
}
