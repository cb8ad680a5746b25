package org.aidmp.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RejectedRecordExceptionTest {
  @Test
  void carriesColumnAndReason() {
    RejectedRecordException e = new RejectedRecordException("age", "not an integer");
    assertEquals("age", e.column());
    assertEquals("not an integer", e.reason());
    assertEquals("column age: not an integer", e.getMessage());
  }

  @Test
  void wholeRowRejectionHasNoColumn() {
    RejectedRecordException e = new RejectedRecordException(null, "empty row");
    assertNull(e.column());
    assertEquals("empty row", e.getMessage());
  }

  @Test
  void recordsNoStackTraceBecauseRejectionsAreExpected() {
    assertEquals(0, new RejectedRecordException("a", "b").getStackTrace().length);
  }

  @Test
  void aMissingReasonStillSaysRejected() {
    assertEquals("rejected", new RejectedRecordException("a", null).reason());
  }
}
