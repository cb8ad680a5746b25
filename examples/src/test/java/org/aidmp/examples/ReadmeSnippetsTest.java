package org.aidmp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.aidmp.data.Origin;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.pipeline.PipelineResult;
import org.aidmp.profile.EventMapping;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} block of the README compiles as written, imports included, against the
 * library; the custom-stage example also runs. A block that declares a class is compiled as is; any
 * other block is its imports followed by statements, which are compiled as the body of a method.
 */
class ReadmeSnippetsTest {
  private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern CLASS =
      Pattern.compile("public (?:final )?class (\\w+)", Pattern.MULTILINE);

  @TempDir static Path work;
  private static List<String> blocks;
  private static URLClassLoader compiled;

  @BeforeAll
  static void compileEverySnippet() throws IOException {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    Path src = Files.createDirectories(work.resolve("src"));
    Path out = Files.createDirectories(work.resolve("classes"));
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      String block = blocks.get(i);
      Matcher c = CLASS.matcher(block);
      String name;
      String unit;
      if (c.find()) {
        name = c.group(1);
        unit = block;
      } else {
        name = "ReadmeSnippet" + (i + 1);
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : block.split("\n", -1)) {
          (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        unit =
            imports
                + "public class "
                + name
                + " {\n  static void snippet() throws Exception {\n"
                + body
                + "  }\n}\n";
      }
      Path file = src.resolve(name + ".java");
      Files.writeString(file, unit, StandardCharsets.UTF_8);
      files.add(file);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, null)) {
      List<String> options =
          List.of(
              "-classpath",
              System.getProperty("java.class.path"),
              "-d",
              out.toString(),
              "-proc:none");
      boolean ok =
          javac
              .getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files))
              .call();
      StringBuilder errors = new StringBuilder();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          errors
              .append(d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName())
              .append(':')
              .append(d.getLineNumber())
              .append(' ')
              .append(d.getMessage(Locale.ROOT))
              .append('\n');
        }
      }
      assertTrue(ok, "README snippets do not compile:\n" + errors);
    }
    compiled =
        new URLClassLoader(
            new URL[] {out.toUri().toURL()}, ReadmeSnippetsTest.class.getClassLoader());
  }

  @Test
  void theReadmeHasJavaSnippets() {
    assertTrue(blocks.size() >= 2, "found " + blocks.size() + " java blocks in the README");
  }

  @Test
  void theCustomStageExampleRuns() throws Exception {
    Schema raw = Schema.ofStrings(List.of("user_id", "timestamp", "event_type", "amount"));
    List<Record> rows = new ArrayList<>();
    for (int u = 0; u < 30; u++) {
      for (int e = 0; e <= u % 5; e++) {
        rows.add(
            Record.of(
                raw,
                new Origin("events.csv", rows.size() + 2),
                "u" + u,
                "2026-03-0" + (1 + e) + "T12:00:00Z",
                "purchase",
                String.valueOf(10 * (u % 7))));
      }
    }
    EventMapping mapping =
        EventMapping.builder()
            .setUserIdColumn("user_id")
            .setTimestampColumn("timestamp")
            .setTypeColumn("event_type")
            .setValueColumn("amount")
            .get();
    Path sizes = work.resolve("sizes.txt");
    Method run =
        compiled
            .loadClass("CustomStages")
            .getMethod("run", Source.class, EventMapping.class, Path.class);
    PipelineResult result =
        (PipelineResult) run.invoke(null, Source.of(raw, "events.csv", rows), mapping, sizes);

    long[] counted = result.segmentation().orElseThrow().sizes();
    assertEquals(2, counted.length);
    assertEquals(30, counted[0] + counted[1]);
    assertTrue(counted[0] > 0 && counted[1] > 0, "both segments are used");
    assertEquals(java.util.Arrays.toString(counted), Files.readString(sizes));
  }
}
