package org.aidmp.predict.tree;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;
import org.aidmp.internal.codec.ModelFormat;
import org.aidmp.stage.Provenance;

/**
 * The saved form of a {@link GbtModel}: its provenance, loss and node arrays inside the framed
 * model format, and on reading, the structure checks that keep a crafted stream from sending
 * scoring out of bounds or into a loop.
 */
final class GbtModelCodec {
  private GbtModelCodec() {}

  /** Writes the model in the framed format (magic, kind, version, length, payload, CRC32). */
  static void write(GbtModel m, DataOutput out) throws IOException {
    ModelFormat.write(
        out,
        GbtModel.KIND,
        GbtModel.FORMAT_VERSION,
        o -> {
          m.provenance.write(o);
          o.writeUTF(m.loss.name());
          o.writeDouble(m.base);
          o.writeInt(m.dims);
          o.writeInt(m.rounds);
          writeInts(o, m.treeStart);
          writeInts(o, m.categoryCount);
          int nodes = m.feature.length;
          o.writeInt(nodes);
          for (int i = 0; i < nodes; i++) {
            o.writeInt(m.feature[i]);
            o.writeFloat(m.threshold[i]);
            o.writeInt(m.left[i]);
            o.writeInt(m.right[i]);
            o.writeByte(m.flags[i]);
            o.writeDouble(m.value[i]);
            o.writeDouble(m.cover[i]);
            o.writeDouble(m.gain[i]);
            o.writeInt(m.catOffset[i]);
          }
          o.writeInt(m.catBits.length);
          for (long bits : m.catBits) {
            o.writeLong(bits);
          }
        });
  }

  private static void writeInts(DataOutput o, int[] a) throws IOException {
    o.writeInt(a.length);
    for (int x : a) {
      o.writeInt(x);
    }
  }

  private static int[] readInts(DataInput in, int max) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > max) {
      throw new IOException(
          "array length " + n + " is outside 0.." + max + "; the model is corrupt");
    }
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = in.readInt();
    }
    return a;
  }

  /**
   * Reads a model written by {@link #write}.
   *
   * @throws IOException if the stream is not such a model, is newer than this reader, is truncated
   *     or fails its checksum or structure checks
   */
  static GbtModel read(DataInput in) throws IOException {
    Objects.requireNonNull(in, "in");
    DataInputStream p = ModelFormat.read(in, GbtModel.KIND, GbtModel.FORMAT_VERSION);
    int version = p.readInt();
    Provenance prov = ModelFormat.readProvenance(p, version);
    Loss loss;
    try {
      loss = Loss.valueOf(p.readUTF());
    } catch (IllegalArgumentException e) {
      throw new IOException("unknown loss in the model; the model is corrupt", e);
    }
    double base = p.readDouble();
    int dims = p.readInt();
    int rounds = p.readInt();
    int limit = ModelFormat.MAX_PAYLOAD / 4;
    int[] treeStart = readInts(p, limit);
    int[] categoryCount = readInts(p, limit);
    int nodes = p.readInt();
    if (dims < 1
        || nodes < 0
        || nodes > limit
        || treeStart.length < 1
        || categoryCount.length != dims) {
      throw new IOException("model header is inconsistent; the model is corrupt");
    }
    int[] feature = new int[nodes];
    float[] threshold = new float[nodes];
    int[] left = new int[nodes];
    int[] right = new int[nodes];
    byte[] flags = new byte[nodes];
    double[] value = new double[nodes];
    double[] cover = new double[nodes];
    double[] gain = new double[nodes];
    int[] catOffset = new int[nodes];
    for (int i = 0; i < nodes; i++) {
      feature[i] = p.readInt();
      threshold[i] = p.readFloat();
      left[i] = p.readInt();
      right[i] = p.readInt();
      flags[i] = p.readByte();
      value[i] = p.readDouble();
      cover[i] = p.readDouble();
      gain[i] = p.readDouble();
      catOffset[i] = p.readInt();
    }
    int words = p.readInt();
    if (words < 0 || words > limit) {
      throw new IOException("category bit count " + words + " is invalid; the model is corrupt");
    }
    long[] catBits = new long[words];
    for (int i = 0; i < words; i++) {
      catBits[i] = p.readLong();
    }
    // Structure checks, so a crafted stream cannot send score() out of bounds or into a loop.
    for (int t = 0; t + 1 < treeStart.length; t++) {
      if (treeStart[t] < 0 || treeStart[t] >= treeStart[t + 1] || treeStart[t + 1] > nodes) {
        throw new IOException("tree " + t + " has invalid bounds; the model is corrupt");
      }
      for (int i = treeStart[t]; i < treeStart[t + 1]; i++) {
        if (feature[i] >= dims) {
          throw new IOException("node " + i + " splits on a missing feature; the model is corrupt");
        }
        if (feature[i] >= 0) {
          if (left[i] <= i
              || right[i] <= i
              || left[i] >= treeStart[t + 1]
              || right[i] >= treeStart[t + 1]) {
            throw new IOException("node " + i + " has invalid children; the model is corrupt");
          }
          if ((flags[i] & GbtModel.CATEGORICAL) != 0
              && (catOffset[i] < 0 || catOffset[i] + 4 > words)) {
            throw new IOException(
                "node " + i + " has an invalid category set; the model is corrupt");
          }
        }
      }
    }
    if (treeStart[treeStart.length - 1] != nodes) {
      throw new IOException("trees do not cover the nodes; the model is corrupt");
    }
    try {
      return new GbtModel(
          loss,
          base,
          dims,
          feature,
          threshold,
          left,
          right,
          flags,
          value,
          cover,
          gain,
          catOffset,
          catBits,
          treeStart,
          categoryCount,
          rounds,
          prov);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
