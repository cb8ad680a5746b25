package org.aidmp.profile;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Quarantine;
import org.aidmp.data.QuarantinedRecord;
import org.aidmp.data.ReadCounts;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.profile.live.Refusal;
import org.aidmp.progress.ProgressListener;

/**
 * Batch intake of a {@link ProfileStore}: event rows mapped and folded in, attribute rows joined to
 * users, each bad row handed to the caller's {@link BadRecordPolicy}, so that read = accepted +
 * skipped + quarantined for every source.
 */
final class ProfileIngest {
  private static final int PROGRESS_EVERY = 1 << 16;

  private ProfileIngest() {}

  static void acceptAll(ProfileStore store, Iterable<Event> events, ProgressListener progress) {
    Objects.requireNonNull(progress, "progress");
    long n = 0;
    for (Event e : events) {
      store.accept(e);
      if (++n % PROGRESS_EVERY == 0) {
        progress.onProgress("profile events", n, -1);
      }
    }
    progress.onProgress("profile events", n, n);
  }

  static ReadCounts ingest(
      ProfileStore store,
      Source source,
      EventMapping mapping,
      BadRecordPolicy policy,
      Quarantine quarantine,
      ProgressListener progress,
      Consumer<Event> alsoTo) {
    Objects.requireNonNull(alsoTo, "alsoTo");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(mapping, "mapping");
    checkPolicy(policy, quarantine);
    Objects.requireNonNull(progress, "progress");
    mapping.check(source.schema());
    String task = "profile " + source.description();
    long read = 0;
    long skipped = 0;
    long quarantined = 0;
    try (CloseableIterator<Record> it = source.iterator()) {
      while (it.hasNext()) {
        Record r = it.next();
        read++;
        Event e;
        try {
          e = mapping.map(r);
        } catch (BadRecordException ex) {
          if (policy == BadRecordPolicy.FAIL) {
            throw ex;
          } else if (policy == BadRecordPolicy.SKIP) {
            skipped++;
          } else {
            quarantine.accept(QuarantinedRecord.of(r, ex.column(), "event-mapping", ex.reason()));
            quarantined++;
          }
          e = null;
        }
        if (e != null) {
          Refusal refused = store.hooks.offer(e, null);
          if (refused == null) {
            alsoTo.accept(e);
          } else if (policy == BadRecordPolicy.FAIL) {
            throw new BadRecordException(
                r.origin().source(), r.origin().line(), refused.column(), refused.message());
          } else if (policy == BadRecordPolicy.SKIP) {
            skipped++;
          } else {
            quarantine.accept(
                QuarantinedRecord.of(r, refused.column(), "profile-cap", refused.message()));
            quarantined++;
          }
        }
        if (read % PROGRESS_EVERY == 0) {
          progress.onProgress(task, read, -1);
        }
      }
    }
    progress.onProgress(task, read, read);
    return new ReadCounts(read, read - skipped - quarantined, quarantined, skipped);
  }

  static ReadCounts joinAttributes(
      ProfileStore store,
      Source attributes,
      String userIdColumn,
      Predicate<String> keepColumn,
      BadRecordPolicy policy,
      Quarantine quarantine) {
    Objects.requireNonNull(keepColumn, "keepColumn");
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(userIdColumn, "userIdColumn");
    checkPolicy(policy, quarantine);
    Schema schema = attributes.schema();
    if (!schema.contains(userIdColumn)) {
      throw new IllegalArgumentException(
          "the user id column '"
              + userIdColumn
              + "' is not in the attributes schema "
              + schema.names()
              + "; name the column that holds user ids");
    }
    int idCol = schema.indexOf(userIdColumn);
    int[] attrIds = new int[schema.size()];
    for (int i = 0; i < schema.size(); i++) {
      String name = schema.column(i).name();
      attrIds[i] =
          i == idCol || !keeps(store, name, keepColumn) ? -1 : store.attributeNames.id(name);
    }
    Set<String> seen = new HashSet<>();
    long read = 0;
    long skipped = 0;
    long quarantined = 0;
    try (CloseableIterator<Record> it = attributes.iterator()) {
      while (it.hasNext()) {
        Record r = it.next();
        read++;
        String reason = null;
        String id = r.isMissing(idCol) ? null : r.getString(idCol);
        if (id == null) {
          reason = "user id is missing";
        } else if (!seen.add(id)) {
          reason = "user id appears on an earlier row too; keep one attribute row per user";
        }
        if (reason != null) {
          if (policy == BadRecordPolicy.FAIL) {
            throw new BadRecordException(
                r.origin().source(), r.origin().line(), userIdColumn, reason);
          } else if (policy == BadRecordPolicy.SKIP) {
            skipped++;
          } else {
            quarantine.accept(QuarantinedRecord.of(r, userIdColumn, "attribute-join", reason));
            quarantined++;
          }
          continue;
        }
        if (id.length() > store.maxUserIdLength) {
          reason = Refusal.USER_ID_TOO_LONG.message();
        }
        UserState s = reason == null ? store.hooks.stateFor(id) : null;
        if (s == null) {
          if (reason == null) {
            reason = Refusal.TOO_MANY_USERS.message();
          }
          if (policy == BadRecordPolicy.FAIL) {
            throw new BadRecordException(
                r.origin().source(), r.origin().line(), userIdColumn, reason);
          } else if (policy == BadRecordPolicy.SKIP) {
            skipped++;
          } else {
            quarantine.accept(QuarantinedRecord.of(r, userIdColumn, "attribute-join", reason));
            quarantined++;
          }
          continue;
        }
        // stateFor made the user or found them; an erasure since then drops this row with them.
        synchronized (s) {
          if (!s.erased) {
            for (int i = 0; i < attrIds.length; i++) {
              if (attrIds[i] >= 0) {
                s.setAttribute(attrIds[i], r.isMissing(i) ? null : r.get(i));
              }
            }
          }
        }
      }
    }
    return new ReadCounts(read, read - skipped - quarantined, quarantined, skipped);
  }

  private static boolean keeps(ProfileStore store, String column, Predicate<String> keepColumn) {
    return (store.allowedAttributes == null || store.allowedAttributes.contains(column))
        && keepColumn.test(column);
  }

  static void checkPolicy(BadRecordPolicy policy, Quarantine quarantine) {
    Objects.requireNonNull(policy, "policy");
    if (policy == BadRecordPolicy.QUARANTINE && quarantine == null) {
      throw new IllegalArgumentException(
          "policy QUARANTINE needs a quarantine; pass one such as Quarantine.inMemory()");
    }
  }
}
