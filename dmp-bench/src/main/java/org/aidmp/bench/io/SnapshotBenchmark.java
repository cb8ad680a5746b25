package org.aidmp.bench.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.aidmp.io.snapshot.SnapshotReader;
import org.aidmp.io.snapshot.SnapshotWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Save and load of a profile matrix ({@code rows × dims} float32, as the feature spec produces)
 * through the snapshot container (buffered channel writer, CRC32C, fsync, atomic rename; load
 * verifies the checksum before parsing, then parses) against plain {@code java.io} data streams
 * with no checksum, no fsync and no rename. One thread; files go to the system temp folder.
 *
 * <pre>{@code
 * java -jar dmp-bench/target/benchmarks.jar SnapshotBenchmark -f 1 -wi 2 -i 3
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx3g"})
@Threads(1)
public class SnapshotBenchmark {
  /** Profiles (matrix rows). */
  @Param({"1000000"})
  public int rows;

  /** Features per profile. */
  @Param({"64"})
  public int dims;

  float[] data;
  private Path folder;
  private Path rawFile;

  /** Fills the matrix from a seed and writes one copy of each format for the loads. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    data = new float[rows * dims];
    SplittableRandom r = new SplittableRandom(64);
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) r.nextGaussian();
    }
    folder = Files.createTempDirectory("dmp-snapshot-bench");
    rawFile = folder.resolve("raw.bin");
    save();
    saveRawStreams();
  }

  /** Deletes the files. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> all = Files.walk(folder)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static void writeMatrix(DataOutput out, float[] m, int rows, int dims) throws IOException {
    out.writeInt(rows);
    out.writeInt(dims);
    for (float v : m) {
      out.writeFloat(v);
    }
  }

  static float[] readMatrix(DataInput in) throws IOException {
    int r = in.readInt();
    int d = in.readInt();
    float[] m = new float[r * d];
    for (int i = 0; i < m.length; i++) {
      m[i] = in.readFloat();
    }
    return m;
  }

  /** Saves through the snapshot container and commits the manifest. */
  @Benchmark
  public long save() throws IOException {
    SnapshotWriter w = SnapshotWriter.create(folder.resolve("snap"));
    long len = w.write("matrix", 1, out -> writeMatrix(out, data, rows, dims));
    w.commit();
    return len;
  }

  /** Loads through the snapshot container (checksum pass, then parse). */
  @Benchmark
  public float[] load() throws IOException {
    return SnapshotReader.read(folder.resolve("snap"), "matrix", SnapshotBenchmark::readMatrix);
  }

  /** Peer: {@code DataOutputStream} over a buffered file stream; no checksum, fsync or rename. */
  @Benchmark
  public long saveRawStreams() throws IOException {
    try (OutputStream f = Files.newOutputStream(rawFile);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(f, 1 << 20))) {
      writeMatrix(out, data, rows, dims);
      out.flush();
      return out.size();
    }
  }

  /** Peer: {@code DataInputStream} over a buffered file stream; no checksum. */
  @Benchmark
  public float[] loadRawStreams() throws IOException {
    try (InputStream f = Files.newInputStream(rawFile);
        DataInputStream in = new DataInputStream(new BufferedInputStream(f, 1 << 20))) {
      return readMatrix(in);
    }
  }
}
