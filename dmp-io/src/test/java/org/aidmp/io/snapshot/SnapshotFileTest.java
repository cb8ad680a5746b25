package org.aidmp.io.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFileTest {
  @TempDir Path dir;

  /** Writes one of everything DataOutput offers, driven by a seed. */
  private static void writeMixed(DataOutput out, long seed, int n) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    out.writeUTF("héllo \u0000 \u20ac snapshot");
    out.writeBytes("ascii");
    out.writeChars("chars");
    for (int i = 0; i < n; i++) {
      out.writeInt(r.nextInt());
      out.writeLong(r.nextLong());
      out.writeFloat((float) r.nextDouble());
      out.writeDouble(r.nextDouble());
      out.writeShort(r.nextInt());
      out.writeChar(r.nextInt());
      out.writeByte(r.nextInt());
      out.writeBoolean(r.nextBoolean());
      byte[] b = new byte[r.nextInt(40)];
      r.nextBytes(b);
      out.write(b);
    }
  }

  private static void readMixed(DataInput in, long seed, int n) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    assertEquals("héllo \u0000 \u20ac snapshot", in.readUTF());
    byte[] ascii = new byte[5];
    in.readFully(ascii);
    assertEquals("ascii", new String(ascii, java.nio.charset.StandardCharsets.US_ASCII));
    for (char c : "chars".toCharArray()) {
      assertEquals(c, in.readChar());
    }
    for (int i = 0; i < n; i++) {
      assertEquals(r.nextInt(), in.readInt(), "int " + i);
      assertEquals(r.nextLong(), in.readLong());
      assertEquals((float) r.nextDouble(), in.readFloat());
      assertEquals(r.nextDouble(), in.readDouble());
      assertEquals((short) r.nextInt(), in.readShort());
      assertEquals((char) r.nextInt(), in.readChar());
      assertEquals((byte) r.nextInt(), in.readByte());
      assertEquals(r.nextBoolean(), in.readBoolean());
      byte[] expected = new byte[r.nextInt(40)];
      r.nextBytes(expected);
      byte[] actual = new byte[expected.length];
      in.readFully(actual);
      assertArrayEquals(expected, actual);
    }
  }

  @Test
  void payloadBytesEqualThoseOfDataOutputStream() throws IOException {
    // Two implementations of one format: the buffered channel writer must produce exactly the
    // bytes java.io.DataOutputStream produces, so models written either way read back the same.
    for (long seed : new long[] {1, 2, 3}) {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      writeMixed(new DataOutputStream(bos), seed, 50_000);
      Path f = dir.resolve("mixed" + seed + ".dmps");
      SnapshotFile.Header h = SnapshotFile.write(f, 7, out -> writeMixed(out, seed, 50_000));
      byte[] file = Files.readAllBytes(f);
      byte[] payload = java.util.Arrays.copyOfRange(file, SnapshotFile.HEADER_BYTES, file.length);
      assertArrayEquals(bos.toByteArray(), payload, "seed " + seed);
      assertEquals(bos.size(), h.payloadLength());
      assertEquals(7, h.payloadVersion());
    }
  }

  @Test
  void roundTripsEveryPrimitive() throws IOException {
    Path f = dir.resolve("a.dmps");
    SnapshotFile.write(f, 3, out -> writeMixed(out, 42, 30_000));
    String done =
        SnapshotFile.read(
            f,
            in -> {
              readMixed(in, 42, 30_000);
              return "ok";
            });
    assertEquals("ok", done);
    assertEquals(3, SnapshotFile.readHeader(f).payloadVersion());
  }

  @Test
  void emptyPayloadRoundTrips() throws IOException {
    Path f = dir.resolve("empty.dmps");
    SnapshotFile.Header h = SnapshotFile.write(f, 1, out -> {});
    assertEquals(0, h.payloadLength());
    assertEquals("none", SnapshotFile.read(f, in -> "none"));
  }

  @Test
  void readLineSplitsOnEveryLineEnd() throws IOException {
    Path f = dir.resolve("lines.dmps");
    SnapshotFile.write(f, 1, out -> out.writeBytes("a\nb\r\nc\rd"));
    List<String> lines =
        SnapshotFile.read(
            f,
            in ->
                Stream.of(in.readLine(), in.readLine(), in.readLine(), in.readLine(), in.readLine())
                    .toList()
                    .subList(0, 4));
    assertEquals(List.of("a", "b", "c", "d"), lines);
  }

  @Test
  void everyTruncationIsRejected() throws IOException {
    Path f = dir.resolve("t.dmps");
    SnapshotFile.write(f, 1, out -> writeMixed(out, 5, 100));
    byte[] whole = Files.readAllBytes(f);
    for (int len = 0; len < whole.length; len += Math.max(1, whole.length / 97)) {
      Path cut = dir.resolve("cut" + len + ".dmps");
      Files.write(cut, java.util.Arrays.copyOf(whole, len));
      boolean[] readerRan = {false};
      SnapshotFormatException e =
          assertThrows(
              SnapshotFormatException.class,
              () -> SnapshotFile.read(cut, in -> readerRan[0] = true),
              "length " + len);
      assertTrue(e.getMessage().contains("truncated"), "length " + len + ": " + e.getMessage());
      assertFalse(readerRan[0], "the reader saw a truncated file of length " + len);
      assertEquals(cut, e.file());
    }
  }

  @Test
  void everyFlippedBitIsRejectedBeforeTheReaderRuns() throws IOException {
    Path f = dir.resolve("c.dmps");
    SnapshotFile.write(f, 1, out -> writeMixed(out, 9, 200));
    byte[] whole = Files.readAllBytes(f);
    SplittableRandom r = new SplittableRandom(2026);
    for (int trial = 0; trial < 300; trial++) {
      int pos = r.nextInt(whole.length);
      int bit = r.nextInt(8);
      byte[] bad = whole.clone();
      bad[pos] ^= (byte) (1 << bit);
      Path g = dir.resolve("bad.dmps");
      Files.write(g, bad);
      boolean[] readerRan = {false};
      assertThrows(
          SnapshotFormatException.class,
          () -> SnapshotFile.read(g, in -> readerRan[0] = true),
          "flipping bit " + bit + " of byte " + pos + " went unnoticed");
      assertFalse(
          readerRan[0], "reader ran on a file with bit " + bit + " of byte " + pos + " flipped");
    }
  }

  @Test
  void extraBytesAndForeignFilesAreRejected() throws IOException {
    Path f = dir.resolve("x.dmps");
    SnapshotFile.write(f, 1, out -> out.writeInt(1));
    Files.write(f, new byte[] {0}, StandardOpenOption.APPEND);
    SnapshotFormatException extra =
        assertThrows(SnapshotFormatException.class, () -> SnapshotFile.verify(f));
    assertTrue(extra.getMessage().contains("unexpected bytes"), extra.getMessage());

    Path csv = dir.resolve("data.csv");
    Files.writeString(csv, "user_id,value\nu1,1\nu2,2\nu3,3\n");
    SnapshotFormatException foreign =
        assertThrows(SnapshotFormatException.class, () -> SnapshotFile.verify(csv));
    assertTrue(foreign.getMessage().contains("not a dmp snapshot"), foreign.getMessage());
  }

  @Test
  void newerContainerVersionIsRejected() throws IOException {
    Path f = dir.resolve("v.dmps");
    SnapshotFile.write(f, 1, out -> out.writeInt(1));
    byte[] b = Files.readAllBytes(f);
    ByteBuffer hb = ByteBuffer.wrap(b);
    hb.putShort(4, (short) 9);
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(b, 0, SnapshotFile.HEADER_BYTES - 4);
    hb.putInt(SnapshotFile.HEADER_BYTES - 4, (int) crc.getValue());
    Files.write(f, b);
    SnapshotFormatException e =
        assertThrows(SnapshotFormatException.class, () -> SnapshotFile.verify(f));
    assertTrue(e.getMessage().contains("container version 9"), e.getMessage());
  }

  @Test
  void readerThatConsumesTooLittleOrTooMuchFails() throws IOException {
    Path f = dir.resolve("r.dmps");
    SnapshotFile.write(
        f,
        2,
        out -> {
          out.writeInt(1);
          out.writeInt(2);
        });
    SnapshotFormatException tooLittle =
        assertThrows(SnapshotFormatException.class, () -> SnapshotFile.read(f, DataInput::readInt));
    assertTrue(tooLittle.getMessage().contains("left 4 of 8"), tooLittle.getMessage());
    SnapshotFormatException tooMuch =
        assertThrows(
            SnapshotFormatException.class,
            () -> SnapshotFile.read(f, in -> in.readInt() + in.readInt() + in.readInt()));
    assertTrue(tooMuch.getMessage().contains("wanted more"), tooMuch.getMessage());
  }

  @Test
  void failedWriteKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
    Path f = dir.resolve("keep.dmps");
    SnapshotFile.write(f, 1, out -> out.writeLong(123L));
    IOException boom =
        assertThrows(
            IOException.class,
            () ->
                SnapshotFile.write(
                    f,
                    1,
                    out -> {
                      for (int i = 0; i < 1_000_000; i++) {
                        out.writeLong(i);
                      }
                      throw new IOException("disk full (simulated)");
                    }));
    assertEquals("disk full (simulated)", boom.getMessage());
    assertEquals(123L, SnapshotFile.read(f, DataInput::readLong));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(f), files.toList());
    }
  }

  @Test
  void fileChangedBetweenChecksIsNotTrusted() throws IOException {
    // Simulates a file altered in place after the first checksum pass by wrapping the reader:
    // the reader itself rewrites a byte the second pass has not loaded yet.
    Path f = dir.resolve("race.dmps");
    SnapshotFile.write(
        f,
        1,
        out -> {
          for (int i = 0; i < 600_000; i++) {
            out.writeInt(i);
          }
        });
    SnapshotFormatException e =
        assertThrows(
            SnapshotFormatException.class,
            () ->
                SnapshotFile.read(
                    f,
                    in -> {
                      try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                        ch.write(
                            ByteBuffer.wrap(new byte[] {(byte) 0xFF}),
                            SnapshotFile.HEADER_BYTES + 2_000_000L);
                      }
                      for (int i = 0; i < 600_000; i++) {
                        in.readInt();
                      }
                      return null;
                    }));
    assertTrue(e.getMessage().contains("changed while it was being read"), e.getMessage());
  }
}
