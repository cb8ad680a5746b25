package org.aidmp.bench.ingest;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.aidmp.clean.CleaningRun;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Quarantine;
import org.aidmp.data.ReadCounts;
import org.aidmp.data.Record;
import org.aidmp.fixtures.SampleData;
import org.aidmp.fixtures.SampleSchema;
import org.aidmp.io.csv.CsvSource;
import org.aidmp.profile.ProfileStore;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rows per second through the whole ingest path (CSV reading with its checks, the quickstart's
 * event cleaning, event mapping and the profile store) against bare Commons CSV parsing of the same
 * file, in the same run. One operation reads the whole file; the {@code rows} counter gives rows
 * per second.
 *
 * <pre>
 * java -jar dmp-bench/target/benchmarks.jar CsvIngestBenchmark              # generated 1M events
 * java -jar dmp-bench/target/benchmarks.jar CsvIngestBenchmark -p events=/path/events.csv
 * </pre>
 *
 * <p>Parameters: {@code events}, the path of an events CSV with the quickstart's columns (empty:
 * generate the quickstart's 1,000,000-event data set into a temporary folder); {@code rows}, the
 * number of rows to generate when {@code events} is empty.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
@State(Scope.Benchmark)
public class CsvIngestBenchmark {
  /** Path of an events CSV; empty means generate one. */
  @Param("")
  public String events;

  /** Events to generate when {@code events} is empty. */
  @Param("1000000")
  public int rows;

  Path file;
  private Path generatedDir;

  /** Rows handled, reported by JMH as a rate beside the operations. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class RowCounter {
    /** Rows read in this iteration. */
    public long rows;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
      rows = 0;
    }
  }

  /** Generates the data set when no file is given. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    if (events.isEmpty()) {
      generatedDir = Files.createTempDirectory("dmp-ingest-bench");
      file =
          SampleData.builder()
              .setUsers(Math.max(1, rows / 20))
              .setEvents(rows)
              .get()
              .writeTo(generatedDir)
              .events();
    } else {
      file = Path.of(events);
    }
  }

  /** Removes generated files. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (generatedDir != null) {
      try (var files = Files.list(generatedDir)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(generatedDir);
    }
  }

  /** The peer: Commons CSV parses every row and every field is touched. */
  @Benchmark
  public long bareCommonsCsv(RowCounter counter) throws IOException {
    long checksum = 0;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
      for (CSVRecord r : parser) {
        for (int i = 0; i < r.size(); i++) {
          checksum += r.get(i).length();
        }
        counter.rows++;
      }
    }
    return checksum;
  }

  /** Our reader alone: Commons CSV with UTF-8, field-size and row-shape checks. */
  @Benchmark
  public long csvSource(RowCounter counter) {
    long checksum = 0;
    CsvSource source = CsvSource.builder(file).setBadRecordPolicy(BadRecordPolicy.SKIP).get();
    try (CloseableIterator<Record> it = source.iterator()) {
      while (it.hasNext()) {
        Record r = it.next();
        checksum += r.size();
        counter.rows++;
      }
    }
    return checksum;
  }

  /** The whole path: read, clean (types, validation), map to events, fold into profiles. */
  @Benchmark
  public ProfileStore readCleanProfile(RowCounter counter) {
    Quarantine.InMemory quarantine = Quarantine.inMemory();
    CsvSource source =
        CsvSource.builder(file)
            .setBadRecordPolicy(BadRecordPolicy.QUARANTINE)
            .setQuarantine(quarantine)
            .get();
    CleaningRun cleaned = SampleSchema.eventCleaning(quarantine).apply(source);
    ProfileStore store = ProfileStore.builder().setExpectedUsers(Math.max(16, rows / 20)).build();
    ReadCounts r =
        store.ingest(
            cleaned,
            SampleSchema.EVENT_MAPPING,
            BadRecordPolicy.QUARANTINE,
            quarantine,
            org.aidmp.progress.ProgressListener.NONE);
    counter.rows += cleaned.report().read();
    if (r.accepted() == 0) {
      throw new IllegalStateException("no event reached the profiles");
    }
    return store;
  }
}
