package org.aidmp.bench.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EASE benchmarks invert the Gram matrix they write for the NumPy peer. */
class EaseFitBenchmarkTest {
  @Test
  void bothInversesInvertTheGramMatrixWrittenForThePeer(@TempDir Path dir) throws IOException {
    EaseFitBenchmark.Data d = new EaseFitBenchmark.Data();
    d.items = 150;
    d.users = 300;
    d.events = 6000;
    d.threads = 2;
    d.block = 48;
    d.gramOut = dir.resolve("gram.npy").toString();
    d.setUp();
    d.copyGram();
    int n = d.x.itemCount();
    assertTrue(n > 100, "items " + n);
    EaseFitBenchmark b = new EaseFitBenchmark();
    double[] dmp = b.inverse(d).clone();
    DMatrixRMaj ejml = b.ejmlInvertSpd(d);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int t = 0; t < n; t++) {
          s += d.gram[i * n + t] * dmp[t * n + j];
        }
        assertEquals(i == j ? 1 : 0, s, 1e-9, "G·P at " + i + "," + j);
        assertEquals(ejml.get(i, j), dmp[i * n + j], 1e-12, "vs EJML at " + i + "," + j);
      }
    }
    byte[] npy = Files.readAllBytes(Path.of(d.gramOut));
    int header = 10 + (ByteBuffer.wrap(npy, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort());
    ByteBuffer body = ByteBuffer.wrap(npy, header, npy.length - header);
    body.order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(8L * n * n, npy.length - header);
    for (int i = 0; i < n * n; i++) {
      assertEquals(d.gram[i], body.getDouble(), "npy value " + i);
    }
    assertTrue(b.easeFit(d).recommend(d.x.userId(0), 5).size() > 0);
  }
}
