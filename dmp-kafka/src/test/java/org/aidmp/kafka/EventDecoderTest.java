package org.aidmp.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.aidmp.profile.Event;
import org.junit.jupiter.api.Test;

class EventDecoderTest {
  static final EventDecoder JSON = EventDecoder.DEFAULT;
  static final EventDecoder CSV = EventDecoder.builder().setFormat(EventFormat.CSV).get();

  static EventDecoder.Decoded json(String s) {
    return JSON.decode(s.getBytes(StandardCharsets.UTF_8));
  }

  static EventDecoder.Decoded csv(String s) {
    return CSV.decode(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decodesAFullJsonEvent() {
    EventDecoder.Decoded d =
        json(
            "{\"user_id\":\"u1\", \"timestamp\":1767225600000, \"event_type\":\"purchase\","
                + " \"item_id\":\"i\\\"9\", \"category\":\"books\", \"amount\":12.5, \"x\":true}");
    assertNull(d.reason());
    assertEquals(new Event("u1", 1_767_225_600_000L, "purchase", "i\"9", "books", 12.5), d.event());
  }

  @Test
  void jsonTimestampsMayBeIsoInstantsAndValuesMayBeAbsent() {
    Event e =
        json("{\"user_id\":\"u1\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"event_type\":\"view\"}")
            .event();
    assertEquals(1_767_225_600_000L, e.timestamp());
    assertTrue(Double.isNaN(e.value()));
    assertNull(e.itemId());
  }

  @Test
  void badJsonValuesNameTheirReason() {
    assertEquals(BadValueReason.EMPTY_VALUE, JSON.decode(new byte[0]).reason());
    assertEquals(BadValueReason.EMPTY_VALUE, JSON.decode(null).reason());
    assertEquals(BadValueReason.NOT_UTF8, JSON.decode(new byte[] {'{', (byte) 0xC3}).reason());
    assertEquals(BadValueReason.MALFORMED_JSON, json("{\"user_id\":\"u1\"").reason());
    assertEquals(BadValueReason.MALFORMED_JSON, json("{\"user_id\":{\"a\":1}}").reason());
    assertEquals(BadValueReason.MALFORMED_JSON, json("[1,2]").reason());
    assertEquals(BadValueReason.MALFORMED_JSON, json("{} trailing").reason());
    assertEquals(
        BadValueReason.MISSING_FIELD, json("{\"user_id\":\"u1\",\"timestamp\":1}").reason());
    assertEquals(
        BadValueReason.MISSING_FIELD,
        json("{\"user_id\":null,\"timestamp\":1,\"event_type\":\"view\"}").reason());
    assertEquals(
        BadValueReason.BAD_TIMESTAMP,
        json("{\"user_id\":\"u\",\"timestamp\":\"noon\",\"event_type\":\"view\"}").reason());
    assertEquals(
        BadValueReason.BAD_NUMBER,
        json("{\"user_id\":\"u\",\"timestamp\":1,\"event_type\":\"v\",\"amount\":\"x\"}").reason());
  }

  @Test
  void decodesCsvLinesWithQuotes() {
    Event e = csv("u1,1767225600000,purchase,\"i,9\",\"say \"\"hi\"\"\",3.5\n").event();
    assertEquals(new Event("u1", 1_767_225_600_000L, "purchase", "i,9", "say \"hi\"", 3.5), e);
    Event noValue = csv("u1,1,view,,,").event();
    assertNull(noValue.itemId());
    assertTrue(Double.isNaN(noValue.value()));
  }

  @Test
  void badCsvLinesNameTheirReason() {
    assertEquals(BadValueReason.MALFORMED_CSV, csv("u1,1,\"view,,,").reason());
    assertEquals(BadValueReason.MALFORMED_CSV, csv("u1,1,vi\"ew,,,").reason());
    assertEquals(BadValueReason.WRONG_FIELD_COUNT, csv("u1,1,view").reason());
    assertEquals(BadValueReason.MISSING_FIELD, csv(",1,view,,,").reason());
  }

  @Test
  void csvColumnsMayBeReorderedAndRenamed() {
    EventDecoder d =
        EventDecoder.builder()
            .setFormat(EventFormat.CSV)
            .setFields("who", "when", "what", "item", "cat", "value")
            .setColumns(List.of("what", "who", "when"))
            .get();
    Event e = d.decode("view,u7,42".getBytes(StandardCharsets.UTF_8)).event();
    assertEquals(new Event("u7", 42, "view"), e);
  }

  @Test
  void csvColumnsMustNameUserTimeAndType() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EventDecoder.builder()
                    .setFormat(EventFormat.CSV)
                    .setColumns(List.of("user_id", "timestamp"))
                    .get());
    assertTrue(e.getMessage().contains("setColumns"), e.getMessage());
  }

  /** Random bytes and mangled events never throw: each decodes to an event or a reason. */
  @Test
  void arbitraryBytesNeverThrow() {
    SplittableRandom r = new SplittableRandom(3);
    String good = "{\"user_id\":\"u1\",\"timestamp\":1,\"event_type\":\"view\",\"amount\":1.5}";
    for (int i = 0; i < 20_000; i++) {
      byte[] b;
      if (i % 2 == 0) {
        b = new byte[r.nextInt(40)];
        for (int j = 0; j < b.length; j++) {
          b[j] = (byte) r.nextInt(256);
        }
      } else {
        StringBuilder s = new StringBuilder(good);
        s.setCharAt(r.nextInt(s.length()), (char) (32 + r.nextInt(95)));
        b = s.toString().getBytes(StandardCharsets.UTF_8);
      }
      for (EventDecoder d : List.of(JSON, CSV)) {
        EventDecoder.Decoded x = d.decode(b);
        assertTrue((x.event() == null) != (x.reason() == null), "exactly one of event and reason");
      }
    }
  }
}
