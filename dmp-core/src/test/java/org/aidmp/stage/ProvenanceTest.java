package org.aidmp.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvenanceTest {
  private record Settings(int depth) {}

  private static Provenance run() {
    return new Provenance(
        Instant.parse("2026-01-02T03:04:05.123456789Z"),
        List.of("events.csv"),
        List.of(
            new StageRecord("features", new Settings(3), 10, 8, Duration.ofMillis(5)),
            new StageRecord("segment", "k=4", 8, 4, Duration.ofMillis(7))),
        42,
        "a jvm",
        "scalar");
  }

  @Test
  void aFitIsOneStageHoldingTheTrainersSettings() {
    Settings s = new Settings(6);
    Instant at = Instant.now();
    Provenance p = Provenance.ofFit("gbt", s, 7, 900, at, Duration.ofMillis(12));
    assertEquals(List.of("gbt"), p.stages().stream().map(StageRecord::name).toList());
    StageRecord fit = p.stage("gbt");
    assertSame(s, fit.config());
    assertEquals(900, fit.rowsIn());
    assertEquals(-1, fit.rowsOut());
    assertEquals(7, p.seed());
    assertEquals(at, p.started());
    assertEquals(List.of(), p.inputs());
    assertEquals(Duration.ofMillis(12), p.total());
  }

  @Test
  void anUnknownStageIsNamedWithTheStagesThereAre() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> run().stage("recommend"));
    assertTrue(e.getMessage().contains("[features, segment]"), e.getMessage());
  }

  @Test
  void totalAndFormatCoverEveryStage() {
    Provenance p = run();
    assertEquals(Duration.ofMillis(12), p.total());
    String text = p.format();
    assertTrue(text.contains("seed 42"), text);
    assertTrue(text.contains("input   events.csv"), text);
    assertTrue(text.contains("features") && text.contains("segment"), text);
  }

  @Test
  void writeThenReadKeepsEveryFieldAndTheSettingsAsText() throws IOException {
    Provenance p = run();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    p.write(new DataOutputStream(bytes));
    Provenance back =
        Provenance.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(p.started(), back.started());
    assertEquals(p.inputs(), back.inputs());
    assertEquals(p.seed(), back.seed());
    assertEquals(p.jvm(), back.jvm());
    assertEquals(p.kernels(), back.kernels());
    assertEquals(p.format(), back.format());
    assertEquals(new Settings(3).toString(), back.stage("features").config());
    assertEquals(Duration.ofMillis(7), back.stage("segment").elapsed());
  }

  @Test
  void theListsAreCopied() {
    java.util.ArrayList<String> inputs = new java.util.ArrayList<>(List.of("a"));
    Provenance p = new Provenance(Instant.EPOCH, inputs, List.of(), 0, "jvm", "none");
    inputs.add("b");
    assertEquals(List.of("a"), p.inputs());
  }
}
