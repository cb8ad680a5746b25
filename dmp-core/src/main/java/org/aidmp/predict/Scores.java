package org.aidmp.predict;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.aidmp.internal.codec.ModelFormat;
import org.aidmp.state.UserStatePart;

/**
 * A named score per user (a propensity, a churn risk, a lifetime value), as a {@link ScoreStage}
 * wrote it: the score table of a pipeline run, kept beside the profile store rather than inside it,
 * so that the store's contract is unchanged and each score can be forgotten, saved and dropped on
 * its own.
 *
 * <pre>{@code
 * Scores propensity = result.scores("propensity").orElseThrow();
 * OptionalDouble p = propensity.scoreOf("u000042");
 * Audience top = ScoreAudience.DEFAULT.top(propensity, 0.10);
 * }</pre>
 *
 * <p>It is a part of the user state ({@link UserStatePart}), named {@code "scores:" + name}:
 * forgetting a user removes their score, so no later audience, lookup or snapshot holds it. It is
 * thread-safe; every read sees a consistent table.
 */
public final class Scores implements UserStatePart {
  /** The kind written in the saved format. */
  public static final String KIND = "scores";

  /** The saved format's version. */
  public static final int FORMAT_VERSION = 1;

  private final String name;
  private final String[] ids;
  private final double[] values;
  private final Map<String, Integer> rows;
  private final int unscored;
  private long version = 1;
  private int live;

  private Scores(String name, String[] ids, double[] values, int unscored) {
    this.name = checkName(name);
    this.ids = ids;
    this.values = values;
    this.unscored = unscored;
    this.rows = new HashMap<>(ids.length * 4 / 3 + 1);
    for (int i = 0; i < ids.length; i++) {
      Objects.requireNonNull(ids[i], "user id");
      if (rows.put(ids[i], i) != null) {
        throw new IllegalArgumentException(
            "the user at position " + i + " is listed twice; give each user one score");
      }
      if (Double.isNaN(values[i])) {
        throw new IllegalArgumentException(
            "the score at position " + i + " is NaN; leave unscored users out instead");
      }
    }
    this.live = ids.length;
  }

  static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("the score name is blank; name it, e.g. \"propensity\"");
    }
    return name;
  }

  /**
   * A table of the given scores.
   *
   * @param name what the score measures, e.g. {@code "propensity"}
   * @param userIds one id per score, distinct; copied
   * @param values the scores, not NaN; copied
   * @throws IllegalArgumentException if the sizes differ, an id repeats or a score is NaN
   */
  public static Scores of(String name, List<String> userIds, double[] values) {
    return of(name, userIds, values, 0);
  }

  static Scores of(String name, List<String> userIds, double[] values, int unscored) {
    Objects.requireNonNull(userIds, "userIds");
    Objects.requireNonNull(values, "values");
    if (userIds.size() != values.length) {
      throw new IllegalArgumentException(
          "userIds (" + userIds.size() + ") and values (" + values.length + ") differ in number");
    }
    return new Scores(name, userIds.toArray(new String[0]), values.clone(), unscored);
  }

  /** What the score measures; the part is named {@code "scores:" + name()}. */
  public String name() {
    return name;
  }

  /** The number of users with a score (forgotten users left out). */
  public synchronized int size() {
    return live;
  }

  /**
   * Users the stage was allowed to score but could not (their profile did not fit the feature
   * transform, or the model gave NaN); they have no score.
   */
  public int unscored() {
    return unscored;
  }

  /** The user's score, or empty if they have none (never scored, or forgotten). */
  public synchronized OptionalDouble scoreOf(String userId) {
    Integer row = rows.get(Objects.requireNonNull(userId, "userId"));
    return row == null ? OptionalDouble.empty() : OptionalDouble.of(values[row]);
  }

  /** The users with a score, in the table's order; a copy. */
  public List<String> userIds() {
    return table().ids();
  }

  /** The scores, in the order of {@link #userIds()} at the same moment; a copy. */
  public double[] values() {
    return table().values();
  }

  /** Ids and scores read at one moment, so that they line up even while users are forgotten. */
  record Table(List<String> ids, double[] values) {}

  synchronized Table table() {
    List<String> outIds = new ArrayList<>(live);
    double[] outValues = new double[live];
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] != null) {
        outValues[outIds.size()] = values[i];
        outIds.add(ids[i]);
      }
    }
    return new Table(List.copyOf(outIds), outValues);
  }

  /** {@code "scores:" + name()}, so that several score tables can live in one deployment. */
  @Override
  public String partName() {
    return KIND + ":" + name;
  }

  /**
   * Removes the user's score.
   *
   * @return 1 if the user had a score, else 0
   */
  @Override
  public synchronized long forget(String userId) {
    Integer row = rows.remove(Objects.requireNonNull(userId, "userId"));
    if (row == null) {
      return 0;
    }
    ids[row] = null;
    values[row] = Double.NaN;
    live--;
    version++;
    return 1;
  }

  /** Starts at 1 and grows with every forgotten user. */
  @Override
  public synchronized long modelVersion() {
    return version;
  }

  /**
   * Writes the name and the scores of the users who have one, framed as {@link ModelFormat}
   * describes (kind {@value #KIND}); {@link #read} restores them.
   */
  @Override
  public void writeTo(DataOutput out) throws IOException {
    Objects.requireNonNull(out, "out");
    Table t = table();
    ModelFormat.write(
        out,
        KIND,
        FORMAT_VERSION,
        o -> {
          o.writeUTF(name);
          o.writeInt(unscored);
          o.writeInt(t.ids().size());
          for (int i = 0; i < t.values().length; i++) {
            o.writeUTF(t.ids().get(i));
            o.writeDouble(t.values()[i]);
          }
        });
  }

  /**
   * Reads a table written by {@link #writeTo}.
   *
   * @throws IOException if the stream is not a score table, is newer than this reader, truncated,
   *     corrupt or holds a user twice
   */
  public static Scores read(DataInput in) throws IOException {
    DataInputStream p = ModelFormat.read(Objects.requireNonNull(in, "in"), KIND, FORMAT_VERSION);
    p.readInt();
    String name = p.readUTF();
    int unscored = p.readInt();
    int n = p.readInt();
    if (n < 0 || unscored < 0 || n > ModelFormat.MAX_PAYLOAD / 10) {
      throw new IOException("score count " + n + " is invalid; the table is corrupt");
    }
    String[] ids = new String[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      ids[i] = p.readUTF();
      values[i] = p.readDouble();
    }
    try {
      return new Scores(name, ids, values, unscored);
    } catch (IllegalArgumentException e) {
      throw new IOException("the score table is invalid: " + e.getMessage(), e);
    }
  }

  /** Names the score and its size, never a user. */
  @Override
  public String toString() {
    return "Scores[" + name + ", " + size() + " users]";
  }
}
