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
}
