package org.aidmp.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecodingReaderTest {

  static String readAll(Reader r, int bufferSize) throws IOException {
    StringBuilder sb = new StringBuilder();
    char[] buf = new char[bufferSize];
    int n;
    while ((n = r.read(buf, 0, buf.length)) >= 0) {
      sb.append(buf, 0, n);
    }
    return sb.toString();
  }

  static DecodingReader reader(byte[] data, Charset cs, long cap) {
    return new DecodingReader(new ByteArrayInputStream(data), cs, cap);
  }

  @Test
  void decodesLikeInputStreamReaderWhateverTheChunkingProperty() throws IOException {
    String[] pieces = {"a", "\u00e9", "\u20ac", "\uD83D\uDE0E", "\n", "\r\n", "\u0000", "z"};
    for (long seed = 1; seed <= 200; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      StringBuilder text = new StringBuilder();
      int len = rnd.nextInt(3000);
      for (int i = 0; i < len; i++) {
        text.append(pieces[rnd.nextInt(pieces.length)]);
      }
      for (Charset cs : new Charset[] {StandardCharsets.UTF_8, StandardCharsets.UTF_16LE}) {
        byte[] data = text.toString().getBytes(cs);
        String expected = readAll(new InputStreamReader(new ByteArrayInputStream(data), cs), 1024);
        DecodingReader r =
            new DecodingReader(new ChunkyInputStream(data, rnd.split(), 7), cs, Long.MAX_VALUE);
        assertEquals(expected, readAll(r, 1 + rnd.nextInt(50)), "seed " + seed + " " + cs);
      }
    }
  }

  @Test
  void dropsAByteOrderMarkOnlyAtTheStart() throws IOException {
    byte[] data = "\uFEFF\uFEFFab".getBytes(StandardCharsets.UTF_8);
    assertEquals("\uFEFFab", readAll(reader(data, StandardCharsets.UTF_8, 100), 1));
    assertEquals("\uFEFFab", readAll(reader(data, StandardCharsets.UTF_8, 100), 64));
    byte[] utf16 = "\uFEFFx".getBytes(StandardCharsets.UTF_16LE);
    assertEquals("x", readAll(reader(utf16, StandardCharsets.UTF_16LE, 100), 8));
  }

  @Test
  void reportsOffsetLineAndColumnOfBadBytesAfterHandingOverTheGoodText() throws IOException {
    byte[] head = "ab\r\ncd\re\nfg".getBytes(StandardCharsets.UTF_8);
    byte[] data = new byte[head.length + 2];
    System.arraycopy(head, 0, data, 0, head.length);
    data[head.length] = (byte) 0xC3; // a lead byte followed by an ASCII byte
    data[head.length + 1] = 'h';
    DecodingReader r = reader(data, StandardCharsets.UTF_8, 100);
    char[] buf = new char[64];
    assertEquals(head.length, r.read(buf, 0, buf.length));
    DecodingReader.InvalidInput e =
        assertThrows(DecodingReader.InvalidInput.class, () -> r.read(buf, 0, buf.length));
    assertEquals(head.length, e.byteOffset);
    assertEquals(4, e.line);
    assertEquals(3, e.column);
  }

  @Test
  void capCountsCharsSinceTheLastBoundary() throws IOException {
    byte[] data = "x".repeat(100).getBytes(StandardCharsets.US_ASCII);
    DecodingReader r = reader(data, StandardCharsets.US_ASCII, 30);
    char[] buf = new char[20];
    assertEquals(20, r.read(buf, 0, 20));
    r.markRecordBoundary();
    assertEquals(20, r.read(buf, 0, 20));
    DecodingReader.RecordTooLong e =
        assertThrows(DecodingReader.RecordTooLong.class, () -> r.read(buf, 0, 20));
    assertEquals(30, e.cap);
  }

  @Test
  void emptyInputIsAtEndAtOnce() throws IOException {
    DecodingReader r = reader(new byte[0], StandardCharsets.UTF_8, 10);
    assertEquals(-1, r.read(new char[4], 0, 4));
    assertEquals(-1, r.read(new char[4], 0, 4));
  }
}
