package org.aidmp.io.snapshot;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * A {@link DataInput} over exactly {@code length} bytes of a file channel, read through one large
 * buffer, keeping a CRC32C of every byte it loads. Reading past the end throws {@link
 * EOFException}, so a reader that expects more than the payload holds cannot wander into other
 * data. Internal to the snapshot package.
 */
final class ChannelDataInput implements DataInput {
  private static final int BUFFER_BYTES = 1 << 20;

  private final FileChannel channel;
  private final ByteBuffer buffer;
  private final CRC32C crc = new CRC32C();
  private long unread;

  ChannelDataInput(FileChannel channel, long length) {
    this.channel = channel;
    this.unread = length;
    this.buffer =
        ByteBuffer.allocate((int) Math.min(BUFFER_BYTES, Math.max(length, 16)))
            .order(ByteOrder.BIG_ENDIAN);
    buffer.limit(0);
  }

  /** Bytes of the payload not yet consumed by the reader. */
  long remaining() {
    return unread + buffer.remaining();
  }

  /** Loads the rest of the payload, unconsumed, so that {@link #crc()} covers all of it. */
  void drain() throws IOException {
    buffer.position(buffer.limit());
    while (unread > 0) {
      refill();
      buffer.position(buffer.limit());
    }
  }

  /** The checksum of all bytes loaded so far. */
  int crc() {
    return (int) crc.getValue();
  }

  private void refill() throws IOException {
    buffer.compact();
    int want = (int) Math.min(buffer.remaining(), unread);
    int start = buffer.position();
    ByteBuffer view = buffer.duplicate();
    view.limit(start + want);
    while (view.hasRemaining()) {
      if (channel.read(view) < 0) {
        throw new EOFException("file ended while reading its payload; it was truncated meanwhile");
      }
    }
    crc.update(buffer.array(), start, want);
    unread -= want;
    buffer.position(start + want);
    buffer.flip();
  }

  private void need(int bytes) throws IOException {
    if (buffer.remaining() >= bytes) {
      return;
    }
    if (remaining() < bytes) {
      throw new EOFException(
          "the reader asked for "
              + bytes
              + " more bytes but the payload has "
              + remaining()
              + " left");
    }
    refill();
  }

  @Override
  public void readFully(byte[] b) throws IOException {
    readFully(b, 0, b.length);
  }

  @Override
  public void readFully(byte[] b, int off, int len) throws IOException {
    if (remaining() < len) {
      throw new EOFException(
          "the reader asked for " + len + " bytes but the payload has " + remaining() + " left");
    }
    while (len > 0) {
      if (!buffer.hasRemaining()) {
        refill();
      }
      int n = Math.min(len, buffer.remaining());
      buffer.get(b, off, n);
      off += n;
      len -= n;
    }
  }

  @Override
  public int skipBytes(int n) throws IOException {
    int skipped = 0;
    while (skipped < n && remaining() > 0) {
      if (!buffer.hasRemaining()) {
        refill();
      }
      int step = Math.min(n - skipped, buffer.remaining());
      buffer.position(buffer.position() + step);
      skipped += step;
    }
    return skipped;
  }

  @Override
  public boolean readBoolean() throws IOException {
    return readByte() != 0;
  }

  @Override
  public byte readByte() throws IOException {
    need(1);
    return buffer.get();
  }

  @Override
  public int readUnsignedByte() throws IOException {
    return readByte() & 0xFF;
  }

  @Override
  public short readShort() throws IOException {
    need(2);
    return buffer.getShort();
  }

  @Override
  public int readUnsignedShort() throws IOException {
    return readShort() & 0xFFFF;
  }

  @Override
  public char readChar() throws IOException {
    need(2);
    return buffer.getChar();
  }

  @Override
  public int readInt() throws IOException {
    need(4);
    return buffer.getInt();
  }

  @Override
  public long readLong() throws IOException {
    need(8);
    return buffer.getLong();
  }

  @Override
  public float readFloat() throws IOException {
    need(4);
    return buffer.getFloat();
  }

  @Override
  public double readDouble() throws IOException {
    need(8);
    return buffer.getDouble();
  }

  /** Reads bytes up to a line end, each byte taken as a char, as {@link DataInput} specifies. */
  @Override
  public String readLine() throws IOException {
    if (remaining() == 0) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    while (remaining() > 0) {
      int c = readUnsignedByte();
      if (c == '\n') {
        break;
      }
      if (c == '\r') {
        if (remaining() > 0) {
          need(1);
          if (buffer.get(buffer.position()) == '\n') {
            buffer.get();
          }
        }
        break;
      }
      sb.append((char) c);
    }
    return sb.toString();
  }

  @Override
  public String readUTF() throws IOException {
    return DataInputStream.readUTF(this);
  }
}
