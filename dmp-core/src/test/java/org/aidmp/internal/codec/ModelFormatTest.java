package org.aidmp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.aidmp.stage.Provenance;
import org.aidmp.stage.StageRecord;
import org.junit.jupiter.api.Test;

class ModelFormatTest {
  private static byte[] framed(int version, ModelFormat.PayloadWriter payload) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelFormat.write(new DataOutputStream(bytes), "test", version, payload);
    return bytes.toByteArray();
  }

  private static DataInputStream in(byte[] b) {
    return new DataInputStream(new ByteArrayInputStream(b));
  }

  @Test
  void aModelOpensWithItsOwnMagicNumber() throws IOException {
    byte[] b = framed(1, o -> o.writeInt(7));
    assertEquals(Magic.PREDICTIVE_MODEL.value(), in(b).readInt());
    DataInputStream p = ModelFormat.read(in(b), "test", 1);
    assertEquals(1, p.readInt());
    assertEquals(7, p.readInt());
  }

  @Test
  void aModelFromTheFirstReleasesIsStillRead() throws IOException {
    byte[] b = framed(1, o -> o.writeInt(7));
    // The first releases opened models with "DMPM".
    b[3] = 0x4d;
    DataInputStream p = ModelFormat.read(in(b), "test", 1);
    assertEquals(1, p.readInt());
    assertEquals(7, p.readInt());
  }

  @Test
  void wrongKindNewerVersionAndBadChecksumAreRefused() throws IOException {
    byte[] b = framed(2, o -> o.writeInt(7));
    IOException kind = assertThrows(IOException.class, () -> ModelFormat.read(in(b), "other", 2));
    assertTrue(kind.getMessage().contains("'test'"), kind.getMessage());
    assertThrows(IOException.class, () -> ModelFormat.read(in(b), "test", 1));
    b[b.length - 9] ^= 1;
    assertThrows(IOException.class, () -> ModelFormat.read(in(b), "test", 2));
  }

  @Test
  void aVersionOneProvenanceBecomesOneFitStage() throws IOException {
    Instant finished = Instant.parse("2026-03-04T05:06:07Z");
    byte[] b =
        framed(
            1,
            o -> {
              o.writeUTF("gbt");
              o.writeUTF("GradientBoosting[rounds=10]");
              o.writeLong(9);
              o.writeInt(1200);
              o.writeInt(6);
              o.writeLong(250);
              o.writeLong(finished.getEpochSecond());
              o.writeInt(finished.getNano());
            });
    DataInputStream p = ModelFormat.read(in(b), "test", 2);
    Provenance prov = ModelFormat.readProvenance(p, p.readInt());
    StageRecord fit = prov.stage("gbt");
    assertEquals("GradientBoosting[rounds=10]", fit.config());
    assertEquals(1200, fit.rowsIn());
    assertEquals(Duration.ofMillis(250), fit.elapsed());
    assertEquals(9, prov.seed());
    assertEquals(finished.minusMillis(250), prov.started());
  }

  @Test
  void aVersionTwoProvenanceIsReadAsWritten() throws IOException {
    Provenance written =
        Provenance.ofFit("logistic", "settings", 3, 40, Instant.EPOCH, Duration.ofSeconds(1));
    byte[] b = framed(2, written::write);
    DataInputStream p = ModelFormat.read(in(b), "test", 2);
    Provenance back = ModelFormat.readProvenance(p, p.readInt());
    assertEquals(written, back);
  }
}
