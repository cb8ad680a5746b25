package org.aidmp.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrantiBenchmarkTest {
  @TempDir Path dir;

  @Test
  void centroidIndexCountsOrphansInTheWorseDirection() {
    FMatrixRMaj truth = new FMatrixRMaj(new float[][] {{0, 0}, {10, 0}, {0, 10}});
    FMatrixRMaj exact = new FMatrixRMaj(new float[][] {{0.1f, 0}, {9, 0.2f}, {0, 11}});
    assertEquals(0, FrantiBenchmark.centroidIndex(exact, truth));
    // Two centroids share the first cluster, none sits on the third: CI 1.
    FMatrixRMaj merged = new FMatrixRMaj(new float[][] {{0, 0}, {1, 0}, {10, 1}});
    assertEquals(1, FrantiBenchmark.centroidIndex(merged, truth));
  }

  @Test
  void readsTabsCarriageReturnsAndBlankLines() throws IOException {
    Path p = dir.resolve("s.txt");
    Files.writeString(p, "1\t2\t   \r\n\r\n 3   4\r\n", StandardCharsets.ISO_8859_1);
    FMatrixRMaj m = FrantiBenchmark.readMatrix(p);
    assertEquals(2, m.numRows);
    assertArrayEquals(new float[] {1, 2, 3, 4}, Arrays.copyOf(m.data, 4));
  }

  /** Runs on s1 when the data are present: -Ddmp.franti=path/to/franti-clustering-benchmark. */
  @Test
  void solvesS1WhenTheDataArePresent() throws IOException {
    Path root =
        SharedData.require(
            Path.of(
                System.getProperty(
                    "dmp.franti",
                    SharedData.root().resolve("franti-clustering-benchmark").toString())),
            "uef-balanced-kmeans");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      FrantiBenchmark.main(
          new String[] {
            root.toString(), "--sets", "s1", "--seeds", "2", "--swaps", "50", "--threads", "1"
          });
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("sets=1 solved=1 mean_ci=0.000"), out);
  }
}
