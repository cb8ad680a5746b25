package org.aidmp.io.snapshot;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.aidmp.internal.codec.Magic;

/**
 * One checksummed, versioned file, written atomically. {@link SnapshotWriter} and {@link
 * SnapshotReader} use it for every file of a snapshot folder. Internal.
 *
 * <p>Layout, big-endian: a 32-byte header (magic {@code "DMPS"}, container version, flags, the
 * caller's payload version, payload length, the payload's CRC32C, a reserved word, the header's own
 * CRC32C), then the payload. The file is first written to a temporary file in the same folder,
 * forced to disk, then renamed over the target, and the folder is forced too, so a crash leaves
 * either the old file or the new one, never a mix.
 *
 * <p>Reading checks the header and the whole payload's checksum <em>before</em> the reader function
 * sees a byte, and afterwards checks that the function consumed the payload exactly. Truncated,
 * corrupted or foreign files fail with {@link SnapshotFormatException}.
 */
final class SnapshotFile {
  /** {@code "DMPS"} in ASCII. */
  static final int MAGIC = Magic.SNAPSHOT_PART.value();

  /** The version of this container layout (not of the payload). */
  static final short CONTAINER_VERSION = 1;

  /** The header's size in bytes. */
  static final int HEADER_BYTES = 32;

  private static final int VERIFY_BUFFER_BYTES = 1 << 20;

  private SnapshotFile() {}

  /**
   * What a snapshot file's header says about its payload.
   *
   * @param payloadVersion the format version the writer gave its payload
   * @param payloadLength the payload's length in bytes
   * @param payloadCrc32c the CRC32C of the payload
   */
  record Header(int payloadVersion, long payloadLength, int payloadCrc32c) {}

  /**
   * Writes {@code body}'s output as the payload of {@code file}, atomically.
   *
   * @param file the target; its folder must exist
   * @param payloadVersion the format version of what {@code body} writes, stored for the reader
   * @param body writes the payload
   * @return the header written
   * @throws IOException if writing fails; the target is then unchanged and no temporary file is
   *     left behind
   */
  static Header write(Path file, int payloadVersion, IOConsumer<? super DataOutput> body)
      throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(body, "body");
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    boolean moved = false;
    try {
      Header header;
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.position(HEADER_BYTES);
        ChannelDataOutput out = new ChannelDataOutput(ch);
        body.accept(out);
        out.flush();
        header = new Header(payloadVersion, out.count(), out.crc());
        writeFully(ch, encodeHeader(header), 0);
        ch.force(true);
      }
      moveAtomically(tmp, file);
      moved = true;
      forceFolder(dir);
      return header;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * Reads {@code file}'s payload with {@code reader} after checking the header and checksum.
   *
   * @param file the snapshot file
   * @param reader reads the payload; must consume it exactly
   * @return what {@code reader} returned
   * @throws SnapshotFormatException if the file is truncated, corrupted, not a snapshot file, of a
   *     newer container version, or {@code reader} consumed too few or too many bytes
   */
  static <R> R read(Path file, IOFunction<? super DataInput, ? extends R> reader)
      throws IOException {
    return read(file, null, reader);
  }

