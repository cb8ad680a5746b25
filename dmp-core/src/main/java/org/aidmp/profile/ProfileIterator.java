package org.aidmp.profile;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Snapshots of the users of a {@link ProfileStore} present when the iteration started, in the given
 * id order; users erased meanwhile are left out, and each profile is snapshotted when reached.
 */
final class ProfileIterator implements Iterator<UserProfile> {
  private final ProfileStore store;
  private final List<String> ids;
  private int next;
  private UserProfile pending;

  ProfileIterator(ProfileStore store, List<String> ids) {
    this.store = store;
    this.ids = ids;
    this.pending = advance();
  }

  private UserProfile advance() {
    while (next < ids.size()) {
      Optional<UserProfile> p = store.get(ids.get(next++));
      if (p.isPresent()) {
        return p.get();
      }
    }
    return null;
  }

  @Override
  public boolean hasNext() {
    return pending != null;
  }

  @Override
  public UserProfile next() {
    if (pending == null) {
      throw new NoSuchElementException();
    }
    UserProfile p = pending;
    pending = advance();
    return p;
  }
}
