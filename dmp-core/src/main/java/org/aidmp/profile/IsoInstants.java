package org.aidmp.profile;

/**
 * A fast reader for the one timestamp shape most event logs use, {@code
 * 2026-01-05T10:00:00[.123]Z}. {@link java.time.Instant#parse} handles it too but costs several
 * times more per row, which shows when a million rows are read; anything else falls back to it.
 */
final class IsoInstants {
  private IsoInstants() {}

  /**
   * Epoch milliseconds of {@code s} if it is exactly {@code yyyy-MM-ddTHH:mm:ss} with an optional
   * fraction of 1 to 9 digits and a trailing {@code Z}, else {@code Long.MIN_VALUE}. Fractions
   * below a millisecond are truncated, as {@link java.time.Instant#toEpochMilli()} does.
   */
  static long parseUtc(String s) {
    int n = s.length();
    if (n < 20
        || n > 30
        || s.charAt(n - 1) != 'Z'
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return Long.MIN_VALUE;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return Long.MIN_VALUE;
    }
    if (month < 1
        || month > 12
        || day < 1
        || day > daysInMonth(year, month)
        || hour > 23
        || minute > 59
        || second > 59) {
      return Long.MIN_VALUE;
    }
    int millis = 0;
    if (n > 20) {
      if (s.charAt(19) != '.' || n == 21) {
        return Long.MIN_VALUE;
      }
      int fracDigits = n - 21;
      int frac = digits(s, 20, fracDigits);
      if (frac < 0) {
        return Long.MIN_VALUE;
      }
      for (int i = fracDigits; i < 3; i++) {
        frac *= 10;
      }
      for (int i = 3; i < fracDigits; i++) {
        frac /= 10;
      }
      millis = frac;
    }
    long days = daysFromCivil(year, month, day);
    return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
  }

  /** The value of {@code len} decimal digits at {@code from}, or -1 if any is not a digit. */
  private static int digits(String s, int from, int len) {
    int v = 0;
    for (int i = from; i < from + len; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static int daysInMonth(int year, int month) {
    if (month == 2) {
      boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      return leap ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (the era-based civil calendar formula). */
  static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yoe = y - era * 400;
    int mp = (month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097L + doe - 719468;
  }
}
