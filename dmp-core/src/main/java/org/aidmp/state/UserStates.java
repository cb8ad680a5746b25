package org.aidmp.state;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * All the parts of a deployment that hold user data, so that one call forgets a user everywhere. A
 * pipeline result and a live updater built from it both list their parts here.
 *
 * <pre>{@code
 * UserStates all = UserStates.of(List.of(store, index, recommender));
 * ForgetReceipt receipt = all.forget("u42");
 * }</pre>
 */
public final class UserStates {
  private final List<UserStatePart> parts;

  private UserStates(List<UserStatePart> parts) {
    Set<String> names = new HashSet<>();
    for (UserStatePart p : parts) {
      Objects.requireNonNull(p, "part");
      if (!names.add(p.partName())) {
        throw new IllegalArgumentException(
            "two parts are named '" + p.partName() + "'; part names must be unique");
      }
    }
    this.parts = List.copyOf(parts);
  }

  /**
   * The given parts, in the order they will be asked to forget and to save.
   *
   * @throws IllegalArgumentException if two parts share a name
   */
  public static UserStates of(List<? extends UserStatePart> parts) {
    return new UserStates(new ArrayList<>(parts));
  }

  /** These parts followed by {@code more}; neither is changed. */
  public UserStates and(List<? extends UserStatePart> more) {
    List<UserStatePart> all = new ArrayList<>(parts);
    all.addAll(more);
    return new UserStates(all);
  }

  /** The parts, in order. */
  public List<UserStatePart> parts() {
    return parts;
  }

  /**
   * Forgets the user in every part, in order, and returns the receipt.
   *
   * @param userId the id as the parts store it (the pseudonym where ids are pseudonymised)
   */
  public ForgetReceipt forget(String userId) {
    Objects.requireNonNull(userId, "userId");
    Instant at = Instant.now();
    long t = System.nanoTime();
    List<ForgetReceipt.PartErasure> done = new ArrayList<>(parts.size());
    for (UserStatePart p : parts) {
      long removed = p.forget(userId);
      done.add(new ForgetReceipt.PartErasure(p.partName(), removed, p.modelVersion()));
    }
    return new ForgetReceipt(at, Duration.ofNanos(System.nanoTime() - t), done);
  }
}
