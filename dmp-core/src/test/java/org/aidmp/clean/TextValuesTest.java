package org.aidmp.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextValuesTest {
  @Test
  void decimalCheckAgreesWithTheJdkOnRandomText() {
    SplittableRandom rnd = new SplittableRandom(3);
    char[] alphabet = {'0', '1', '9', '.', 'e', 'E', '-', '+'};
    for (int t = 0; t < 20_000; t++) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + rnd.nextInt(6);
      for (int i = 0; i < len; i++) {
        sb.append(alphabet[rnd.nextInt(alphabet.length)]);
      }
      String s = sb.toString();
      boolean jdk;
      try {
        Double.parseDouble(s);
        jdk = true;
      } catch (NumberFormatException e) {
        jdk = false;
      }
      // Over this alphabet the JDK and the check must agree exactly (no suffixes or words).
      assertEquals(jdk, TextValues.isDecimal(s), "input [" + s + "]");
    }
  }

  @Test
  void fastDecimalParsingEqualsTheJdkBitForBit() {
    SplittableRandom rnd = new SplittableRandom(5);
    int fastPathSized = 0;
    for (int t = 0; t < 200_000; t++) {
      StringBuilder sb = new StringBuilder();
      if (rnd.nextInt(4) == 0) {
        sb.append(rnd.nextBoolean() ? '-' : '+');
      }
      int intDigits = rnd.nextInt(rnd.nextInt(8) == 0 ? 20 : 8);
      for (int i = 0; i < intDigits; i++) {
        sb.append((char) ('0' + rnd.nextInt(10)));
      }
      int fracDigits = intDigits == 0 ? 1 + rnd.nextInt(10) : rnd.nextInt(12);
      if (fracDigits > 0 || rnd.nextInt(5) == 0) {
        sb.append('.');
      }
      for (int i = 0; i < fracDigits; i++) {
        sb.append((char) ('0' + rnd.nextInt(10)));
      }
      if (rnd.nextInt(5) == 0) {
        sb.append(rnd.nextBoolean() ? 'e' : 'E');
        if (rnd.nextBoolean()) {
          sb.append(rnd.nextBoolean() ? '-' : '+');
        }
        sb.append(rnd.nextInt(rnd.nextBoolean() ? 30 : 400));
      }
      String s = sb.toString();
      if (!TextValues.isDecimal(s)) {
        continue;
      }
      if (intDigits + fracDigits <= 15) {
        fastPathSized++;
      }
      assertEquals(
          Double.doubleToRawLongBits(Double.parseDouble(s)),
          Double.doubleToRawLongBits(TextValues.parseDecimal(s)),
          "input [" + s + "]");
    }
    assertTrue(fastPathSized > 100_000, "only " + fastPathSized + " short inputs");
    for (String s :
        new String[] {
          "-0",
          "0.000",
          "-0e5",
          "9007199254740993",
          "1e22",
          "1e23",
          "123456789012345",
          "0.1",
          "4.35",
          "1e-22",
          "1e-23",
          "2.2250738585072014E-308"
        }) {
      assertEquals(
          Double.doubleToRawLongBits(Double.parseDouble(s)),
          Double.doubleToRawLongBits(TextValues.parseDecimal(s)),
          s);
    }
  }
}
