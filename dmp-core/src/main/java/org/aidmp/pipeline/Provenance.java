package org.aidmp.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where a result came from, so that it can be reproduced and audited: the inputs, every stage's
 * configuration, row counts and time, the seed, the JVM and the SIMD kernels that ran.
 *
 * @param started when the run started
 * @param inputs descriptions of the sources read (paths, URIs; never secrets)
 * @param stages every stage in the order it ran
 * @param seed the run's seed, from which every stage's randomness is split
 * @param jvm the Java runtime: vendor, version and available processors
 * @param kernels the name of the vector kernels that ran ("scalar", "panama-512")
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

  /** The record of the named stage. */
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
}
