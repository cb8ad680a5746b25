package org.aidmp.state;

import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A part of a deployment that holds data about individual users: the profile store, the feature
 * matrix, segment labels, the cosine index, interactions, recommenders, live state, quarantines.
 * Every such part can forget a user, write itself into a snapshot and say which model version it
 * answers with, so that one call can erase a user everywhere ({@link #forgetAll}) and one call can
 * save everything. A pipeline result lists its parts ({@code result.userStates()}); a live updater
 * built from it adds its own.
 *
 * <pre>{@code
 * List<UserStatePart> everything = new ArrayList<>(result.userStates());
 * everything.add(liveUpdater);
 * ForgetReceipt receipt = UserStatePart.forgetAll(everything, "u42");
 * receipt.parts().forEach(p -> System.out.println(p.part() + " removed " + p.removed()));
 * }</pre>
 *
 * <p>Implementations are thread-safe for {@link #forget} against their own readers. Each class that
 * implements this interface also offers a static {@code read(DataInput)} that restores what {@link
 * #writeTo} wrote.
 */
public interface UserStatePart {
  /**
   * A short, stable name for this part (for instance {@code "profiles"}); it names the part in
   * receipts and is the part's name inside a snapshot, so it is unique within one deployment.
   */
  String partName();

  /**
   * Removes every trace of the user from this part: rows, labels, neighbours, cached answers and
   * anything from which the user's data could be read back.
   *
   * @param userId the user's id as this part stores it (a pseudonym where ids are pseudonymised)
   * @return how many entries (rows, events, cached lists…) were removed; 0 if the part did not know
   *     the user
   */
  long forget(String userId);

  /**
   * Writes this part's state; the class's static {@code read(DataInput)} restores it.
   *
   * @param out the stream to write to; not closed
   */
  void writeTo(DataOutput out) throws IOException;

  /**
   * The version of the state this part answers with: it grows whenever the part's model changes (a
   * refit, a published drift, a forgotten user), so answers stamped with it can be traced.
   */
  long modelVersion();

  /**
   * Forgets the user in every part, in the order given, and returns the receipt naming each part
   * and what it removed.
   *
   * @param parts every part of a deployment that holds user data; their names must be unique, as
   *     they name the parts in the receipt and in a snapshot
   * @param userId the id as the parts store it (the pseudonym where ids are pseudonymised)
   * @throws IllegalArgumentException if two parts share a name; checked before any part forgets
   */
  static ForgetReceipt forgetAll(List<? extends UserStatePart> parts, String userId) {
    Objects.requireNonNull(parts, "parts");
    Objects.requireNonNull(userId, "userId");
    Set<String> names = new HashSet<>();
    for (UserStatePart p : parts) {
      Objects.requireNonNull(p, "part");
      if (!names.add(p.partName())) {
        throw new IllegalArgumentException(
            "two parts are named '" + p.partName() + "'; part names must be unique");
      }
    }
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
