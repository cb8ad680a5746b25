package org.aidmp.io.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  private static List<String> lines(String text, int cap, List<Long> starts) throws IOException {
    // a stream that hands out 3 bytes at a time, so lines straddle every buffer boundary
    InputStream in =
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 3));
          }
        };
    LineReader r = new LineReader(in, cap);
    List<String> out = new ArrayList<>();
    while (r.next()) {
      out.add(new String(r.line(), 0, r.length(), StandardCharsets.UTF_8));
      starts.add(r.lineStart());
    }
    return out;
  }

  @Test
  void splitsOnNewlinesDroppingCarriageReturnsAndKeepsOffsets() throws IOException {
    List<Long> starts = new ArrayList<>();
    assertEquals(List.of("ab", "", "cde", "f"), lines("ab\r\n\ncde\nf", 100, starts));
    assertEquals(List.of(0L, 4L, 5L, 9L), starts);
  }

  @Test
  void noLinesInEmptyInputAndNoEmptyLastLineAfterAFinalNewline() throws IOException {
    assertEquals(List.of(), lines("", 10, new ArrayList<>()));
    assertEquals(List.of("a"), lines("a\n", 10, new ArrayList<>()));
  }

  @Test
  void aLineAtTheCapPassesAndOneByteMoreFails() throws IOException {
    assertEquals(List.of("12345"), lines("12345\n", 5, new ArrayList<>()));
    assertThrows(LineReader.TooLong.class, () -> lines("123456\n", 5, new ArrayList<>()));
  }

  @Test
  void longLinesGrowTheBuffer() throws IOException {
    String big = "y".repeat(100_000);
    List<String> got = lines(big + "\nz", 200_000, new ArrayList<>());
    assertEquals(2, got.size());
    assertTrue(got.get(0).equals(big));
    assertFalse(got.get(1).isEmpty());
  }
}
