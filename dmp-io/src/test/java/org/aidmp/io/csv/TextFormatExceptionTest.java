package org.aidmp.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import org.aidmp.data.BadRecordException;
import org.junit.jupiter.api.Test;

class TextFormatExceptionTest {
  @Test
  void isABadRecordExceptionWithProblemAndOffset() {
    IOException cause = new IOException("decoder");
    TextFormatException e =
        new TextFormatException(
            TextFormatException.Problem.INVALID_ENCODING, "f.csv", 3, null, "bad byte", 17, cause);
    assertInstanceOf(BadRecordException.class, e);
    assertEquals("f.csv, line 3: bad byte", e.getMessage());
    assertEquals(TextFormatException.Problem.INVALID_ENCODING, e.problem());
    assertEquals(17, e.byteOffset());
    assertEquals(3, e.line());
    assertEquals("f.csv", e.source());
    assertEquals(cause, e.getCause());
  }

  @Test
  void carriesProblemPositionAndOffsetWithoutACause() {
    TextFormatException e =
        new TextFormatException(
            TextFormatException.Problem.INVALID_ENCODING, "e.jsonl", 3, "url", "invalid UTF-8", 17);
    assertEquals("e.jsonl, line 3, column url: invalid UTF-8", e.getMessage());
    assertEquals(TextFormatException.Problem.INVALID_ENCODING, e.problem());
    assertEquals(17, e.byteOffset());
    assertEquals(3, e.line());
    assertEquals("url", e.column());
    assertNull(e.getCause());
  }
}
