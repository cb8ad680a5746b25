package org.aidmp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.aidmp.fixtures.SampleData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropensityDemoTest {
  @TempDir Path dir;

  @Test
  void predictsBuyersOfTheSampleDataWellAboveChance() throws Exception {
    SampleData.Written files =
        SampleData.builder().setUsers(4000).setEvents(80_000).setSeed(3).get().writeTo(dir);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PropensityDemo.Result r =
        PropensityDemo.run(files.events(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(r.users() > 3000 && r.buyers() > 100, r.toString());
    assertTrue(r.auc() > 0.7, "auc " + r.auc());
    assertTrue(r.topDecileLift() > 2, "lift " + r.topDecileLift());
    assertEquals(5, r.topFeatures().size());
    assertEquals((int) Math.ceil(r.users() * 0.1), r.audienceSize());
    assertTrue(r.skippedRows() > 0, "the sample data has broken rows");
    assertTrue(text.contains("held-out AUC") && text.contains("top-decile audience"), text);
  }
}
