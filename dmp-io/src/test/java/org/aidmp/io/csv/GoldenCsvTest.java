package org.aidmp.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.Record;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each {@code csv/golden/X.csv} is read with default settings and compared, record by
 * record with its origin line, to {@code X.expected}. The expected format is one line per record,
 * tab-separated: {@code header} then the names, or the start line then the values, with {@code \t},
 * {@code \n}, {@code \r} and {@code \\} escaped. The files in {@code csv/golden-stray-quotes} hold
 * quotes inside unquoted fields: by default each read fails at the first of them, and with {@code
 * setAllowStrayQuotes(true)} it matches its expected file.
 */
class GoldenCsvTest {

  static Stream<String> cases() throws IOException, URISyntaxException {
    return names("golden");
  }

  static Stream<String> strayQuoteCases() throws IOException, URISyntaxException {
    return names("golden-stray-quotes");
  }

  private static Stream<String> names(String folder) throws IOException, URISyntaxException {
    Path dir = Path.of(GoldenCsvTest.class.getResource("/csv/" + folder).toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = new ArrayList<>();
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".csv"))
          .sorted()
          .forEach(n -> names.add(n.substring(0, n.length() - 4)));
      assertFalse(names.isEmpty(), "no golden files found in " + dir);
      return names.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void readsAsExpected(String name) throws Exception {
    assertEquals(resource("/csv/golden/" + name + ".expected"), read(builder("golden", name)));
  }

  @ParameterizedTest
  @MethodSource("strayQuoteCases")
  void strayQuotesFailByDefaultAndReadAsExpectedWhenAllowed(String name) throws Exception {
    String expected = resource("/csv/golden-stray-quotes/" + name + ".expected");
    assertThrows(BadRecordException.class, () -> read(builder("golden-stray-quotes", name)));
    assertEquals(
        expected, read(builder("golden-stray-quotes", name).setAllowStrayQuotes(true)), name);
  }

  private static CsvSource.Builder builder(String folder, String name) {
    String path = "/csv/" + folder + "/" + name + ".csv";
    return CsvSource.builder(name + ".csv", () -> GoldenCsvTest.class.getResourceAsStream(path));
  }

  private static String read(CsvSource.Builder builder) {
    CsvSource source = builder.get();
    StringBuilder actual = new StringBuilder("header");
    for (String n : source.schema().names()) {
      actual.append('\t').append(escape(n));
    }
    actual.append('\n');
    for (Record r : source) {
      actual.append(r.origin().line());
      for (int i = 0; i < r.size(); i++) {
        actual.append('\t').append(escape(r.getString(i)));
      }
      actual.append('\n');
    }
    return actual.toString();
  }

  static String resource(String name) throws IOException {
    try (InputStream in = GoldenCsvTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }
}
