package org.aidmp.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.aidmp.data.BadRecordException;
import org.junit.jupiter.api.Test;

class CsvFormatExceptionTest {
  @Test
  void isABadRecordExceptionWithProblemAndOffset() {
    CsvFormatException e =
        new CsvFormatException(
            CsvFormatException.Problem.INVALID_ENCODING, "f.csv", 3, null, "bad byte", 17, null);
    assertInstanceOf(BadRecordException.class, e);
    assertEquals("f.csv, line 3: bad byte", e.getMessage());
    assertEquals(CsvFormatException.Problem.INVALID_ENCODING, e.problem());
    assertEquals(17, e.byteOffset());
    assertEquals(3, e.line());
    assertEquals("f.csv", e.source());
  }
}
