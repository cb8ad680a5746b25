package org.aidmp.internal.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.CRC32;
import org.aidmp.stage.Provenance;
import org.aidmp.stage.StageRecord;

/**
 * The framing every saved predictive model (and score table) shares: a magic number, the model
 * kind, a format version, the payload's length, the payload and a CRC32 of the payload. A reader
 * refuses a wrong kind, a newer version, a truncated payload and a checksum that does not match.
 * Models are written with {@link Magic#PREDICTIVE_MODEL}; the first releases wrote "DMPM", which
 * the profile matrix also opens with, and a reader still accepts it.
 *
 * <pre>{@code
 * ModelFormat.write(out, "gbt", 1, payload -> model.writePayload(payload));
 * DataInput body = ModelFormat.read(in, "gbt", 1);
 * }</pre>
 */
public final class ModelFormat {
  /** The first four bytes of every model: "DMPR". */
  public static final int MAGIC = Magic.PREDICTIVE_MODEL.value();

  /** The first four bytes of models written by the first releases: "DMPM". */
  static final int LEGACY_MAGIC = 0x444d504d;

  /** Payloads larger than this are refused on reading (256 MiB). */
  public static final int MAX_PAYLOAD = 256 << 20;

  private ModelFormat() {}

  /** Writes a payload. */
  @FunctionalInterface
  public interface PayloadWriter {
    /** Writes the model's fields to {@code out}. */
    void write(DataOutput out) throws IOException;
  }

  /**
   * Writes one framed model.
   *
   * @param out where to write
   * @param kind the model kind, checked on reading
   * @param version the payload's format version
   * @param payload writes the fields
   */
  public static void write(DataOutput out, String kind, int version, PayloadWriter payload)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream data = new DataOutputStream(bytes)) {
      payload.write(data);
    }
    byte[] body = bytes.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(body);
    out.writeInt(MAGIC);
    out.writeUTF(kind);
    out.writeInt(version);
    out.writeInt(body.length);
    out.write(body);
    out.writeLong(crc.getValue());
  }

  /**
   * Reads one framed model and returns its checked payload.
   *
   * @param in where to read
   * @param kind the expected model kind
   * @param maxVersion the newest payload version the caller can read
   * @return the payload, whose first field is the version (read it with {@code readInt()})
   * @throws IOException if the frame is not a model of this kind, is newer, truncated or corrupt
   */
  public static DataInputStream read(DataInput in, String kind, int maxVersion) throws IOException {
    int magic = in.readInt();
    if (magic != MAGIC && magic != LEGACY_MAGIC) {
      throw new IOException(
          "not a dmp model: the first bytes are 0x"
              + Integer.toHexString(magic)
              + " where 0x"
              + Integer.toHexString(MAGIC)
              + " was expected");
    }
    String actualKind = in.readUTF();
    if (!actualKind.equals(kind)) {
      throw new IOException(
          "the stream holds a '"
              + actualKind
              + "' model; read it with that model's reader, not '"
              + kind
              + "'");
    }
    int version = in.readInt();
    if (version < 1 || version > maxVersion) {
      throw new IOException(
          "model format version "
              + version
              + " is not supported (this reader knows 1.."
              + maxVersion
              + "); upgrade dmp");
    }
    int length = in.readInt();
    if (length < 0 || length > MAX_PAYLOAD) {
      throw new IOException("model payload length " + length + " is outside 0.." + MAX_PAYLOAD);
    }
    byte[] body = new byte[length];
    in.readFully(body);
    long expected = in.readLong();
    CRC32 crc = new CRC32();
    crc.update(body);
    if (crc.getValue() != expected) {
      throw new IOException(
          "model checksum mismatch (stored "
              + Long.toHexString(expected)
              + ", computed "
              + Long.toHexString(crc.getValue())
              + "); the model is corrupt");
    }
    ByteArrayOutputStream prefixed = new ByteArrayOutputStream(length + 4);
    try (DataOutputStream p = new DataOutputStream(prefixed)) {
      p.writeInt(version);
      p.write(body);
    }
    return new DataInputStream(new ByteArrayInputStream(prefixed.toByteArray()));
  }

  /**
   * Reads the provenance at the start of a model's payload. Version 1 payloads held the trainer's
   * name, its settings as text, the seed, the training rows and columns, the fit's milliseconds and
   * when it finished; they come back as a provenance of one fit stage.
   *
   * @param payload the payload after its version
   * @param version the payload's version, as {@link #read} returned it first
   */
  public static Provenance readProvenance(DataInput payload, int version) throws IOException {
    if (version >= 2) {
      return Provenance.read(payload);
    }
    String trainer = payload.readUTF();
    String config = payload.readUTF();
    long seed = payload.readLong();
    int rows = payload.readInt();
    payload.readInt(); // the columns, which the model itself knows
    long millis = payload.readLong();
    Instant finished = Instant.ofEpochSecond(payload.readLong(), payload.readInt());
    return new Provenance(
        finished.minusMillis(millis),
        List.of(),
        List.of(new StageRecord(trainer, config, rows, -1, Duration.ofMillis(millis))),
        seed,
        "unknown",
        "none");
  }
}
