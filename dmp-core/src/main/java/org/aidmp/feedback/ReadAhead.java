package org.aidmp.feedback;

import org.aidmp.profile.Event;
import org.aidmp.profile.live.LiveStore;

/**
 * {@link FeedbackUpdater#acceptAll}'s way through a batch: events go in groups of {@value #GROUP},
 * and each group's users are looked up and their aggregates and live rows read first, all together
 * (see {@link LiveStore#warm}); then the events are taken one by one as a single {@code accept}
 * takes them. With many users each event's state is a chain of cache misses; read ahead, the misses
 * of a group's users overlap instead of following one another. Nothing is changed by the
 * read-ahead, so results, order and the strict mode's first-bad-event stop are as for single
 * events.
 */
final class ReadAhead {
  /** Events whose state is read ahead together. */
  static final int GROUP = 8;

  private final LiveStore hooks;
  private final LiveTable live;
  private final int d;

  ReadAhead(LiveStore hooks, LiveTable live, int d) {
    this.hooks = hooks;
    this.live = live;
    this.d = d;
  }

  /** Accepts {@code events} in order through {@code intake}; returns how many were accepted. */
  long acceptAll(Intake intake, Iterable<Event> events) {
    return eachGroup(events, (group, g, slots) -> acceptGroup(intake, group, g, slots));
  }

  private long acceptGroup(Intake intake, Event[] group, int g, int[] slots) {
    intake.keep(warm(group, g, slots));
    long n = 0;
    for (int i = 0; i < g; i++) {
      Event e = group[i];
      group[i] = null;
      if (intake.accept(e)) {
        n++;
      }
    }
    return n;
  }

  /** Reads ahead the state of every event's user, a group at a time; changes nothing. */
  long warmAll(Iterable<Event> events) {
    return eachGroup(events, this::warm);
  }

  /** Work on one group: {@code group[0, g)} with room for their slots; returns a count. */
  private interface GroupWork {
    long run(Event[] group, int g, int[] slots);
  }

  /**
   * Cuts {@code events} into consecutive groups of {@value #GROUP}, runs {@code work} on each and
   * on the rest (possibly empty), and sums what it returns.
   */
  private static long eachGroup(Iterable<Event> events, GroupWork work) {
    Event[] group = new Event[GROUP];
    int[] slots = new int[GROUP];
    int g = 0;
    long n = 0;
    for (Event e : events) {
      group[g++] = e;
      if (g == GROUP) {
        n += work.run(group, g, slots);
        g = 0;
      }
    }
    return n + work.run(group, g, slots);
  }

  /** Reads the group's store state, then a word of each cache line of their live rows. */
  long warm(Event[] group, int g, int[] slots) {
    long seen = hooks.warm(group, g, slots);
    for (int i = 0; i < g; i++) {
      int slot = slots[i];
      LiveTable.Page p = slot < 0 ? null : live.existing(slot);
      if (p != null) {
        seen += p.meta[(slot & LiveTable.MASK) * LiveTable.META];
        int off = live.rowOffset(slot);
        for (int j = 0; j < d; j += 16) {
          seen += Float.floatToRawIntBits(p.rows[off + j]);
        }
      }
    }
    return seen;
  }
}
