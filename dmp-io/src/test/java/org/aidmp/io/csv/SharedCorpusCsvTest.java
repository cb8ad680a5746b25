package org.aidmp.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.io.SharedData;
import org.junit.jupiter.api.Test;

/**
 * Reads the public CSV conformance corpora in the shared data folder (csv-spectrum and sineemore's
 * csv-test-data) and compares every case with its JSON. The folder is taken from the system
 * property {@code dmp.shared.data} (default {@code ../../shared/data}, relative to the module); the
 * tests are skipped when it is absent (and fail under {@code -Ddmp.requireSharedData=true}). The
 * corpora are not copied into the project.
 */
class SharedCorpusCsvTest {
  private static Path corpus(String name) {
    return SharedData.require(name, ".");
  }

  private static List<Path> csvFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    }
  }

  private static String name(Path csv) {
    String n = csv.getFileName().toString();
    return n.substring(0, n.length() - ".csv".length());
  }

  private static List<Map<String, String>> asMaps(Iterable<Record> source) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Record r : source) {
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < r.size(); i++) {
        m.put(r.schema().column(i).name(), r.getString(i));
      }
      out.add(m);
    }
    return out;
  }

  private static List<List<String>> asLists(Iterable<Record> source) {
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

  @Test
  @SuppressWarnings("unchecked")
  void csvSpectrumMatchesItsJson() throws IOException {
    Path dir = corpus("csv-spectrum");
    List<Path> cases = csvFiles(dir.resolve("csvs"));
    assertFalse(cases.isEmpty());
    for (Path csv : cases) {
      String n = name(csv);
      Object json = MiniJson.parse(Files.readString(dir.resolve("json").resolve(n + ".json")));
      // location_coordinates.json is a single object rather than an array
      List<Map<String, String>> expected =
          json instanceof List<?> l
              ? (List<Map<String, String>>) l
              : List.of((Map<String, String>) json);
      CsvSource.Builder builder = CsvSource.builder(csv);
      if (n.equals("location_coordinates")) {
        // its coordinates hold unquoted quotes (37°36'37.8"N): rejected unless accepted
        assertThrows(BadRecordException.class, () -> asMaps(CsvSource.builder(csv).get()), n);
        builder.setAllowStrayQuotes(true);
      }
      List<Map<String, String>> actual = asMaps(builder.get());
      if (n.equals("location_coordinates")) {
        // upstream's JSON holds a different phone number than its CSV; compare the rest
        expected.forEach(m -> m.remove("Contact Phone Number"));
        actual.forEach(m -> m.remove("Contact Phone Number"));
      }
      assertEquals(expected, actual, n);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void sineemoreValidCasesMatchTheirJson() throws IOException {
    Path dir = corpus("csv-test-data-sineemore");
    Schema fooBarBaz = Schema.ofStrings(List.of("foo", "bar", "baz"));
    int checked = 0;
    for (Path csv : csvFiles(dir.resolve("csv"))) {
      String n = name(csv);
      if (n.startsWith("bad-")) {
        continue;
      }
      Object json = MiniJson.parse(Files.readString(dir.resolve("json").resolve(n + ".json")));
      if (n.startsWith("header-")) {
        CsvSource s =
            CsvSource.builder(csv).setSchema(fooBarBaz).setHeaderMode(HeaderMode.MATCH).get();
        assertEquals(json, asMaps(s), n);
      } else {
        List<List<String>> expected = (List<List<String>>) json;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < expected.get(0).size(); i++) {
          names.add("c" + i);
        }
        CsvSource s = CsvSource.builder(csv).setSchema(Schema.ofStrings(names)).get();
        assertEquals(expected, asLists(s), n);
      }
      checked++;
    }
    assertEquals(18, checked, "valid cases in the corpus");
  }

  @Test
  void sineemoreBadCasesAreRejected() throws IOException {
    Path dir = corpus("csv-test-data-sineemore");
    Schema fooBarBaz = Schema.ofStrings(List.of("foo", "bar", "baz"));
    int checked = 0;
    for (Path csv : csvFiles(dir.resolve("csv"))) {
      String n = name(csv);
      if (!n.startsWith("bad-")) {
        continue;
      }
      CsvSource s =
          CsvSource.builder(csv).setSchema(fooBarBaz).setHeaderMode(HeaderMode.MATCH).get();
      assertThrows(BadRecordException.class, () -> asLists(s), n);
      if (n.equals("bad-unescaped-quote")) {
        // accepted as text only when asked for
        CsvSource lenient =
            CsvSource.builder(csv)
                .setSchema(fooBarBaz)
                .setHeaderMode(HeaderMode.MATCH)
                .setAllowStrayQuotes(true)
                .get();
        assertEquals(
            List.of(List.of("1", "This \"quotes\" must be escaped", "3")), asLists(lenient), n);
      }
      checked++;
    }
    assertEquals(7, checked, "bad cases in the corpus");
  }

  @Test
  void jsonReaderReadsEscapes() {
    assertEquals(
        List.of(Map.of("a", "x\"\n\u00e9"), "1"),
        MiniJson.parse("[{\"a\": \"x\\\"\\n\\u00e9\"}, 1]"));
  }
}
