package org.aidmp.internal.codec;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The one framing of the library's binary formats: a magic number from {@link Magic}, then a format
 * version, then the payload. Readers check both and fail with a message that names what they
 * expected, and check every count before allocating.
 */
public final class Codec {
  /** The largest count a reader accepts before allocating (2^28 entries). */
  public static final int MAX_COUNT = 1 << 28;

  private Codec() {}

  /** Writes the magic number and the format version. */
  public static void writeHeader(DataOutput out, Magic magic, int version) throws IOException {
    out.writeInt(magic.value());
    out.writeInt(version);
  }

  /**
   * Reads and checks a header written by {@link #writeHeader}.
   *
   * @param newest the newest version this reader understands
   * @return the version found, between 1 and {@code newest}
   * @throws IOException if the magic number differs or the version is unknown
   */
  public static int readHeader(DataInput in, Magic magic, int newest) throws IOException {
    int m = in.readInt();
    if (m != magic.value()) {
      throw new IOException(
          String.format(
              "not a %s: magic 0x%08x, expected 0x%08x",
              magic.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), m, magic.value()));
    }
    int v = in.readInt();
    if (v < 1 || v > newest) {
      throw new IOException(
          "format version "
              + v
              + " of "
              + magic.name()
              + " is not supported; this library reads 1.."
              + newest);
    }
    return v;
  }

  /**
   * Reads a count and checks it is within {@code 0..MAX_COUNT}.
   *
   * @param what what is counted, for the message
   */
  public static int readCount(DataInput in, String what) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_COUNT) {
      throw new IOException("count of " + what + " (" + n + ") is out of range 0.." + MAX_COUNT);
    }
    return n;
  }
}
