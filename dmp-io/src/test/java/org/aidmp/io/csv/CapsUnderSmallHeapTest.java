package org.aidmp.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each input cap of dmp-io, exercised in a child JVM started with {@value #XMX}: the hostile input
 * must fail with the cap's declared error, never with an {@link OutOfMemoryError}.
 */
class CapsUnderSmallHeapTest {
  static final String XMX = "-Xmx32m";

  @TempDir Path dir;

  private static String run(String mode, Path file) throws Exception {
    String cp = System.getProperty("java.class.path");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                XMX,
                "-XX:+UseSerialGC",
                "-cp",
                cp,
                SmallHeapChild.class.getName(),
                mode,
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "child failed under " + XMX + ": " + out);
    return out;
  }

  @Test
  void gzipBombInALocalCsvStopsAtTheExpansionCap() throws Exception {
    // 256 MiB of short lines in about 0.25 MiB of gzip: a ratio near 1,000, ten times the cap.
    Path bomb = dir.resolve("bomb.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb), 1 << 16)) {
      out.write("a\n".getBytes(StandardCharsets.US_ASCII));
      byte[] block = "0\n".repeat(1 << 19).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 256; i++) {
        out.write(block);
      }
    }
    String out = run("gzip", bomb);
    assertTrue(out.startsWith("CAPPED"), out);
    assertTrue(out.contains("beyond the expansion ratio of 100.0"), out);
  }

  @Test
  void npyHeaderThatPromisesGigabytesFailsWithoutAllocatingThem() throws Exception {
    // A valid header for 500,000,000 float32 values (2 GB) followed by 16 bytes of data.
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (500000000,), }";
    header = header + " ".repeat(63 - (10 + header.length()) % 64) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 16).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.ISO_8859_1));
    Path lying = dir.resolve("lying.npy");
    Files.write(lying, b.array());
    String out = run("npy", lying);
    assertTrue(out.startsWith("CAPPED"), out);
    assertTrue(out.contains("ends before the data its .npy header announces"), out);
  }

  @Test
  void smallGzipFilesStayReadable() throws IOException {
    Path small = dir.resolve("small.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(small))) {
      out.write("a\n".getBytes(StandardCharsets.US_ASCII));
      out.write("0\n".repeat(100_000).getBytes(StandardCharsets.US_ASCII));
    }
    long n = 0;
    for (var r : CsvSource.builder(small).get()) {
      n++;
    }
    assertEquals(100_000, n, "a 200 kB file expands past 100x but stays under the 1 MiB allowance");
  }
}
