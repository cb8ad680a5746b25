package org.aidmp.predict;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a fitted model came from: the trainer and its settings, the seed, how many rows and
 * features it saw, how long the fit took and when it finished.
 *
 * @param trainer the trainer's name, e.g. {@code "gbt"}
 * @param config the trainer's settings as text (its {@code toString()})
 * @param seed the seed the fit used
 * @param trainingRows rows the model was fitted on (after any validation split)
 * @param features columns of each row
 * @param fitMillis wall-clock time of the fit
 * @param fittedAt when the fit finished
 */
public record Provenance(
    String trainer,
    String config,
    long seed,
    int trainingRows,
    int features,
    long fitMillis,
    Instant fittedAt) {

  /** Checks the fields. */
  public Provenance {
    Objects.requireNonNull(trainer, "trainer");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(fittedAt, "fittedAt");
    if (trainingRows < 0 || features < 0 || fitMillis < 0) {
      throw new IllegalArgumentException(
          "rows ("
              + trainingRows
              + "), features ("
              + features
              + ") and fit time ("
              + fitMillis
              + ") must not be negative");
    }
  }

  /** Writes the fields. */
  public void write(DataOutput out) throws IOException {
    out.writeUTF(trainer);
    out.writeUTF(config);
    out.writeLong(seed);
    out.writeInt(trainingRows);
    out.writeInt(features);
    out.writeLong(fitMillis);
    out.writeLong(fittedAt.getEpochSecond());
    out.writeInt(fittedAt.getNano());
  }

  /** Reads what {@link #write} wrote. */
  public static Provenance read(DataInput in) throws IOException {
    String trainer = in.readUTF();
    String config = in.readUTF();
    long seed = in.readLong();
    int rows = in.readInt();
    int features = in.readInt();
    long millis = in.readLong();
    Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
    return new Provenance(trainer, config, seed, rows, features, millis, at);
  }
}
