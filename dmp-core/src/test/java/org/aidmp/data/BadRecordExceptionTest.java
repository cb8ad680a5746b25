package org.aidmp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BadRecordExceptionTest {
  @Test
  void carriesColumnAndReason() {
    BadRecordException e = new BadRecordException("age", "not an integer");
    assertEquals("age", e.column());
    assertEquals("not an integer", e.reason());
    assertEquals("column age: not an integer", e.getMessage());
  }

  @Test
  void wholeRowRejectionHasNoColumn() {
    BadRecordException e = new BadRecordException(null, "empty row");
    assertNull(e.column());
    assertEquals("empty row", e.getMessage());
  }

  @Test
  void recordsNoStackTraceBecauseRejectionsAreExpected() {
    assertEquals(0, new BadRecordException("a", "b").getStackTrace().length);
  }

  @Test
  void aLocatedRowNamesSourceLineAndColumnAndKeepsItsStackTrace() {
    BadRecordException e = new BadRecordException("events.csv", 12, "age", "not an integer");
    assertEquals("events.csv", e.source());
    assertEquals(12, e.line());
    assertEquals("events.csv, line 12, column age: not an integer", e.getMessage());
    assertTrue(e.getStackTrace().length > 0);
  }

  @Test
  void aMissingReasonStillSaysRejected() {
    assertEquals("rejected", new BadRecordException("a", null).reason());
  }

  @Test
  void aSourceRejectionCarriesProblemPositionOffsetAndCause() {
    java.io.IOException cause = new java.io.IOException("decoder");
    BadRecordException e =
        new BadRecordException(
            BadRecordException.Problem.INVALID_ENCODING, "f.csv", 3, null, "bad byte", 17, cause);
    assertEquals("f.csv, line 3: bad byte", e.getMessage());
    assertEquals(BadRecordException.Problem.INVALID_ENCODING, e.problem());
    assertEquals(17, e.byteOffset());
    assertEquals(3, e.line());
    assertEquals("f.csv", e.source());
    assertEquals(cause, e.getCause());
  }

  @Test
  void aProblemWithAColumnNamesItAndWithoutCauseHasNone() {
    BadRecordException e =
        new BadRecordException(
            BadRecordException.Problem.WRONG_TYPE, "e.jsonl", 3, "url", "not a string", -1, null);
    assertEquals("e.jsonl, line 3, column url: not a string", e.getMessage());
    assertEquals(BadRecordException.Problem.WRONG_TYPE, e.problem());
    assertEquals(-1, e.byteOffset());
    assertNull(e.getCause());
  }

  @Test
  void rejectionsWithoutAProblemAreRejectedWithoutOffset() {
    assertEquals(BadRecordException.Problem.REJECTED, new BadRecordException("a", "b").problem());
    BadRecordException located = new BadRecordException("s", 2, "c", "r");
    assertEquals(BadRecordException.Problem.REJECTED, located.problem());
    assertEquals(-1, located.byteOffset());
  }
}
