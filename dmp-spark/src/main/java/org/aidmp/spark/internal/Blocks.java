package org.aidmp.spark.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import scala.collection.Seq;

/** Turns a Dataset with a vector column into cached {@link FloatBlock}s. */
public final class Blocks {
  private Blocks() {}

  /**
   * The index of {@code column} in the schema of {@code data}, which must be an array of floats or
   * doubles (a "vector column").
   *
   * @throws IllegalArgumentException naming the column and the fix otherwise
   */
  public static int vectorColumn(Dataset<Row> data, String column) {
    int i = columnIndex(data, column);
    DataType t = data.schema().fields()[i].dataType();
    if (!(t instanceof ArrayType a)
        || !(a.elementType().equals(DataTypes.FloatType)
            || a.elementType().equals(DataTypes.DoubleType))) {
      throw new IllegalArgumentException(
          "column '"
              + column
              + "' is "
              + t.simpleString()
              + "; pass an array<float> or array<double> column, e.g. array(col1, col2, ...)");
    }
    return i;
  }

  /** The index of a column, with a message naming the columns there are when it is missing. */
  public static int columnIndex(Dataset<Row> data, String column) {
    StructField[] fields = data.schema().fields();
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "column '"
            + column
            + "' is not in the data, whose columns are "
            + Arrays.toString(data.columns())
            + "; name an existing column");
  }

  /** The length of the first row's vector; fails on empty data. */
  public static int dimension(Dataset<Row> data, String vectorColumn) {
    vectorColumn(data, vectorColumn);
    List<Row> first =
        data.select(vectorColumn).where(data.col(vectorColumn).isNotNull()).takeAsList(1);
    if (first.isEmpty()) {
      throw new IllegalArgumentException(
          "the data have no row with a vector in '" + vectorColumn + "'; pass non-empty data");
    }
    int d = first.get(0).getList(0).size();
    if (d == 0) {
      throw new IllegalArgumentException(
          "the vectors in '" + vectorColumn + "' are empty; pass at least one value per row");
    }
    return d;
  }

  /**
   * The rows as blocks of at most {@code blockRows} rows, each placed at its global position, and
   * persisted in memory; the caller unpersists them.
   *
   * @param idColumn the id column (string), or null to keep no ids
   * @param weightColumn a numeric weight column, or null for weight 1
   * @param normalise whether rows are scaled to unit length (in double, as the one-JVM K-Means does
   *     for cosine); zero rows stay zero
   */
  public static JavaRDD<FloatBlock> of(
      Dataset<Row> data,
      String idColumn,
      String vectorColumn,
      String weightColumn,
      int d,
      int blockRows,
      boolean normalise) {
    int vi = vectorColumn(data, vectorColumn);
    int ii = idColumn == null ? -1 : columnIndex(data, idColumn);
    int wi = weightColumn == null ? -1 : columnIndex(data, weightColumn);
    JavaRDD<FloatBlock> raw =
        data.toJavaRDD()
            .mapPartitionsWithIndex(
                (p, rows) -> toBlocks(p, rows, ii, vi, wi, d, blockRows, normalise), true);
    raw.persist(StorageLevel.MEMORY_ONLY());
    List<long[]> counts =
        raw.mapPartitionsWithIndex(
                (p, it) -> {
                  long n = 0;
                  while (it.hasNext()) {
                    n += it.next().rows;
                  }
                  return List.of(new long[] {p, n}).iterator();
                },
                true)
            .collect();
    long[] starts = new long[raw.getNumPartitions() + 1];
    for (long[] c : counts) {
      starts[(int) c[0] + 1] = c[1];
    }
    for (int p = 1; p < starts.length; p++) {
      starts[p] += starts[p - 1];
    }
    JavaRDD<FloatBlock> placed =
        raw.mapPartitionsWithIndex(
            (p, it) -> {
              List<FloatBlock> out = new ArrayList<>();
              long s = starts[p];
              while (it.hasNext()) {
                FloatBlock b = it.next();
                out.add(b.at(s));
                s += b.rows;
              }
              return out.iterator();
            },
            true);
    placed.persist(StorageLevel.MEMORY_ONLY());
    placed.count();
    raw.unpersist(false);
    return placed;
  }

  private static Iterator<FloatBlock> toBlocks(
      int partition,
      Iterator<Row> rows,
      int ii,
      int vi,
      int wi,
      int d,
      int blockRows,
      boolean normalise) {
    List<FloatBlock> out = new ArrayList<>();
    float[] x = new float[Math.multiplyExact(blockRows, d)];
    double[] w = wi < 0 ? null : new double[blockRows];
    String[] ids = ii < 0 ? null : new String[blockRows];
    int n = 0;
    long row = 0;
    while (rows.hasNext()) {
      Row r = rows.next();
      if (r.isNullAt(vi)) {
        throw new IllegalArgumentException(
            "partition " + partition + ", row " + row + " has no vector; drop or impute it first");
      }
      Seq<Object> v = r.getSeq(vi);
      if (v.length() != d) {
        throw new IllegalArgumentException(
            "partition "
                + partition
                + ", row "
                + row
                + " has "
                + v.length()
                + " values but the first row has "
                + d
                + "; pass vectors of one length");
      }
      int o = n * d;
      Iterator<Object> it = scala.jdk.javaapi.CollectionConverters.asJava(v.iterator());
      for (int j = 0; j < d; j++) {
        Object e = it.next();
        float f = e == null ? Float.NaN : ((Number) e).floatValue();
        if (!Float.isFinite(f)) {
          throw new IllegalArgumentException(
              "partition "
                  + partition
                  + ", row "
                  + row
                  + ", position "
                  + j
                  + " is not a finite number; impute or drop non-finite values first");
        }
        x[o + j] = f;
      }
      if (normalise) {
        normalise(x, o, d);
      }
      if (w != null) {
        double wv = r.isNullAt(wi) ? Double.NaN : ((Number) r.get(wi)).doubleValue();
        if (!(wv >= 0) || Double.isInfinite(wv)) {
          throw new IllegalArgumentException(
              "partition "
                  + partition
                  + ", row "
                  + row
                  + " has weight "
                  + wv
                  + "; weights must be finite and ≥ 0");
        }
        w[n] = wv;
      }
      if (ids != null) {
        ids[n] = r.isNullAt(ii) ? null : r.get(ii).toString();
      }
      n++;
      row++;
      if (n == blockRows) {
        out.add(new FloatBlock(ids, x, w, n, d, 0));
        x = new float[blockRows * d];
        w = w == null ? null : new double[blockRows];
        ids = ids == null ? null : new String[blockRows];
        n = 0;
      }
    }
    if (n > 0) {
      out.add(
          new FloatBlock(
              ids == null ? null : Arrays.copyOf(ids, n),
              Arrays.copyOf(x, n * d),
              w == null ? null : Arrays.copyOf(w, n),
              n,
              d,
              0));
    }
    return out.iterator();
  }

  /** Scales d values at {@code off} to unit length in double, as the one-JVM K-Means does. */
  public static void normalise(float[] a, int off, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      s += (double) a[off + j] * a[off + j];
    }
    if (s > 0) {
      double inv = 1.0 / Math.sqrt(s);
      for (int j = 0; j < d; j++) {
        a[off + j] = (float) (a[off + j] * inv);
      }
    }
  }
}
