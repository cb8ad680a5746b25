package org.aidmp.io.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8Test {
  private static int at(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return Utf8.firstInvalid(b, b.length);
  }

  @Test
  void acceptsEveryLengthOfSequence() {
    byte[] b = "a é € 🎉".getBytes(StandardCharsets.UTF_8);
    assertEquals(-1, Utf8.firstInvalid(b, b.length));
  }

  @Test
  void rejectsStrayContinuationOverlongSurrogatesAndTruncation() {
    assertEquals(1, at('a', 0x80));
    assertEquals(0, at(0xC0, 0xAF)); // overlong '/'
    assertEquals(0, at(0xE0, 0x80, 0xAF)); // overlong
    assertEquals(0, at(0xED, 0xA0, 0x80)); // surrogate U+D800
    assertEquals(0, at(0xF4, 0x90, 0x80, 0x80)); // past U+10FFFF
    assertEquals(1, at('a', 0xE2, 0x82)); // cut short at the end
    assertEquals(0, at(0xFF));
  }

  @Test
  void agreesWithTheJdkDecoderOnRandomBytes() {
    // the JDK's strict decoder is the reference: valid exactly when it decodes without error
    SplittableRandom rnd = new SplittableRandom(7);
    for (int round = 0; round < 20_000; round++) {
      byte[] b = new byte[rnd.nextInt(1, 8)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (rnd.nextBoolean() ? rnd.nextInt(0x80, 0x100) : rnd.nextInt(0x20, 0x80));
      }
      boolean jdkValid;
      try {
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(b));
        jdkValid = true;
      } catch (CharacterCodingException e) {
        jdkValid = false;
      }
      assertEquals(
          jdkValid, Utf8.firstInvalid(b, b.length) < 0, () -> java.util.Arrays.toString(b));
    }
  }
}
