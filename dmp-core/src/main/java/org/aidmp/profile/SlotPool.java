package org.aidmp.profile;

import java.util.Arrays;

/** User slots: freed ones first, then never-used ones up to the cap. */
final class SlotPool {
  private final int max;
  private int next;
  private int[] free = new int[16];
  private int freeCount;

  SlotPool(int max) {
    this.max = max;
  }

  synchronized int take() {
    if (freeCount > 0) {
      return free[--freeCount];
    }
    return next < max ? next++ : -1;
  }

  synchronized void give(int slot) {
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, free.length * 2);
    }
    free[freeCount++] = slot;
  }
}
