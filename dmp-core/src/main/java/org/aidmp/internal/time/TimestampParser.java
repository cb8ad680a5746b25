package org.aidmp.internal.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Locale;

/**
 * The library's one timestamp parser, used by the type-converting cleaner and by the event mapping.
 * It accepts epoch numbers, caller-given patterns and ISO-8601 date-times with {@code T} or a
 * space, optional seconds and fraction, and {@code Z} or an offset ({@code ±HH:mm}, {@code ±HHmm},
 * {@code ±HH}); a date-time without an offset is read in the parser's zone. The common layouts go
 * through hand-written paths that allocate nothing ({@link #parseMillis} on {@code
 * 2026-01-05T10:00:00[.123]Z} allocates nothing at all); anything else falls back to {@code
 * java.time}, which is the reference the fast paths are tested against.
 */
public final class TimestampParser {
  /** Reads ISO-8601 and epoch seconds; date-times without an offset are UTC. */
  public static final TimestampParser UTC = new TimestampParser(ZoneOffset.UTC, false, List.of());

  /**
   * ISO-8601 date-time with an offset, where the offset may also be written {@code +HHmm} or {@code
   * +HH}, as in many logs. Without an offset it gives no instant and the local date-time reading
   * takes over.
   */
  private static final DateTimeFormatter ISO_OFFSET =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffset("+HH:MM:ss", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(IsoChronology.INSTANCE);

  private final ZoneId zone;
  private final ZoneOffset fixedOffset;
  private final boolean epochMillis;
  private final List<DateTimeFormatter> formats;

  /**
   * A parser.
   *
   * @param zone the zone of date-times written without an offset
   * @param epochMillis whether bare numbers are epoch milliseconds (else seconds)
   * @param formats patterns tried first, in order
   */
  public TimestampParser(ZoneId zone, boolean epochMillis, List<DateTimeFormatter> formats) {
    this.zone = zone;
    this.fixedOffset =
        zone instanceof ZoneOffset o
            ? o
            : zone.getRules().isFixedOffset() ? zone.getRules().getOffset(Instant.EPOCH) : null;
    this.epochMillis = epochMillis;
    this.formats = List.copyOf(formats);
  }

  /**
   * Epoch milliseconds of {@code s}, or {@code Long.MIN_VALUE} if it is none of the accepted forms.
   * Fractions below a millisecond are truncated, as {@link Instant#toEpochMilli()} does.
   */
  public long parseMillis(String s) {
    long fast = parseUtcZ(s);
    if (fast != Long.MIN_VALUE) {
      return fast;
    }
    Instant t = parse(s);
    if (t == null) {
      return Long.MIN_VALUE;
    }
    try {
      return t.toEpochMilli();
    } catch (ArithmeticException e) {
      return Long.MIN_VALUE;
    }
  }

  /** The instant {@code s} stands for, or {@code null} if it is none of the accepted forms. */
  public Instant parse(String s) {
    for (DateTimeFormatter f : formats) {
      Instant t = parseWith(f, s);
      if (t != null) {
        return t;
      }
    }
    int n = s.length();
    if (n == 0) {
      return null;
    }
    if (isEpoch(s)) {
      return parseEpoch(s);
    }
    Instant fast = parseIsoFast(s);
    return fast != null ? fast : parseIsoReference(s);
  }

  private static boolean isEpoch(String s) {
    int i = s.charAt(0) == '-' ? 1 : 0;
    if (i == s.length()) {
      return false;
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private Instant parseEpoch(String s) {
    try {
      long v = Long.parseLong(s);
      return epochMillis ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
    } catch (NumberFormatException | DateTimeException e) {
      return null;
    }
  }

  /**
   * {@code yyyy-MM-dd}, optionally followed by {@code T} or a space and {@code HH:mm}, {@code :ss},
   * a point and up to 9 fraction digits, and {@code Z} or an offset {@code ±HH:mm}, {@code ±HHmm}
   * or {@code ±HH}. Returns {@code null} for anything else, including invalid dates, so that the
   * reference parser has the last word.
   */
  public Instant parseIsoFast(String s) {
    int n = s.length();
    if (n < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > java.time.Month.of(month).length(java.time.Year.isLeap(year))) {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    if (n == 10) {
      return atZone(epochDay, 0, 0);
    }
    char sep = s.charAt(10);
    if ((sep != 'T' && sep != 't' && sep != ' ') || n < 16 || s.charAt(13) != ':') {
      return null;
    }
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
      return null;
    }
    int second = 0;
    int nano = 0;
    int i = 16;
    if (i < n && s.charAt(i) == ':') {
      second = i + 3 <= n ? digits(s, i + 1, 2) : -1;
      if (second < 0 || second > 59) {
        return null;
      }
      i += 3;
      if (i < n && s.charAt(i) == '.') {
        int start = ++i;
        while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
          nano = nano * 10 + (s.charAt(i) - '0');
          i++;
        }
        int len = i - start;
        // Like java.time, a point with no digits after it is a zero fraction.
        if (i < n && isDigit(s.charAt(i))) {
          return null;
        }
        for (int k = len; k < 9; k++) {
          nano *= 10;
        }
      }
    }
    int secondOfDay = hour * 3600 + minute * 60 + second;
    if (i == n) {
      return atZone(epochDay, secondOfDay, nano);
    }
    char c = s.charAt(i);
    int offsetSeconds;
    if ((c == 'Z' || c == 'z') && i + 1 == n) {
      offsetSeconds = 0;
    } else if (c == '+' || c == '-') {
      int rest = n - i - 1;
      int oh = rest >= 2 ? digits(s, i + 1, 2) : -1;
      int om;
      if (rest == 2) {
        om = 0;
      } else if (rest == 4) {
        om = digits(s, i + 3, 2);
      } else if (rest == 5 && s.charAt(i + 3) == ':') {
        om = digits(s, i + 4, 2);
      } else {
        return null;
      }
      if (oh < 0 || oh > 18 || om < 0 || om > 59 || (oh == 18 && om > 0)) {
        return null;
      }
      offsetSeconds = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
    } else {
      return null;
    }
    return Instant.ofEpochSecond(epochDay * 86_400L + secondOfDay - offsetSeconds, nano);
  }

  private Instant atZone(long epochDay, int secondOfDay, int nano) {
    if (fixedOffset != null) {
      return Instant.ofEpochSecond(
          epochDay * 86_400L + secondOfDay - fixedOffset.getTotalSeconds(), nano);
    }
    // A zone with daylight saving: java.time settles gaps and overlaps (later offset in a gap,
    // earlier in an overlap), as LocalDateTime.atZone documents.
    LocalDateTime ldt =
        LocalDateTime.of(
            LocalDate.ofEpochDay(epochDay),
            LocalTime.ofNanoOfDay(secondOfDay * 1_000_000_000L + nano));
    return ldt.atZone(zone).toInstant();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The value of {@code len} decimal digits at {@code from}, or -1 if any is not a digit. */
  private static int digits(String s, int from, int len) {
    int v = 0;
    for (int i = from; i < from + len; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** The java.time reading of the ISO-8601 forms; slower, and the reference for the fast path. */
  Instant parseIsoReference(String s) {
    String iso =
        s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
    if (iso.length() <= 10 || iso.indexOf(':') < 0) {
      return parseWith(DateTimeFormatter.ISO_LOCAL_DATE, iso);
    }
    Instant t = parseWith(ISO_OFFSET, iso);
    return t != null ? t : parseWith(DateTimeFormatter.ISO_LOCAL_DATE_TIME, iso);
  }

  private Instant parseWith(DateTimeFormatter f, String s) {
    TemporalAccessor t;
    try {
      t = f.parse(s);
    } catch (DateTimeException e) {
      return null;
    }
    try {
      if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
        return Instant.from(t);
      }
      LocalDate date = t.query(TemporalQueries.localDate());
      if (date == null) {
        return null;
      }
      LocalTime time = t.query(TemporalQueries.localTime());
      ZoneId z = t.query(TemporalQueries.zone());
      LocalDateTime ldt = time == null ? date.atStartOfDay() : date.atTime(time);
      return ldt.atZone(z == null ? zone : z).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }

  /**
   * Epoch milliseconds of {@code s} if it is exactly {@code yyyy-MM-ddTHH:mm:ss} with an optional
   * fraction of 1 to 9 digits and a trailing {@code Z}, else {@code Long.MIN_VALUE}: the shape most
   * event logs use, read without allocating.
   */
  public static long parseUtcZ(String s) {
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

  private static int daysInMonth(int year, int month) {
    if (month == 2) {
      boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      return leap ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (the era-based civil calendar formula). */
  public static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yoe = y - era * 400;
    int mp = (month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097L + doe - 719468;
  }
}
