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

  /**
   * A quarantine that can drop the rows it holds about a user: a part of the user state whose
   * {@link #forget} drops every row with a field equal to the id. The in-memory quarantine is one,
   * and so is dmp-io's CSV file quarantine (once its file is written).
   *
   * <pre>{@code
   * long dropped = quarantine.forgetRows(field -> field.equals("u42") || field.equals(alias));
   * }</pre>
   */
  interface Erasable extends Quarantine, org.aidmp.state.UserStatePart {
    /**
     * Drops every held row in which any raw field, with surrounding blanks stripped, satisfies
     * {@code mentions}: rows are quarantined as read, before any cleaning or pseudonymisation, so a
     * caller forgetting a pseudonymised user matches the raw id as well as the pseudonym.
     *
     * @return the number of rows dropped
     */
    long forgetRows(java.util.function.Predicate<String> mentions);

    /** Drops every held row with a field equal to {@code userId}; see {@link #forgetRows}. */
    @Override
    default long forget(String userId) {
      java.util.Objects.requireNonNull(userId, "userId");
      return forgetRows(userId::equals);
    }
  }

  /**
   * A quarantine that keeps every rejected row in a list. It is a part of the user state: {@link
   * #forget} drops every quarantined row in which any field equals the user's id.
   */
  final class InMemory implements Erasable {
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

    private static boolean mentions(
        List<String> fields, java.util.function.Predicate<String> matches) {
      for (String v : fields) {
        if (v != null && matches.test(v.strip())) {
          return true;
        }
      }
      return false;
    }

    /** Part name {@code "quarantine"}. */
    @Override
    public String partName() {
      return "quarantine";
    }

    /**
     * Drops every quarantined row that has a field equal to the user's id.
     *
     * @return the number of rows dropped
     */
    @Override
    public long forget(String userId) {
      java.util.Objects.requireNonNull(userId, "userId");
      return forgetRows(userId::equals);
    }

    @Override
    public long forgetRows(java.util.function.Predicate<String> mentions) {
      java.util.Objects.requireNonNull(mentions, "mentions");
      synchronized (records) {
        int before = records.size();
        records.removeIf(q -> mentions(q.fields(), mentions));
        return before - records.size();
      }
    }

    /** The number of rows held (the list only grows or shrinks by {@link #forget}). */
    @Override
    public long modelVersion() {
      return records.size();
    }

    /**
     * Writes each row's origin, reason and values as text. There is no reader: a quarantine is kept
     * as evidence for people, and is reloaded from its source if needed.
     */
    @Override
    public void writeTo(java.io.DataOutput out) throws java.io.IOException {
      List<QuarantinedRecord> copy = records();
      org.aidmp.internal.codec.Codec.writeHeader(out, org.aidmp.internal.codec.Magic.QUARANTINE, 1);
      out.writeInt(copy.size());
      for (QuarantinedRecord q : copy) {
        out.writeUTF(q.source());
        out.writeLong(q.line());
        out.writeUTF(q.reason());
        out.writeInt(q.fields().size());
        for (String v : q.fields()) {
          out.writeUTF(v);
        }
      }
    }
  }
}
