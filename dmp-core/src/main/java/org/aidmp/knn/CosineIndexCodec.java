package org.aidmp.knn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.aidmp.internal.codec.Codec;
import org.aidmp.internal.codec.Magic;

/**
 * The written form of a {@link CosineIndex}: the {@link Codec} header (magic "DMPI", version 1),
 * dimension, row count, then per live row its id and its stored (normalised) vector. Free slots are
 * not written, so a restored index is compact and answers every search as the written one did.
 */
final class CosineIndexCodec {
  /** Version of the written form; bump it when the form changes. */
  private static final int FORMAT_VERSION = 1;

  private CosineIndexCodec() {}

  /**
   * Writes the live rows; the caller holds the index's read lock.
   *
   * @param live the number of slots that hold an id
   * @param slots the slots in use, live or free
   * @param ids the id of each slot, null for a free one
   * @param data the rows in panels (see {@link CosineIndex#at(int, int)})
   */
  static void write(DataOutput out, int dim, int live, int slots, String[] ids, float[] data)
      throws IOException {
    Codec.writeHeader(out, Magic.COSINE_INDEX, FORMAT_VERSION);
    out.writeInt(dim);
    out.writeInt(live);
    for (int s = 0; s < slots; s++) {
      if (ids[s] == null) {
        continue;
      }
      out.writeUTF(ids[s]);
      int at = CosineIndex.at(s, dim);
      for (int j = 0; j < dim; j++) {
        out.writeFloat(data[at + j * CosineIndex.W]);
      }
    }
  }

  /** Reads an index written by {@link #write}. */
  static CosineIndex read(DataInput in) throws IOException {
    Codec.readHeader(in, Magic.COSINE_INDEX, FORMAT_VERSION);
    int d = in.readInt();
    int n = Codec.readCount(in, "rows");
    if (d < 1 || (long) d * n > Integer.MAX_VALUE) {
      throw new IOException("damaged cosine index: dimension " + d + ", rows " + n);
    }
    CosineIndex index = CosineIndex.withCapacity(d, Math.max(n, CosineIndex.W));
    float[] v = new float[d];
    for (int i = 0; i < n; i++) {
      String id = in.readUTF();
      for (int j = 0; j < d; j++) {
        v[j] = in.readFloat();
      }
      try {
        index.addNormalisedRow(id, v);
      } catch (IllegalArgumentException e) {
        throw new IOException("damaged cosine index at row " + i + ": " + e.getMessage(), e);
      }
    }
    return index;
  }
}
