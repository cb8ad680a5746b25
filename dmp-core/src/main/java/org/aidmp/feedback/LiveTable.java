package org.aidmp.feedback;

import java.util.Arrays;

/**
 * The live state of every user in flat arrays indexed by the user's slot in the profile store (a
 * dense int id): feature rows back to back, and four longs of metadata per user (segment, squared
 * distance, assignment version, recommendation count asked). Arrays come in pages of {@value #PAGE}
 * users, made on first use and never moved, so a growing table never copies rows and a reader never
 * sees a half-copied page.
 *
 * <p>Every read and write of a slot happens with that user's lock (the profile store's) held; the
 * page array itself is published through a volatile field.
 */
final class LiveTable {
  static final int PAGE_SHIFT = 10;
  static final int PAGE = 1 << PAGE_SHIFT;
  static final int MASK = PAGE - 1;

  /** Metadata longs per user. */
  static final int META = 4;

  /**
   * The segment slot of a user without live state. Present users hold segment + 2 there (segment is
   * −1 for none), so a fresh page needs no filling: zero is absent.
   */
  static final long ABSENT = 0;

  private final int d;
  private volatile Page[] pages = new Page[0];

  LiveTable(int d) {
    this.d = d;
  }

  /** One page of users; a user's row starts at {@code (slot & MASK) * d}. */
  static final class Page {
    final float[] rows;
    final long[] meta;
    final Recommendations[] recs = new Recommendations[PAGE];

    Page(int d) {
      rows = new float[PAGE * d];
      meta = new long[PAGE * META];
    }
  }

  /** The page holding {@code slot}, made if needed. */
  Page page(int slot) {
    Page[] p = pages;
    int i = slot >>> PAGE_SHIFT;
    if (i < p.length && p[i] != null) {
      return p[i];
    }
    return grow(i);
  }

  /** The page holding {@code slot}, or null if no user there ever had live state. */
  Page existing(int slot) {
    Page[] p = pages;
    int i = slot >>> PAGE_SHIFT;
    return i < p.length ? p[i] : null;
  }

  private synchronized Page grow(int i) {
    Page[] p = pages;
    if (i >= p.length) {
      p = Arrays.copyOf(p, Math.max(i + 1, p.length * 2));
    }
    if (p[i] == null) {
      p[i] = new Page(d);
    }
    pages = p;
    return p[i];
  }

  /** Whether the slot holds live state. */
  boolean present(int slot) {
    Page p = existing(slot);
    return p != null && p.meta[(slot & MASK) * META] != ABSENT;
  }

  /** The slot's segment; meaningful only when present. */
  static int segment(Page p, int slot) {
    return (int) p.meta[(slot & MASK) * META] - 2;
  }

  static double squaredDistance(Page p, int slot) {
    return Double.longBitsToDouble(p.meta[(slot & MASK) * META + 1]);
  }

  static long modelVersion(Page p, int slot) {
    return p.meta[(slot & MASK) * META + 2];
  }

  static int recsAsked(Page p, int slot) {
    return (int) p.meta[(slot & MASK) * META + 3];
  }

  /** Sets the slot's assignment (and so makes it present). */
  static void assign(Page p, int slot, int segment, double squaredDistance, long version) {
    int m = (slot & MASK) * META;
    p.meta[m] = segment + 2L;
    p.meta[m + 1] = Double.doubleToRawLongBits(squaredDistance);
    p.meta[m + 2] = version;
  }

  static void cacheRecs(Page p, int slot, Recommendations r, int asked) {
    p.recs[slot & MASK] = r;
    p.meta[(slot & MASK) * META + 3] = asked;
  }

  /** The offset of the slot's row in {@link Page#rows}. */
  int rowOffset(int slot) {
    return (slot & MASK) * d;
  }

  /**
   * Clears everything kept for the slot (row zeroed, so no trace stays in memory).
   *
   * @return entries removed: 1 for the live row and assignment, 1 for cached recommendations
   */
  int clear(int slot) {
    Page p = existing(slot);
    if (p == null) {
      return 0;
    }
    int m = (slot & MASK) * META;
    int removed = 0;
    if (p.meta[m] != ABSENT) {
      removed++;
    }
    if (p.recs[slot & MASK] != null) {
      removed++;
    }
    p.meta[m] = ABSENT;
    p.meta[m + 1] = 0;
    p.meta[m + 2] = 0;
    p.meta[m + 3] = 0;
    p.recs[slot & MASK] = null;
    Arrays.fill(p.rows, rowOffset(slot), rowOffset(slot) + d, 0f);
    return removed;
  }
}
