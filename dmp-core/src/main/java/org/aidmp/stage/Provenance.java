package org.aidmp.stage;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a result came from, so that it can be reproduced and audited: the inputs, every stage's
 * configuration, row counts and time, the seed, the JVM and the SIMD kernels that ran. A pipeline
 * run records one stage per step; a fitted model records one stage, its fit.
 *
 * <pre>{@code
 * PipelineResult result = Pipeline.builder()...run();
 * System.out.print(result.provenance().format());
 * StageRecord fit = model.provenance().stage("gbt");   // a model's trainer settings and rows
 * }</pre>
 *
 * @param started when the run or fit started
 * @param inputs descriptions of the sources read (paths, URIs; never secrets); empty for a model
 *     fitted on rows in memory
 * @param stages every stage in the order it ran
 * @param seed the seed, from which every stage's randomness is split
 * @param jvm the Java runtime: vendor, version and available processors
 * @param kernels the name of the vector kernels that ran ("scalar", "panama-512"), or {@code
 *     "none"} when the work used none
 */
public record Provenance(
    Instant started,
    List<String> inputs,
    List<StageRecord> stages,
    long seed,
    String jvm,
    String kernels) {
  /** Checks the arguments and copies the lists. */
  public Provenance {
    Objects.requireNonNull(started, "started");
    inputs = List.copyOf(inputs);
    stages = List.copyOf(stages);
    Objects.requireNonNull(jvm, "jvm");
    Objects.requireNonNull(kernels, "kernels");
  }

  /**
   * The provenance of one model fit: a single stage named after the trainer, holding its settings,
   * the training rows (in) and the fit's time.
   *
   * @param trainer the trainer's name, the stage's name ({@code "gbt"}, {@code "logistic"})
   * @param config the trainer's settings, the immutable configuration value itself
   * @param seed the seed the fit used
   * @param trainingRows rows the model was fitted on (after any validation split)
   * @param started when the fit started
   * @param elapsed how long the fit took
   */
  public static Provenance ofFit(
      String trainer,
      Object config,
      long seed,
      long trainingRows,
      Instant started,
      Duration elapsed) {
    return new Provenance(
        started,
        List.of(),
        List.of(new StageRecord(trainer, config, trainingRows, -1, elapsed)),
        seed,
        currentJvm(),
        "none");
  }

  /** The running JVM, described as in {@link #jvm()}. */
  public static String currentJvm() {
    return System.getProperty("java.vm.vendor")
        + " "
        + System.getProperty("java.vm.name")
        + " "
        + Runtime.version()
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " processors";
  }

  /** The total time of all stages. */
  public Duration total() {
    Duration d = Duration.ZERO;
    for (StageRecord s : stages) {
      d = d.plus(s.elapsed());
    }
    return d;
  }

  /**
   * The record of the named stage.
   *
   * @throws IllegalArgumentException if no stage has that name, listing the names there are
   */
  public StageRecord stage(String name) {
    for (StageRecord s : stages) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no stage '" + name + "'; the run had " + stageNames());
  }

  private List<String> stageNames() {
    return stages.stream().map(StageRecord::name).toList();
  }

  /** A multi-line, human-readable account of the run. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append("started ").append(started).append(", seed ").append(seed).append('\n');
    sb.append("jvm     ").append(jvm).append('\n');
    sb.append("kernels ").append(kernels).append('\n');
    for (String in : inputs) {
      sb.append("input   ").append(in).append('\n');
    }
    for (StageRecord s : stages) {
      sb.append(
          String.format(
              "stage   %-18s %8d ms  in %,10d  out %,10d%n",
              s.name(), s.elapsed().toMillis(), s.rowsIn(), s.rowsOut()));
    }
    return sb.toString();
  }

  /**
   * Writes every field. A stage's configuration is written as its text ({@code toString()}), so
   * {@link #read} gives it back as a {@code String}.
   */
  public void write(DataOutput out) throws IOException {
    out.writeLong(started.getEpochSecond());
    out.writeInt(started.getNano());
    out.writeInt(inputs.size());
    for (String in : inputs) {
      out.writeUTF(in);
    }
    out.writeInt(stages.size());
    for (StageRecord s : stages) {
      out.writeUTF(s.name());
      out.writeUTF(s.config().toString());
      out.writeLong(s.rowsIn());
      out.writeLong(s.rowsOut());
      out.writeLong(s.elapsed().toNanos());
    }
    out.writeLong(seed);
    out.writeUTF(jvm);
    out.writeUTF(kernels);
  }

  /**
   * Reads what {@link #write} wrote; each stage's configuration comes back as its text.
   *
   * @throws IOException if the stream ends early or holds a negative count
   */
  public static Provenance read(DataInput in) throws IOException {
    Instant started = Instant.ofEpochSecond(in.readLong(), in.readInt());
    int n = in.readInt();
    if (n < 0 || n > 1 << 16) {
      throw new IOException("input count " + n + " is outside 0..65536; the stream is corrupt");
    }
    List<String> inputs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      inputs.add(in.readUTF());
    }
    int m = in.readInt();
    if (m < 0 || m > 1 << 16) {
      throw new IOException("stage count " + m + " is outside 0..65536; the stream is corrupt");
    }
    List<StageRecord> stages = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      String name = in.readUTF();
      String config = in.readUTF();
      long rowsIn = in.readLong();
      long rowsOut = in.readLong();
      Duration elapsed = Duration.ofNanos(in.readLong());
      stages.add(new StageRecord(name, config, rowsIn, rowsOut, elapsed));
    }
    long seed = in.readLong();
    String jvm = in.readUTF();
    String kernels = in.readUTF();
    return new Provenance(started, inputs, stages, seed, jvm, kernels);
  }
}
