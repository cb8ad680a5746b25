package org.aidmp.bench.predict;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.aidmp.predict.tree.GbtModel;
import org.junit.jupiter.api.Test;

class GbtFitBenchmarkTest {
  @Test
  void fitsTreesOnTheBankData() throws Exception {
    Path data = Path.of("../../shared/data/bank-marketing-uci/bank-full.csv");
    boolean present = Files.isRegularFile(data);
    if (!present && Boolean.getBoolean("dmp.requireSharedData")) {
      throw new AssertionError("bank-marketing data missing and dmp.requireSharedData is set");
    }
    assumeTrue(present, "bank-marketing data not found; skipped");
    GbtFitBenchmark b = new GbtFitBenchmark();
    b.data = data.toString();
    b.sep = ";";
    b.label = "y";
    b.positive = "yes";
    b.drop = "duration";
    b.testRows = "../../shared/data/bank-marketing-uci/split-test-rows.txt";
    b.threads = 2;
    b.setUp();
    GbtModel m = b.fit();
    assertTrue(m.trees() > 10 && m.dimensions() == 15, m.toString());
  }
}
