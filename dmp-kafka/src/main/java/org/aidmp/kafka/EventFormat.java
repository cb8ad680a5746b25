package org.aidmp.kafka;

/** How an event topic's values are written. */
public enum EventFormat {
  /** One flat JSON object per record: {@code {"user_id":"u1","timestamp":...,"event_type":...}}. */
  JSON,
  /** One CSV line per record, its fields in {@link EventDecoder#columns()} order, no header. */
  CSV
}
