package org.aidmp.bench.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Record;
import org.aidmp.io.csv.CsvSource;
import org.aidmp.io.s3.S3Source;
import org.openjdk.jmh.annotations.AuxCounters;
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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Ingest throughput of CSV objects from an in-process S3 server (S3Proxy, transient store, over
 * loopback HTTP) against the same bytes in local files, both parsed by the same CSV source, one
 * thread. One operation reads every object once. The {@code rows} and {@code storedBytes} counters
 * give rows/s and stored bytes/s (compressed bytes for gzip); the plain-text MB/s is {@code rows/s
 * × bytesPerRow}, printed by the setup.
 *
 * <pre>{@code
 * java -jar dmp-bench/target/benchmarks.jar S3IngestBenchmark -f 1 -wi 2 -i 3
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
@Threads(1)
public class S3IngestBenchmark {
  /** Objects (and local files) in the data set. */
  @Param({"8"})
  public int objects;

  /** CSV rows per object. */
  @Param({"50000"})
  public int rowsPerObject;

  /** {@code none} for plain CSV, {@code gzip} for {@code .csv.gz}. */
  @Param({"none", "gzip"})
  public String compression;

  private InProcessS3 server;
  private S3Client s3;
  private Path folder;
  private List<Path> files;
  private S3Source s3Source;
  long plainBytes;
  long storedBytes;

  /** Rates reported next to the operation rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    /** Rows read. */
    public long rows;

    /** Bytes read as stored (compressed for gzip). */
    public long storedBytes;

    /** Zeroes the counters before each iteration. */
    @Setup(Level.Iteration)
    public void reset() {
      rows = 0;
      storedBytes = 0;
    }
  }

  /** Makes the data, uploads it and writes the same bytes to local files. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    server = InProcessS3.start();
    s3 = server.settings().newClient();
    s3.createBucket(b -> b.bucket("bench"));
    folder = Files.createTempDirectory("dmp-ingest-bench");
    files = new ArrayList<>();
    boolean gz = "gzip".equals(compression);
    SplittableRandom r = new SplittableRandom(20261129);
    for (int o = 0; o < objects; o++) {
      byte[] plain = csv(r, rowsPerObject);
      plainBytes += plain.length;
      byte[] stored = gz ? gzip(plain) : plain;
      storedBytes += stored.length;
      String name = String.format(Locale.ROOT, "events-%03d.csv%s", o, gz ? ".gz" : "");
      s3.putObject(b -> b.bucket("bench").key("events/" + name), RequestBody.fromBytes(stored));
      Path f = folder.resolve(name);
      Files.write(f, stored);
      files.add(f);
    }
    s3Source = S3Source.builder(s3).setBucket("bench").setPrefix("events/").get();
    System.out.printf(
        Locale.ROOT,
        "%n[data] %d objects x %d rows, %.1f MB plain, %.1f MB stored, %.1f bytes/row%n",
        objects,
        rowsPerObject,
        plainBytes / 1e6,
        storedBytes / 1e6,
        plainBytes / (double) (objects * (long) rowsPerObject));
  }

  static byte[] csv(SplittableRandom r, int rows) {
    StringBuilder sb = new StringBuilder(rows * 64);
    sb.append("user_id,ts,type,item_id,category,value\n");
    String[] types = {"view", "cart", "purchase"};
    String[] cats = {"books", "sports", "garden", "toys", "music"};
    for (int i = 0; i < rows; i++) {
      sb.append('u')
          .append(r.nextInt(1_000_000))
          .append(',')
          .append("2026-11-")
          .append(10 + r.nextInt(19))
          .append('T')
          .append(10 + r.nextInt(14))
          .append(":00:00Z,")
          .append(types[r.nextInt(3)])
          .append(",sku-")
          .append(r.nextInt(50_000))
          .append(',')
          .append(cats[r.nextInt(5)])
          .append(',')
          .append(r.nextInt(10_000) / 100.0)
          .append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream(plain.length / 3);
    try (GZIPOutputStream gz = new GZIPOutputStream(bos, 1 << 16)) {
      gz.write(plain);
    }
    return bos.toByteArray();
  }

  /** Stops the server and deletes the local files. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    s3.close();
    server.close();
    try (Stream<Path> all = Files.walk(folder)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static long drain(Iterable<Record> source) {
    long rows = 0;
    long hash = 0;
    CloseableIterator<Record> it = (CloseableIterator<Record>) source.iterator();
    try (it) {
      while (it.hasNext()) {
        Record rec = it.next();
        hash += rec.getString(0).length();
        rows++;
      }
    }
    // Using the field lengths keeps the parse from being optimised away.
    return hash >= 0 ? rows : -rows;
  }

  /** Reads every object from the in-process S3 server. */
  @Benchmark
  public long s3(Counters c) {
    long rows = drain(s3Source);
    c.rows += rows;
    c.storedBytes += storedBytes;
    return rows;
  }

  /** Peer: the same bytes from local files through the same CSV source. */
  @Benchmark
  public long localFiles(Counters c) {
    long rows = 0;
    for (Path f : files) {
      try {
        rows += drain(CsvSource.builder(f).get());
      } catch (UncheckedIOException e) {
        throw e;
      }
    }
    c.rows += rows;
    c.storedBytes += storedBytes;
    return rows;
  }
}
