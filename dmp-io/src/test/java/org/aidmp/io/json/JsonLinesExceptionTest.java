package org.aidmp.io.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonLinesExceptionTest {
  @Test
  void carriesProblemPositionAndOffset() {
    JsonLinesException e =
        new JsonLinesException(
            JsonLinesException.Problem.INVALID_ENCODING, "e.jsonl", 3, "url", "invalid UTF-8", 17);
    assertEquals("e.jsonl, line 3, column url: invalid UTF-8", e.getMessage());
    assertEquals(JsonLinesException.Problem.INVALID_ENCODING, e.problem());
    assertEquals(17, e.byteOffset());
    assertEquals(3, e.line());
  }
}
