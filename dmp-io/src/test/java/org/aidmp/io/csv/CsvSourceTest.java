package org.aidmp.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Quarantine;
import org.aidmp.data.QuarantinedRecord;
import org.aidmp.data.ReadCounts;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {
  @TempDir Path dir;

  static CsvSource.Builder text(String csv) {
    return bytes(csv.getBytes(StandardCharsets.UTF_8));
  }

  static CsvSource.Builder bytes(byte[] data) {
    return CsvSource.builder("test.csv", () -> new ByteArrayInputStream(data));
  }

  static List<List<String>> rows(Iterable<Record> source) {
    List<List<String>> out = new ArrayList<>();
    for (Record r : source) {
      List<String> row = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        row.add(r.getString(i));
      }
      out.add(row);
    }
    return out;
  }

  static List<Long> lines(Iterable<Record> source) {
    List<Long> out = new ArrayList<>();
    for (Record r : source) {
      out.add(r.origin().line());
    }
    return out;
  }

  // ---- basics

  @Test
  void readsHeaderAndRowsAsStringsWithOrigins() {
    CsvSource s = text("id,name\n1,Ada\n2,\n").get();
    assertEquals(List.of("id", "name"), s.schema().names());
    s.schema().columns().forEach(c -> assertEquals(ColumnType.STRING, c.type()));
    assertEquals(List.of(List.of("1", "Ada"), List.of("2", "")), rows(s));
    Record first = s.iterator().next();
    assertEquals("test.csv", first.origin().source());
    assertEquals(2, first.origin().line());
  }

  @Test
  void canBeReadTwiceAndCountsEachPass() {
    CsvSource s = text("a\n1\n2\n3\n").get();
    assertEquals(rows(s), rows(s));
    try (CsvRecordIterator it = s.pass()) {
      it.next();
      assertEquals(new ReadCounts(1, 1, 0, 0), it.counts());
      assertEquals(it.counts(), s.counts());
      it.next();
      it.next();
      assertFalse(it.hasNext());
      assertEquals(new ReadCounts(3, 3, 0, 0), it.counts());
    }
  }

  @Test
  void closingEarlyClosesTheStream() {
    AtomicBoolean closed = new AtomicBoolean();
    byte[] data = "a\n1\n2\n".getBytes(StandardCharsets.UTF_8);
    CsvSource s =
        CsvSource.builder(
                "tracked",
                () ->
                    new FilterInputStream(new ByteArrayInputStream(data)) {
                      @Override
                      public void close() throws IOException {
                        closed.set(true);
                        super.close();
                      }
                    })
            .get();
    try (CsvRecordIterator it = s.pass()) {
      it.next();
      assertFalse(closed.get());
    }
    assertTrue(closed.get());
    closed.set(false);
    rows(s); // reading to the end closes without an explicit close
    assertTrue(closed.get());
  }

  @Test
  void readsAFileAndReportsProgressInBytesOfTheFile() throws IOException {
    Path file = dir.resolve("events.csv");
    Files.writeString(file, "u,v\nx,1\ny,2\n");
    List<long[]> reports = new ArrayList<>();
    CsvSource s =
        CsvSource.builder(file)
            .setProgressListener((task, done, total) -> reports.add(new long[] {done, total}))
            .get();
    assertEquals(2, rows(s).size());
    long size = Files.size(file);
    long[] last = reports.get(reports.size() - 1);
    assertEquals(size, last[0]);
    assertEquals(size, last[1]);
  }

  @Test
  void progressTotalIsTheKnownSizeOrUnknownForStreams() {
    List<Long> totals = new ArrayList<>();
    rows(text("a\n1\n").setProgressListener((t, d, total) -> totals.add(total)).get());
    rows(text("a\n1\n").setKnownSize(4).setProgressListener((t, d, tot) -> totals.add(tot)).get());
    assertEquals(List.of(-1L, 4L), totals);
  }

  // ---- compression

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  @Test
  void gunzipsByFileNameAndByMagicBytes() throws IOException {
    byte[] gz = gzip("a,b\n1,2\n");
    Path file = dir.resolve("data.csv.gz");
    Files.write(file, gz);
    assertEquals(List.of(List.of("1", "2")), rows(CsvSource.builder(file).get()));
    assertEquals(List.of(List.of("1", "2")), rows(bytes(gz).get()));
    assertEquals(
        List.of(List.of("1", "2")), rows(bytes(gz).setCompression(Compression.GZIP).get()));
  }

  @Test
  void progressOfAGzipFileCountsCompressedBytesAgainstTheFileSize() throws IOException {
    StringBuilder csv = new StringBuilder("n\n");
    for (int i = 0; i < 50_000; i++) {
      csv.append(i).append('\n');
    }
    Path file = dir.resolve("big.csv.gz");
    Files.write(file, gzip(csv.toString()));
    List<long[]> reports = new ArrayList<>();
    CsvSource s =
        CsvSource.builder(file)
            .setProgressListener((task, done, total) -> reports.add(new long[] {done, total}))
            .get();
    assertEquals(50_000, rows(s).size());
    long[] last = reports.get(reports.size() - 1);
    assertEquals(Files.size(file), last[1]);
    assertEquals(Files.size(file), last[0]);
  }

  @Test
  void forEachClosesTheInputWhenTheActionThrows() {
    AtomicBoolean closed = new AtomicBoolean();
    byte[] data = "a\n1\n2\n".getBytes(StandardCharsets.UTF_8);
    CsvSource s =
        CsvSource.builder(
                "tracked",
                () ->
                    new FilterInputStream(new ByteArrayInputStream(data)) {
                      @Override
                      public void close() throws IOException {
                        closed.set(true);
                        super.close();
                      }
                    })
            .get();
    assertThrows(
        ArithmeticException.class,
        () ->
            s.forEach(
                r -> {
                  throw new ArithmeticException("stop");
                }));
    assertTrue(closed.get());
  }

  @Test
  void skippedHeaderOfAnEmptyInputGivesNoRows() {
    CsvSource s =
        text("").setSchema(Schema.ofStrings(List.of("x"))).setHeaderMode(HeaderMode.SKIP).get();
    assertEquals(List.of(), rows(s));
  }

  @Test
  void forcedGzipOnPlainTextFailsWithTheFix() {
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () -> rows(text("a\n1\n").setCompression(Compression.GZIP).get()));
    assertTrue(e.getMessage().contains("test.csv"), e.getMessage());
    assertTrue(e.getMessage().contains("not gzip"), e.getMessage());
  }

  @Test
  void noCompressionLeavesGzipBytesAlone() throws IOException {
    byte[] gz = gzip("a\n1\n");
    BadRecordException e =
        assertThrows(
            BadRecordException.class, () -> rows(bytes(gz).setCompression(Compression.NONE).get()));
    assertEquals(BadRecordException.Problem.INVALID_ENCODING, e.problem());
    assertEquals(1, e.byteOffset()); // 0x8b cannot start a UTF-8 sequence
  }

  // ---- options

  @Test
  void delimiterQuoteAndCharsetAreConfigurable() {
    byte[] latin1 = "n;t\n1;'caf\u00e9; ''au lait'''\n".getBytes(StandardCharsets.ISO_8859_1);
    CsvSource s =
        bytes(latin1)
            .setDelimiter(';')
            .setQuote('\'')
            .setCharset(StandardCharsets.ISO_8859_1)
            .get();
    assertEquals(List.of(List.of("1", "caf\u00e9; 'au lait'")), rows(s));
  }

  @Test
  void declaredSchemaReadsFilesWithoutHeader() {
    Schema schema = Schema.ofStrings(List.of("x", "y"));
    CsvSource s = text("1,2\n3,4\n").setSchema(schema).get();
    assertEquals(HeaderMode.NONE, s.headerMode());
    assertEquals(List.of(List.of("1", "2"), List.of("3", "4")), rows(s));
    assertEquals(List.of(1L, 2L), lines(s));
  }

  @Test
  void declaredSchemaCanSkipAHeaderLine() {
    Schema schema = Schema.ofStrings(List.of("x", "y"));
    CsvSource s = text("a,b\n1,2\n").setSchema(schema).setHeaderMode(HeaderMode.SKIP).get();
    assertEquals(List.of("x", "y"), s.schema().names());
    assertEquals(List.of(List.of("1", "2")), rows(s));
    assertEquals(List.of(2L), lines(s));
  }

  @Test
  void matchAcceptsTheRightHeaderAndRejectsAnother() {
    Schema schema = Schema.ofStrings(List.of("foo", "bar"));
    CsvSource good = text("foo,bar\n1,2\n").setSchema(schema).setHeaderMode(HeaderMode.MATCH).get();
    assertEquals(List.of(List.of("1", "2")), rows(good));
    CsvSource bad = text("qux,bar\n1,2\n").setSchema(schema).setHeaderMode(HeaderMode.MATCH).get();
    BadRecordException e = assertThrows(BadRecordException.class, () -> rows(bad));
    assertEquals(BadRecordException.Problem.BAD_HEADER, e.problem());
    assertTrue(e.getMessage().contains("column 1"), e.getMessage());
    CsvSource shorter = text("foo\n1\n").setSchema(schema).setHeaderMode(HeaderMode.MATCH).get();
    assertEquals(
        BadRecordException.Problem.BAD_HEADER,
        assertThrows(BadRecordException.class, () -> rows(shorter)).problem());
  }

  @Test
  void builderRejectsContradictionsWithTheFix() {
    Schema schema = Schema.ofStrings(List.of("x"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> text("").setSchema(schema).setHeaderMode(HeaderMode.READ).get());
    assertTrue(e.getMessage().contains("MATCH"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> text("").setHeaderMode(HeaderMode.SKIP).get());
    assertTrue(e.getMessage().contains("setSchema"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> text("").setQuote(',').get());
    assertTrue(e.getMessage().contains("','"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> text("").setBadRecordPolicy(BadRecordPolicy.QUARANTINE).get());
    assertTrue(e.getMessage().contains("setQuarantine"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> text("").setQuarantine(Quarantine.inMemory()).get());
    assertTrue(e.getMessage().contains("FAIL"), e.getMessage());
  }

  @Test
  void settersRejectBadValuesWithTheValue() {
    CsvSource.Builder b = text("");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> b.setMaxFieldChars(0))
            .getMessage()
            .contains("(0)"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> b.setDelimiter('\n'))
            .getMessage()
            .contains("U+000A"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> b.setKnownSize(-2))
            .getMessage()
            .contains("(-2)"));
    Schema typed = Schema.builder().add("n", ColumnType.INT).build();
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> b.setSchema(typed))
            .getMessage()
            .contains("'n' is INT"));
  }

  @Test
  void toBuilderKeepsEverySetting() {
    Quarantine q = Quarantine.inMemory();
    CsvSource s =
        text("a;b\n")
            .setDelimiter(';')
            .setQuote('\'')
            .setCharset(StandardCharsets.UTF_16LE)
            .setCompression(Compression.NONE)
            .setBadRecordPolicy(BadRecordPolicy.QUARANTINE)
            .setQuarantine(q)
            .setSkipBlankLines(true)
            .setMaxFieldChars(99)
            .get();
    CsvSource copy = s.toBuilder().get();
    assertEquals(';', copy.delimiter());
    assertEquals('\'', copy.quote());
    assertEquals(StandardCharsets.UTF_16LE, copy.charset());
    assertEquals(Compression.NONE, copy.compression());
    assertEquals(BadRecordPolicy.QUARANTINE, copy.badRecordPolicy());
    assertTrue(copy.skipBlankLines());
    assertEquals(99, copy.maxFieldChars());
    assertEquals(s.description(), copy.description());
  }

  // ---- header problems

  @Test
  void emptyInputHasNoHeader() {
    BadRecordException e = assertThrows(BadRecordException.class, () -> text("").get().schema());
    assertEquals(BadRecordException.Problem.BAD_HEADER, e.problem());
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void blankOrRepeatedHeaderNamesFail() {
    BadRecordException blank =
        assertThrows(BadRecordException.class, () -> text("a,,c\n1,2,3\n").get().schema());
    assertEquals(BadRecordException.Problem.BAD_HEADER, blank.problem());
    assertTrue(blank.getMessage().contains("column 2"), blank.getMessage());
    BadRecordException twice =
        assertThrows(BadRecordException.class, () -> text("a,b,a\n1,2,3\n").get().schema());
    assertEquals(BadRecordException.Problem.BAD_HEADER, twice.problem());
  }

  @Test
  void byteOrderMarkIsNotPartOfTheFirstName() {
    byte[] data = "\uFEFFuser,n\nu1,1\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(3, data[0] == (byte) 0xEF ? 3 : 0); // the BOM really is in the bytes
    CsvSource s = bytes(data).get();
    assertEquals(List.of("user", "n"), s.schema().names());
    assertEquals(List.of(List.of("u1", "1")), rows(s));
    // a U+FEFF anywhere else is data
    CsvSource inner = text("a\n\uFEFFx\n").get();
    assertEquals(List.of(List.of("\uFEFFx")), rows(inner));
  }

  // ---- ragged rows

  @Test
  void raggedRowFailsByDefaultNamingLineAndCountsButNoValues() {
    CsvSource s = text("a,b\n1,2\nSECRET1,SECRET2,SECRET3\n5,6\n").get();
    CsvRecordIterator it = s.pass();
    assertEquals("2", it.next().getString(1));
    BadRecordException e = assertThrows(BadRecordException.class, it::hasNext);
    assertEquals(BadRecordException.Problem.RAGGED_ROW, e.problem());
    assertEquals("test.csv", e.source());
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("3 fields but 2 were expected"), e.getMessage());
    assertTrue(e.getMessage().startsWith("test.csv, line 3"), e.getMessage());
    assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    assertEquals(new ReadCounts(1, 1, 0, 0), it.counts());
    assertFalse(it.hasNext(), "a failed pass is closed");
  }

  @Test
  void raggedRowsGoToTheQuarantineWithLineAndFields() {
    Quarantine.InMemory q = Quarantine.inMemory();
    CsvSource s =
        text("a,b\n1,2\n3\n4,5,6\n\"x\ny\",7\n")
            .setBadRecordPolicy(BadRecordPolicy.QUARANTINE)
            .setQuarantine(q)
            .get();
    CsvRecordIterator it = s.pass();
    List<List<String>> good = rows(() -> it);
    assertEquals(List.of(List.of("1", "2"), List.of("x\ny", "7")), good);
    assertEquals(new ReadCounts(4, 2, 2, 0), it.counts());
    List<QuarantinedRecord> bad = q.records();
    assertEquals(2, bad.size());
    assertEquals(3, bad.get(0).line());
    assertEquals(List.of("3"), bad.get(0).fields());
    assertEquals(CsvSource.RAGGED_ROW_RULE, bad.get(0).rule());
    assertTrue(bad.get(0).reason().contains("1 field but 2 were expected"), bad.get(0).reason());
    assertEquals(4, bad.get(1).line());
    assertEquals(List.of("4", "5", "6"), bad.get(1).fields());
    assertEquals("test.csv", bad.get(1).source());
  }

  @Test
  void aFailingQuarantineStopsThePassAndLeavesTheCountsConsistent() {
    CsvSource s =
        text("a,b\n1,2\n3\n4,5\n")
            .setBadRecordPolicy(BadRecordPolicy.QUARANTINE)
            .setQuarantine(
                r -> {
                  throw new IllegalStateException("disk full");
                })
            .get();
    CsvRecordIterator it = s.pass();
    it.next();
    IllegalStateException e = assertThrows(IllegalStateException.class, it::hasNext);
    assertEquals("disk full", e.getMessage());
    assertFalse(it.hasNext());
    assertEquals(new ReadCounts(1, 1, 0, 0), it.counts());
  }

  @Test
  void raggedRowsAreCountedWhenSkipped() {
    CsvSource s = text("a,b\n1\n2,3\n4,5,6\n").setBadRecordPolicy(BadRecordPolicy.SKIP).get();
    CsvRecordIterator it = s.pass();
    assertEquals(List.of(List.of("2", "3")), rows(() -> it));
    assertEquals(new ReadCounts(3, 1, 0, 2), it.counts());
  }

  @Test
  void blankLinesAreRaggedRowsUnlessSkipped() {
    String csv = "a,b\n1,2\n\n3,4\n\n";
    BadRecordException e = assertThrows(BadRecordException.class, () -> rows(text(csv).get()));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("setSkipBlankLines(true)"), e.getMessage());
    CsvSource skip = text(csv).setSkipBlankLines(true).get();
    CsvRecordIterator it = skip.pass();
    assertEquals(List.of(List.of("1", "2"), List.of("3", "4")), rows(() -> it));
    assertEquals(List.of(2L, 4L), lines(skip));
    assertEquals(new ReadCounts(4, 2, 0, 2), it.counts());
  }

  // ---- framing errors

  @Test
  void unterminatedQuoteInAHugeStreamFailsFastAtTheCap() {
    byte[] prefix = "id,text\n1,ok\n2,\"opened ".getBytes(StandardCharsets.US_ASCII);
    List<VirtualInputStream> opened = new ArrayList<>();
    CsvSource s =
        CsvSource.builder(
                "virtual",
                () -> {
                  opened.add(new VirtualInputStream(prefix, (byte) 'x', 64L << 20));
                  return opened.get(opened.size() - 1);
                })
            .setMaxFieldChars(1 << 20)
            .get();
    CsvRecordIterator it = s.pass();
    assertEquals("ok", it.next().getString(1));
    BadRecordException e = assertThrows(BadRecordException.class, it::hasNext);
    assertEquals(BadRecordException.Problem.FIELD_TOO_LONG, e.problem());
    assertEquals("virtual", e.source());
    assertEquals(3, e.line());
    assertEquals("text", e.column());
    assertTrue(e.getMessage().contains("1048576"), e.getMessage());
    // it stopped near the cap instead of reading (and buffering) the 64 MiB, and so did the
    // second pass that found the column
    assertEquals(2, opened.size());
    for (VirtualInputStream in : opened) {
      assertTrue(in.served() < 3L << 20, "read " + in.served() + " bytes");
    }
  }

  @Test
  void recordsUnderTheCapPassWhateverTheFileSize() {
    StringBuilder csv = new StringBuilder("a,b\n");
    String field = "y".repeat(900);
    for (int i = 0; i < 2000; i++) {
      csv.append(i).append(",\"").append(field).append("\"\n");
    }
    CsvRecordIterator it = text(csv.toString()).setMaxFieldChars(1000 + 8192 * 2).get().pass();
    assertEquals(2000, rows(() -> it).size());
  }

  @Test
  void unterminatedQuoteInABoundedMemoryChildJvm() throws Exception {
    // 1 GiB of input behind an open quote, default cap, 256 MiB heap: must fail cleanly
    ProbeResult capped = runProbe("default");
    assertEquals(0, capped.exit, capped.output);
    assertTrue(capped.output.startsWith("FIELD_TOO_LONG line=2 column=text"), capped.output);
    // the control: with the cap lifted the same input exhausts that heap, so the check above
    // is what kept memory bounded
    ProbeResult uncapped = runProbe(String.valueOf(Integer.MAX_VALUE));
    assertTrue(uncapped.exit != 0, uncapped.output);
    assertTrue(uncapped.output.contains("OutOfMemoryError"), uncapped.output);
  }

  record ProbeResult(int exit, String output) {}

  private ProbeResult runProbe(String cap) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            UnterminatedQuoteProbe.class.getName(),
            cap);
    pb.redirectErrorStream(true);
    File out = dir.resolve("probe-" + cap.length() + ".txt").toFile();
    pb.redirectOutput(out);
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("probe did not finish; output: " + Files.readString(out.toPath()));
    }
    return new ProbeResult(p.exitValue(), Files.readString(out.toPath()));
  }

  @Test
  void unterminatedQuoteAtEndOfInputNamesTheRecordLine() {
    BadRecordException e =
        assertThrows(
            BadRecordException.class, () -> rows(text("a,b\n1,2\n3,\"open\nmore\n").get()));
    assertEquals(BadRecordException.Problem.MALFORMED_QUOTES, e.problem());
    assertEquals(3, e.line());
  }

  @Test
  void textAfterAClosingQuoteFails() {
    BadRecordException e =
        assertThrows(BadRecordException.class, () -> rows(text("a,b\n1,\"x\"y\n").get()));
    assertEquals(BadRecordException.Problem.MALFORMED_QUOTES, e.problem());
    assertEquals(2, e.line());
  }

  @Test
  void invalidUtf8IsReportedWithByteOffsetAndLine() {
    byte[] head = "a,b\n1,2\nx,".getBytes(StandardCharsets.US_ASCII);
    byte[] data = new byte[head.length + 3];
    System.arraycopy(head, 0, data, 0, head.length);
    data[head.length] = 'o';
    data[head.length + 1] = (byte) 0xFF;
    data[head.length + 2] = '\n';
    BadRecordException e = assertThrows(BadRecordException.class, () -> rows(bytes(data).get()));
    assertEquals(BadRecordException.Problem.INVALID_ENCODING, e.problem());
    assertEquals(head.length + 1, e.byteOffset());
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("byte offset " + (head.length + 1)), e.getMessage());
    assertTrue(e.getMessage().contains("char 4 of the line"), e.getMessage());
  }

  @Test
  void invalidUtf8FarIntoTheInputAndAfterMixedLineEndings() {
    StringBuilder sb = new StringBuilder("k,v\r\n");
    int lines = 1;
    for (int i = 0; sb.length() < 300_000; i++) {
      sb.append(i).append(",\u00e9t\u00e9").append(i % 3 == 0 ? "\r" : i % 3 == 1 ? "\n" : "\r\n");
      lines++;
    }
    byte[] good = sb.toString().getBytes(StandardCharsets.UTF_8);
    // a lone continuation byte where a line starts
    byte[] data = new byte[good.length + 5];
    System.arraycopy(good, 0, data, 0, good.length);
    data[good.length] = '7';
    data[good.length + 1] = ',';
    data[good.length + 2] = (byte) 0xA9;
    data[good.length + 3] = '\n';
    data[good.length + 4] = '\n';
    CsvSource s = bytes(data).get();
    CsvRecordIterator it = s.pass();
    int read = 0;
    BadRecordException e = null;
    try {
      while (it.hasNext()) {
        it.next();
        read++;
      }
    } catch (BadRecordException x) {
      e = x;
    }
    assertTrue(e != null, "no error after " + read + " rows");
    assertEquals(lines - 1, read, "every good row comes out before the error");
    assertEquals(good.length + 2, e.byteOffset());
    assertEquals(lines + 1, e.line());
  }

  @Test
  void truncatedMultiByteCharacterAtTheEndIsReported() {
    byte[] head = "a\n\u00e9".getBytes(StandardCharsets.UTF_8);
    byte[] data = new byte[head.length + 1];
    System.arraycopy(head, 0, data, 0, head.length);
    data[head.length] = (byte) 0xE2; // first of three bytes, then the end
    BadRecordException e = assertThrows(BadRecordException.class, () -> rows(bytes(data).get()));
    assertEquals(BadRecordException.Problem.INVALID_ENCODING, e.problem());
    assertEquals(head.length, e.byteOffset());
    assertEquals(2, e.line());
  }

  @Test
  void unmappableInputInASingleByteCharsetIsReportedNotReplaced() {
    // 0x81 is undefined in windows-1252
    byte[] data = {'a', '\n', 'x', (byte) 0x81, '\n'};
    CsvSource s = bytes(data).setCharset(Charset.forName("windows-1252")).get();
    BadRecordException e = assertThrows(BadRecordException.class, () -> rows(s));
    assertEquals(BadRecordException.Problem.INVALID_ENCODING, e.problem());
    assertEquals(3, e.byteOffset());
  }

  @Test
  void openFailureNamesTheSource() {
    CsvSource s =
        CsvSource.builder(
                "s3://bucket/key.csv",
                () -> {
                  throw new IOException("access denied");
                })
            .get();
    UncheckedIOException e = assertThrows(UncheckedIOException.class, s::iterator);
    assertTrue(e.getMessage().contains("s3://bucket/key.csv"), e.getMessage());
  }

  @Test
  void missingFileNamesThePath() {
    CsvSource s = CsvSource.builder(dir.resolve("nope.csv")).get();
    UncheckedIOException e = assertThrows(UncheckedIOException.class, s::iterator);
    assertTrue(e.getMessage().contains("nope.csv"), e.getMessage());
  }

  @Test
  void failingStreamMidwayIsAnIoErrorNotAFormatError() {
    byte[] data = "a\n1\n2\n".getBytes(StandardCharsets.UTF_8);
    CsvSource s =
        CsvSource.builder(
                "flaky",
                () ->
                    new InputStream() {
                      int pos;

                      @Override
                      public int read() throws IOException {
                        if (pos == 4) {
                          throw new IOException("connection reset");
                        }
                        return pos < data.length ? data[pos++] : -1;
                      }
                    })
            .get();
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> rows(s));
    assertTrue(e.getMessage().contains("flaky"), e.getMessage());
  }

  // ---- property test: random CSV against what its writer knows, and against bare Commons CSV

  private static final String[] PIECES = {
    "a", "b", "Z", "0", " ", ",", "\"", "\n", "\r", "\r\n", "\u00e9", "\uD83D\uDE0E", ";", "\t"
  };
  private static final String[] LINE_ENDS = {"\n", "\r\n", "\r"};

  @Test
  void randomCsvReadsAsWrittenWithRightLinesProperty() throws IOException {
    for (long seed = 1; seed <= 400; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int cols = 1 + rnd.nextInt(4);
      List<String> names = new ArrayList<>();
      for (int c = 0; c < cols; c++) {
        names.add("c" + c);
      }
      StringBuilder csv = new StringBuilder(String.join(",", names));
      csv.append(LINE_ENDS[rnd.nextInt(3)]);
      long line = 2;
      List<List<String>> rows = new ArrayList<>();
      List<Long> starts = new ArrayList<>();
      int n = rnd.nextInt(25);
      for (int r = 0; r < n; r++) {
        List<String> row = new ArrayList<>();
        starts.add(line);
        for (int c = 0; c < cols; c++) {
          StringBuilder f = new StringBuilder();
          int len = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(7);
          for (int k = 0; k < len; k++) {
            f.append(PIECES[rnd.nextInt(PIECES.length)]);
          }
          String field = f.toString();
          row.add(field);
          boolean quote =
              field.contains(",")
                  || field.contains("\"")
                  || field.contains("\n")
                  || field.contains("\r")
                  || (cols == 1 && field.isEmpty())
                  || rnd.nextInt(5) == 0;
          if (c > 0) {
            csv.append(',');
          }
          csv.append(quote ? '"' + field.replace("\"", "\"\"") + '"' : field);
          line += breaks(field);
        }
        rows.add(row);
        if (r < n - 1 || rnd.nextBoolean()) {
          csv.append(LINE_ENDS[rnd.nextInt(3)]);
          line++;
        }
      }
      byte[] data = csv.toString().getBytes(StandardCharsets.UTF_8);
      SplittableRandom chunks = rnd.split();
      CsvSource source =
          CsvSource.builder("random", () -> new ChunkyInputStream(data, chunks, 9)).get();
      String context = "seed " + seed + ", input " + GoldenCsvTest.escape(csv.toString());
      try {
        assertEquals(names, source.schema().names(), context);
        assertEquals(rows, rows(source), context);
        assertEquals(starts, lines(source), context);
        assertEquals(rows, bareCommonsCsv(csv.toString()), context);
      } catch (RuntimeException e) {
        throw new AssertionError(context, e);
      }
    }
  }

  private static long breaks(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r' || (c == '\n' && (i == 0 || s.charAt(i - 1) != '\r'))) {
        n++;
      }
    }
    return n;
  }

  /** The reference: Commons CSV on a String, header row dropped. */
  private static List<List<String>> bareCommonsCsv(String csv) throws IOException {
    List<List<String>> out = new ArrayList<>();
    CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
    try (CSVParser p = CSVParser.parse(csv, format)) {
      boolean header = true;
      for (CSVRecord r : p) {
        if (!header) {
          out.add(r.toList());
        }
        header = false;
      }
    }
    return out;
  }

  @Test
  void nulInsideAFieldIsReportedWithLineAndColumnUnlessAllowed() {
    String text = "a,b\n1,2\n3,qz\u0000qw\n5,6\n";
    BadRecordException e =
        assertThrows(
            BadRecordException.class,
            () ->
                CsvSource.builder(
                        "nul.csv",
                        () -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
                    .get()
                    .forEach(r -> {}));
    assertEquals(BadRecordException.Problem.BAD_FIELD, e.problem());
    assertEquals(3, e.line());
    assertEquals("2", e.column());
    assertFalse(e.getMessage().contains("qz"), "no field value in the message: " + e.getMessage());

    Quarantine.InMemory q = Quarantine.inMemory();
    CsvSource quarantining =
        CsvSource.builder(
                "nul.csv", () -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
            .setBadRecordPolicy(BadRecordPolicy.QUARANTINE)
            .setQuarantine(q)
            .get();
    List<String> got = new ArrayList<>();
    quarantining.forEach(r -> got.add(r.getString(0)));
    assertEquals(List.of("1", "5"), got);
    assertEquals(1, q.size());
    assertEquals(3, q.records().get(0).line());
    assertEquals("2", q.records().get(0).column());
    assertEquals(CsvSource.NUL_RULE, q.records().get(0).rule());

    List<String> accepted = new ArrayList<>();
    CsvSource.builder(
            "nul.csv", () -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
        .setAllowNul(true)
        .get()
        .forEach(r -> accepted.add(r.getString(1)));
    assertEquals(List.of("2", "qz\u0000qw", "6"), accepted);
  }

  @Test
  void quoteInsideAnUnquotedFieldIsReportedWithLineAndColumnUnlessAllowed() {
    // line 3 holds a quoted field over two lines with doubled quotes, which is fine; the stray
    // quote is in field 3 of the record on line 5
    String text = "a,b,c\r\n1,2,3\r\n\"x\"\"y\r\nz\",2,3\r\n4,5,12\" tall\r\n7,8,9\r\n";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int chunk : new int[] {1, 3, 1 << 16}) {
      SplittableRandom rnd = new SplittableRandom(chunk);
      BadRecordException e =
          assertThrows(
              BadRecordException.class,
              () ->
                  CsvSource.builder(
                          "stray.csv", () -> new ChunkyInputStream(bytes, rnd.split(), chunk))
                      .get()
                      .forEach(r -> {}));
      assertEquals(BadRecordException.Problem.BAD_FIELD, e.problem());
      assertEquals(5, e.line(), "chunk " + chunk);
      assertEquals("3", e.column(), "chunk " + chunk);
      assertFalse(e.getMessage().contains("tall"), "no value in the message: " + e.getMessage());
    }

    Quarantine.InMemory q = Quarantine.inMemory();
    List<String> got = new ArrayList<>();
    CsvSource.builder("stray.csv", () -> new ByteArrayInputStream(bytes))
        .setBadRecordPolicy(BadRecordPolicy.QUARANTINE)
        .setQuarantine(q)
        .get()
        .forEach(r -> got.add(r.getString(0)));
    assertEquals(List.of("1", "x\"y\r\nz", "7"), got);
    assertEquals(1, q.size());
    assertEquals(5, q.records().get(0).line());
    assertEquals("3", q.records().get(0).column());
    assertEquals(CsvSource.STRAY_QUOTE_RULE, q.records().get(0).rule());

    List<String> accepted = new ArrayList<>();
    CsvSource.builder("stray.csv", () -> new ByteArrayInputStream(bytes))
        .setAllowStrayQuotes(true)
        .get()
        .forEach(r -> accepted.add(r.getString(2)));
    assertEquals(List.of("3", "3", "12\" tall", "9"), accepted);
  }

  @Test
  void properlyQuotedTextNeverCountsAsAStrayQuote() throws IOException {
    SplittableRandom rnd = new SplittableRandom(11);
    String alphabet = "ab,\"\n\r;x ";
    for (int round = 0; round < 200; round++) {
      List<List<String>> rows = new ArrayList<>();
      StringBuilder out = new StringBuilder();
      CSVFormat format = CSVFormat.RFC4180;
      try (org.apache.commons.csv.CSVPrinter printer =
          new org.apache.commons.csv.CSVPrinter(out, format)) {
        printer.printRecord("c1", "c2", "c3");
        for (int r = 0; r < 1 + rnd.nextInt(6); r++) {
          List<String> row = new ArrayList<>();
          for (int f = 0; f < 3; f++) {
            StringBuilder v = new StringBuilder();
            for (int k = rnd.nextInt(6); k > 0; k--) {
              v.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            row.add(v.toString());
          }
          rows.add(row);
          printer.printRecord(row);
        }
      }
      byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
      SplittableRandom chunks = rnd.split();
      List<List<String>> got = new ArrayList<>();
      CsvSource.builder("printed.csv", () -> new ChunkyInputStream(bytes, chunks.split(), 5))
          .get()
          .forEach(rec -> got.add(List.of(rec.getString(0), rec.getString(1), rec.getString(2))));
      assertEquals(rows, got, "round " + round + ": " + out);
    }
  }

  @Test
  void duplicateHeaderNamesAreReportedWithPositionsFromOne() {
    BadRecordException e =
        assertThrows(
            BadRecordException.class,
            () ->
                CsvSource.builder(
                        "dup.csv",
                        () ->
                            new ByteArrayInputStream(
                                "a,b,a\n1,2,3\n".getBytes(StandardCharsets.UTF_8)))
                    .get()
                    .forEach(r -> {}));
    assertEquals(BadRecordException.Problem.BAD_HEADER, e.problem());
    assertTrue(
        e.getMessage().contains("header columns 1 and 3 have the same name"), e.getMessage());
  }
}
