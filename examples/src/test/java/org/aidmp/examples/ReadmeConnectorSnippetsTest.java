package org.aidmp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every Java snippet of the README's section on files, JSON, Parquet and databases, as
 * written: its import lines at the top of a class, the rest as the body of a method.
 */
class ReadmeConnectorSnippetsTest {
  private static final String SECTION = "## Reading files, JSON, Parquet and databases";

  @TempDir Path dir;

  static List<String> snippets() throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    int start = readme.indexOf(SECTION);
    assertTrue(start >= 0, "the README has no section '" + SECTION + "'");
    int end = readme.indexOf("\n## ", start + SECTION.length());
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    List<String> out = new ArrayList<>();
    int at = 0;
    while ((at = section.indexOf("```java\n", at)) >= 0) {
      int close = section.indexOf("\n```", at + 8);
      out.add(section.substring(at + 8, close + 1));
      at = close + 4;
    }
    return out;
  }

  @Test
  void everySnippetCompiles() throws IOException {
    List<String> snippets = snippets();
    assertEquals(4, snippets.size(), "snippets in the section");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    for (int i = 0; i < snippets.size(); i++) {
      StringBuilder imports = new StringBuilder();
      StringBuilder body = new StringBuilder();
      for (String line : snippets.get(i).split("\n")) {
        (line.startsWith("import ") ? imports : body).append(line).append('\n');
      }
      String name = "Snippet" + i;
      Path src = dir.resolve(name + ".java");
      Files.writeString(
          src,
          imports
              + "\nclass "
              + name
              + " {\n  static void run() throws Exception {\n"
              + body
              + "  }\n}\n");
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
        StringWriter log = new StringWriter();
        boolean ok =
            javac
                .getTask(
                    log,
                    files,
                    diagnostics,
                    List.of(
                        "-classpath",
                        System.getProperty("java.class.path"),
                        "-d",
                        dir.toString(),
                        "-proc:none"),
                    null,
                    files.getJavaFileObjects(src))
                .call();
        assertTrue(
            ok, "snippet " + (i + 1) + " does not compile: " + diagnostics.getDiagnostics() + log);
      }
    }
  }
}