  /**
   * Reads the header of {@code file} and checks it against the file's size, without reading the
   * payload.
   */
  static Header readHeader(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return checkedHeader(file, ch);
    }
  }

  /**
   * Reads the whole file and checks its checksum, without interpreting the payload.
   *
   * @return the header
   * @throws SnapshotFormatException if the file fails a check
   */
  static Header verify(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Header h = checkedHeader(file, ch);
      verifyPayload(file, ch, h);
      return h;
    }
  }

  /** Reads with an expected header (from a manifest) when {@code expected} is not null. */
  static <R> R read(Path file, Header expected, IOFunction<? super DataInput, ? extends R> reader)
      throws IOException {
    Objects.requireNonNull(reader, "reader");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Header h = checkedHeader(file, ch);
      if (expected != null && !expected.equals(h)) {
        throw new SnapshotFormatException(
            file,
            "does not match the folder's manifest (manifest "
                + expected
                + ", file "
                + h
                + "); the file was replaced or altered after its generation was committed:"
                + " open an older generation or restore a complete snapshot");
      }
      verifyPayload(file, ch, h);
      ch.position(HEADER_BYTES);
      ChannelDataInput in = new ChannelDataInput(ch, h.payloadLength());
      R result;
      try {
        result = reader.apply(in);
      } catch (EOFException e) {
        throw new SnapshotFormatException(
            file,
            "the reader wanted more than the "
                + h.payloadLength()
                + "-byte payload (payload"
                + " version "
                + h.payloadVersion()
                + "); the reader does not match this format: "
                + e.getMessage());
      }
      long left = in.remaining();
      if (left != 0) {
        throw new SnapshotFormatException(
            file,
            "the reader left "
                + left
                + " of "
                + h.payloadLength()
                + " payload bytes unread"
                + " (payload version "
                + h.payloadVersion()
                + "); the reader does not match"
                + " this format");
      }
      if (in.crc() != h.payloadCrc32c()) {
        throw new SnapshotFormatException(
            file, "changed while it was being read (checksum differs on the second pass)");
      }
      return result;
    }
  }

  private static Header checkedHeader(Path file, FileChannel ch) throws IOException {
    long size = ch.size();
    ByteBuffer hb = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
    hb.limit((int) Math.min(HEADER_BYTES, size));
    while (hb.hasRemaining()) {
      if (ch.read(hb, hb.position()) < 0) {
        throw new SnapshotFormatException(file, "truncated while reading its header");
      }
    }
    // The magic is checked first so that a foreign file is called foreign, not truncated.
    int magic = size >= 4 ? hb.getInt(0) : MAGIC;
    if (magic != MAGIC) {
      throw new SnapshotFormatException(
          file,
          "is not a dmp snapshot file (magic 0x"
              + Integer.toHexString(magic)
              + ", expected 0x"
              + Integer.toHexString(MAGIC)
              + ")");
    }
    if (size < HEADER_BYTES) {
      throw new SnapshotFormatException(
          file,
          "truncated: "
              + size
              + " bytes, shorter than the "
              + HEADER_BYTES
              + "-byte header; restore it from a complete snapshot");
    }
    CRC32C crc = new CRC32C();
    crc.update(hb.array(), 0, HEADER_BYTES - 4);
    if ((int) crc.getValue() != hb.getInt(HEADER_BYTES - 4)) {
      throw new SnapshotFormatException(
          file, "corrupted header (header checksum mismatch); restore it from a complete snapshot");
    }
    short container = hb.getShort(4);
    if (container != CONTAINER_VERSION) {
      throw new SnapshotFormatException(
          file,
          "container version "
              + container
              + " is not supported (this library reads version "
              + CONTAINER_VERSION
              + "); use the library version that wrote it");
    }
    Header h = new Header(hb.getInt(8), hb.getLong(12), hb.getInt(20));
    long expectedSize = HEADER_BYTES + h.payloadLength();
    if (h.payloadLength() < 0 || size < expectedSize) {
      throw new SnapshotFormatException(
          file,
          "truncated: "
              + size
              + " bytes on disk but the header promises "
              + expectedSize
              + "; restore it from a complete snapshot");
    }
    if (size > expectedSize) {
      throw new SnapshotFormatException(
          file,
          "has "
              + (size - expectedSize)
              + " unexpected bytes after its "
              + h.payloadLength()
              + "-byte payload; it was altered after it was written");
    }
    return h;
  }

  private static void verifyPayload(Path file, FileChannel ch, Header h) throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer buf = ByteBuffer.allocateDirect(VERIFY_BUFFER_BYTES);
    long pos = HEADER_BYTES;
    long end = HEADER_BYTES + h.payloadLength();
    while (pos < end) {
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), end - pos));
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new SnapshotFormatException(file, "truncated while its payload was being checked");
      }
      buf.flip();
      crc.update(buf);
      pos += n;
    }
    if ((int) crc.getValue() != h.payloadCrc32c()) {
      throw new SnapshotFormatException(
          file,
          "corrupted: the payload's checksum does not match its header (payload version "
              + h.payloadVersion()
              + ", "
              + h.payloadLength()
              + " bytes); restore it from a complete snapshot");
    }
  }

  static ByteBuffer encodeHeader(Header h) {
    ByteBuffer hb = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
    hb.putInt(MAGIC)
        .putShort(CONTAINER_VERSION)
        .putShort((short) 0)
        .putInt(h.payloadVersion())
        .putLong(h.payloadLength())
        .putInt(h.payloadCrc32c())
        .putInt(0);
    CRC32C crc = new CRC32C();
    crc.update(hb.array(), 0, HEADER_BYTES - 4);
    hb.putInt((int) crc.getValue());
    hb.flip();
    return hb;
  }

  private static void writeFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
    long pos = position;
    while (b.hasRemaining()) {
      pos += ch.write(b, pos);
    }
  }

  /** Renames {@code tmp} over {@code target}; the rename is atomic where the file system allows. */
  static void moveAtomically(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Same-folder renames are atomic on every local file system we know of; a file system that
      // refuses still gets a replace, and the checksum catches a torn file on the next read.
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Forces a folder's entries to disk so that a rename survives a power cut. A failure to force is
   * an error: the caller must not report a save as durable. Only platforms that cannot open a
   * folder as a channel at all (Windows) skip it; there the rename is as durable as the OS makes
   * it.
   *
   * @throws IOException if the folder cannot be forced on a platform that supports it
   */
  static void forceFolder(Path dir) throws IOException {
    folderForcer.accept(dir);
  }

  /** How folders are forced; tests replace it to see that a failure propagates. */
  static volatile IOConsumer<Path> folderForcer = SnapshotFile::forceFolderNow;

  private static void forceFolderNow(Path dir) throws IOException {
    if (WINDOWS) {
      return;
    }
    FileChannel ch;
    try {
      ch = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (UnsupportedOperationException e) {
      return;
    }
    try (ch) {
      ch.force(true);
    }
  }

  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
}
