package org.aidmp.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void quotesSoThatTheDecoderReadsTheSameString() {
    String tricky = "a\"b\\c\nd\te\u0001f";
    assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001f\"", Json.quote(tricky));
    String obj = "{\"user_id\":" + Json.quote(tricky) + ",\"timestamp\":1,\"event_type\":\"v\"}";
    assertEquals(
        tricky, EventDecoder.DEFAULT.decode(obj.getBytes(StandardCharsets.UTF_8)).event().userId());
    assertEquals("null", Json.quote(null));
  }
}
