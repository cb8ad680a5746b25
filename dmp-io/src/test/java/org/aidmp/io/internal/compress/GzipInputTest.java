package org.aidmp.io.internal.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class GzipInputTest {
  private static final byte[] TEXT = "user_id,ts\nu1,2026-11-30\n".getBytes(StandardCharsets.UTF_8);

  private static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(b);
    }
    return out.toByteArray();
  }

  private static byte[] all(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  @Test
  void detectsGzipByMagicBytesAndPassesPlainTextThrough() throws IOException {
    assertArrayEquals(
        TEXT, all(GzipInput.detect(new ByteArrayInputStream(gzip(TEXT)), null, 100, "stream")));
    assertArrayEquals(TEXT, all(GzipInput.detect(new ByteArrayInputStream(TEXT), null, 100, "s")));
    byte[] one = {'x'};
    assertArrayEquals(one, all(GzipInput.detect(new ByteArrayInputStream(one), null, 100, "s")));
    assertArrayEquals(
        new byte[0], all(GzipInput.detect(new ByteArrayInputStream(new byte[0]), null, 100, "s")));
  }

  @Test
  void aGzNameMeansGzipWhateverTheBytes() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                GzipInput.detect(
                    new ByteArrayInputStream(TEXT), Path.of("events.CSV.GZ"), 100, "events"));
    assertTrue(e.getMessage().contains("not gzip data"), e.getMessage());
  }

  @Test
  void theExpansionCapStopsABombButAnInfiniteRatioSetsNone() throws IOException {
    byte[] bomb = gzip(new byte[8 << 20]);
    IOException e =
        assertThrows(
            IOException.class,
            () -> all(GzipInput.gunzip(new ByteArrayInputStream(bomb), 10, "bomb.gz")));
    assertTrue(e.getMessage().contains("bomb.gz") && e.getMessage().contains("ratio"));
    byte[] out =
        all(GzipInput.gunzip(new ByteArrayInputStream(bomb), Double.POSITIVE_INFINITY, "b"));
    assertTrue(out.length == 8 << 20);
  }
}
