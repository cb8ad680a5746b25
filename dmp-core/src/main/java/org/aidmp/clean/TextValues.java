package org.aidmp.clean;

import org.aidmp.data.BadRecordException;

/**
 * Text to numbers and booleans, the way {@link ConvertTypes} and {@link Expr} read values: leading
 * and trailing spaces stripped, integers as plain digits, decimals parsed exactly (the result
 * equals {@link Double#parseDouble} bit for bit) without its allocation, booleans in the spellings
 * exports use. A value that does not parse is rejected with a {@link BadRecordException} that names
 * the column and never the value.
 */
final class TextValues {
  private TextValues() {}

  static String strip(String s) {
    int n = s.length();
    // Most values have no surrounding space; check the ends before calling strip().
    if (n > 0 && (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(n - 1)))) {
      return s.strip();
    }
    return s;
  }

  static Integer parseInt(String s, String column) {
    if (!isInteger(s)) {
      throw new BadRecordException(column, "not an integer: expected digits");
    }
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new BadRecordException(column, "integer out of the INT range; use LONG");
    }
  }

  static Long parseLong(String s, String column) {
    if (!isInteger(s)) {
      throw new BadRecordException(column, "not an integer: expected digits");
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new BadRecordException(column, "integer out of the LONG range; use DOUBLE");
    }
  }

  static boolean isInteger(String s) {
    int i = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
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

  static Double parseDouble(String s, String column) {
    if (!isDecimal(s)) {
      throw new BadRecordException(
          column, "not a number: expected decimal notation such as -12.5 or 1e3");
    }
    double d = parseDecimal(s);
    if (Double.isInfinite(d)) {
      throw new BadRecordException(column, "number beyond the DOUBLE range");
    }
    return d;
  }

  /** Powers of ten that a double holds exactly: 10^0 to 10^22. */
  private static final double[] EXACT_POWERS_OF_TEN = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < EXACT_POWERS_OF_TEN.length; i++) {
      EXACT_POWERS_OF_TEN[i] = p;
      p *= 10;
    }
  }

  /**
   * The double nearest to a string that {@link #isDecimal} accepted, equal to {@link
   * Double#parseDouble}. Most CSV numbers have few digits; for those the value is one exact integer
   * times or divided by one exact power of ten, a single correctly rounded operation (Clinger's
   * fast path), which is several times cheaper than the general algorithm. Anything longer falls
   * back to {@code Double.parseDouble}.
   */
  static double parseDecimal(String s) {
    int n = s.length();
    int i = 0;
    boolean negative = false;
    char c = s.charAt(0);
    if (c == '-' || c == '+') {
      negative = c == '-';
      i++;
    }
    long mantissa = 0;
    int significant = 0;
    int scale = 0;
    boolean fraction = false;
    for (; i < n; i++) {
      c = s.charAt(i);
      if (c == '.') {
        fraction = true;
        continue;
      }
      if (c == 'e' || c == 'E') {
        break;
      }
      int d = c - '0';
      if (mantissa != 0 || d != 0) {
        // Beyond 15 significant digits the integer may pass 2^53 and lose exactness.
        if (++significant > 15) {
          return Double.parseDouble(s);
        }
      }
      mantissa = mantissa * 10 + d;
      if (fraction) {
        scale++;
      }
    }
    int exponent = 0;
    if (i < n) {
      i++;
      boolean negativeExponent = false;
      if (s.charAt(i) == '-' || s.charAt(i) == '+') {
        negativeExponent = s.charAt(i) == '-';
        i++;
      }
      if (n - i > 4) {
        return Double.parseDouble(s);
      }
      for (; i < n; i++) {
        exponent = exponent * 10 + (s.charAt(i) - '0');
      }
      if (negativeExponent) {
        exponent = -exponent;
      }
    }
    if (mantissa == 0) {
      return negative ? -0.0 : 0.0;
    }
    int power = exponent - scale;
    double v;
    if (power >= 0 && power < EXACT_POWERS_OF_TEN.length) {
      v = mantissa * EXACT_POWERS_OF_TEN[power];
    } else if (power < 0 && -power < EXACT_POWERS_OF_TEN.length) {
      v = mantissa / EXACT_POWERS_OF_TEN[-power];
    } else {
      return Double.parseDouble(s);
    }
    return negative ? -v : v;
  }

  /** {@code [+-]? digits* (. digits*)? ([eE] [+-]? digits+)?} with at least one mantissa digit. */
  static boolean isDecimal(String s) {
    int n = s.length();
    int i = 0;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      i++;
    }
    int mantissa = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      mantissa++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        mantissa++;
      }
    }
    if (mantissa == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
        i++;
      }
      int exp = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return i == n;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static Boolean parseBoolean(String s, String column) {
    switch (s.length()) {
      case 1:
        char c = s.charAt(0);
        if (c == '1' || c == 'y' || c == 'Y') {
          return Boolean.TRUE;
        }
        if (c == '0' || c == 'n' || c == 'N') {
          return Boolean.FALSE;
        }
        break;
      case 2:
        if (s.equalsIgnoreCase("no")) {
          return Boolean.FALSE;
        }
        break;
      case 3:
        if (s.equalsIgnoreCase("yes")) {
          return Boolean.TRUE;
        }
        break;
      case 4:
        if (s.equalsIgnoreCase("true")) {
          return Boolean.TRUE;
        }
        break;
      case 5:
        if (s.equalsIgnoreCase("false")) {
          return Boolean.FALSE;
        }
        break;
      default:
        break;
    }
    throw new BadRecordException(column, "not a boolean: expected true/false, yes/no, y/n or 1/0");
  }
}
