package org.aidmp.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where rejected rows go under {@link BadRecordPolicy#QUARANTINE}. The in-memory quarantine of
 * {@link #inMemory()} keeps every row; dmp-io has one that streams them to a CSV file.
 */
@FunctionalInterface
public interface Quarantine {
  /** Keeps one rejected row. Called from the thread that read it. */
  void accept(QuarantinedRecord record);

  /** A thread-safe quarantine that keeps every rejected row in memory. */
  static InMemory inMemory() {
    return new InMemory();
  }

  /** A quarantine that keeps every rejected row in a list. */
  final class InMemory implements Quarantine {
    private final List<QuarantinedRecord> records = Collections.synchronizedList(new ArrayList<>());

    private InMemory() {}

    @Override
    public void accept(QuarantinedRecord record) {
      records.add(record);
    }

    /** A snapshot of the rows quarantined so far, in arrival order. */
    public List<QuarantinedRecord> records() {
      synchronized (records) {
        return List.copyOf(records);
      }
    }

    /** How many rows were quarantined. */
    public int size() {
      return records.size();
    }
  }
}
