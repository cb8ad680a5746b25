package org.aidmp.io.snapshot;

import java.io.DataOutput;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * A {@link DataOutput} that buffers into one large array and writes it to a file channel, keeping a
 * CRC32C and a byte count of everything written. {@link java.io.DataOutputStream} on Java 17 sends
 * every byte of a {@code writeFloat} through a synchronized stream call; a model of 64 million
 * floats then spends most of its save time there, so this class fills the buffer directly. Internal
 * to the snapshot package.
 */
final class ChannelDataOutput implements DataOutput {
  private static final int BUFFER_BYTES = 1 << 20;

  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.BIG_ENDIAN);
  private final CRC32C crc = new CRC32C();
  private long written;

  ChannelDataOutput(FileChannel channel) {
    this.channel = channel;
  }

  /** Bytes written so far, including those still buffered. */
  long count() {
    return written + buffer.position();
  }

  /** The checksum of everything written; call after {@link #flush()}. */
  int crc() {
    return (int) crc.getValue();
  }

  /** Writes the buffer out to the channel. */
  void flush() throws IOException {
    buffer.flip();
    crc.update(buffer.array(), 0, buffer.limit());
    written += buffer.limit();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  private void ensure(int bytes) throws IOException {
    if (buffer.remaining() < bytes) {
      flush();
    }
  }

  @Override
  public void write(int b) throws IOException {
    ensure(1);
    buffer.put((byte) b);
  }

  @Override
  public void write(byte[] b) throws IOException {
    write(b, 0, b.length);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      ensure(1);
      int n = Math.min(len, buffer.remaining());
      buffer.put(b, off, n);
      off += n;
      len -= n;
    }
  }

  @Override
  public void writeBoolean(boolean v) throws IOException {
    write(v ? 1 : 0);
  }

  @Override
  public void writeByte(int v) throws IOException {
    write(v);
  }

  @Override
  public void writeShort(int v) throws IOException {
    ensure(2);
    buffer.putShort((short) v);
  }

  @Override
  public void writeChar(int v) throws IOException {
    ensure(2);
    buffer.putChar((char) v);
  }

  @Override
  public void writeInt(int v) throws IOException {
    ensure(4);
    buffer.putInt(v);
  }

  @Override
  public void writeLong(long v) throws IOException {
    ensure(8);
    buffer.putLong(v);
  }

  @Override
  public void writeFloat(float v) throws IOException {
    ensure(4);
    buffer.putFloat(v);
  }

  @Override
  public void writeDouble(double v) throws IOException {
    ensure(8);
    buffer.putDouble(v);
  }

  @Override
  public void writeBytes(String s) throws IOException {
    for (int i = 0; i < s.length(); i++) {
      write(s.charAt(i));
    }
  }

  @Override
  public void writeChars(String s) throws IOException {
    for (int i = 0; i < s.length(); i++) {
      writeChar(s.charAt(i));
    }
  }

  /** Modified UTF-8 with a two-byte length, exactly as {@link DataOutput#writeUTF} specifies. */
  @Override
  public void writeUTF(String s) throws IOException {
    int utfLength = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      utfLength += (c >= 0x0001 && c <= 0x007F) ? 1 : (c > 0x07FF ? 3 : 2);
    }
    if (utfLength > 0xFFFF) {
      throw new UTFDataFormatException(
          "string of "
              + s.length()
              + " chars encodes to "
              + utfLength
              + " bytes, over the 65535 that writeUTF allows; split it");
    }
    writeShort(utfLength);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x0001 && c <= 0x007F) {
        write(c);
      } else if (c > 0x07FF) {
        write(0xE0 | ((c >> 12) & 0x0F));
        write(0x80 | ((c >> 6) & 0x3F));
        write(0x80 | (c & 0x3F));
      } else {
        write(0xC0 | ((c >> 6) & 0x1F));
        write(0x80 | (c & 0x3F));
      }
    }
  }
}
