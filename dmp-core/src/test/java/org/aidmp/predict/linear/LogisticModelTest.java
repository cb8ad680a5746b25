package org.aidmp.predict.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.aidmp.predict.Synthetic;
import org.junit.jupiter.api.Test;

class LogisticModelTest {
  @Test
  void savesAndLoadsToTheSameScores() throws IOException {
    Synthetic.Data d = Synthetic.classification(2000, 31);
    LogisticModel m =
        LogisticRegression.builder().setCategoricalColumns(2).get().fit(d.rows(), d.labels());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    m.write(new DataOutputStream(bytes));
    LogisticModel back =
        LogisticModel.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertArrayEquals(m.score(d.rows()), back.score(d.rows()));
    // The trainer's settings come back as their text; everything else as written.
    assertEquals(m.provenance().format(), back.provenance().format());
    assertEquals(
        m.provenance().stage("logistic").config().toString(),
        back.provenance().stage("logistic").config());
    byte[] b = bytes.toByteArray();
    b[b.length - 20] ^= 1;
    assertThrows(
        IOException.class,
        () -> LogisticModel.read(new DataInputStream(new ByteArrayInputStream(b))));
  }

  @Test
  void importanceRanksTheStrongColumnsFirst() {
    Synthetic.Data d = Synthetic.classification(4000, 32);
    double[] imp =
        LogisticRegression.builder()
            .setCategoricalColumns(2)
            .get()
            .fit(d.rows(), d.labels())
            .importance();
    assertTrue(imp[0] > imp[3] && imp[2] > imp[3]);
  }
}
