package org.aidmp.io.snapshot;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.aidmp.profile.Event;
import org.aidmp.profile.ProfileStore;
import org.aidmp.state.UserStatePart;

/**
 * The process that {@link SnapshotWriterForgetKillTest} kills: builds the store the test saved,
 * forgets the target user in it, then makes the snapshot folder forget them over and over,
 * appending {@code F <generation>} to a file after each call returns.
 */
public final class SnapshotForgetKillChild {
  static final String TARGET = "kill-target-5be1";

  private SnapshotForgetKillChild() {}

  /** The store every generation is written from: 3,000 users, the target among them. */
  static ProfileStore store() {
    ProfileStore s = ProfileStore.create();
    for (int u = 0; u < 3_000; u++) {
      String id = u == 1_234 ? TARGET : "user-" + u;
      for (int i = 0; i < 3; i++) {
        s.accept(new Event(id, 1_700_000_000_000L + 1_000L * u + i, i == 2 ? "buy" : "view"));
      }
    }
    return s;
  }

  /** {@code args[0]}: the snapshot folder; {@code args[1]}: the file calls are appended to. */
  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args[0]);
    ProfileStore store = store();
    store.forget(TARGET);
    List<UserStatePart> parts = List.of(store);
    PrintStream out = new PrintStream(new FileOutputStream(args[1], true), true, "US-ASCII");
    System.out.println("R");
    System.out.flush();
    while (true) {
      SnapshotWriter.Erasure e = SnapshotWriter.forget(folder, parts);
      out.println("F " + e.generation());
      out.flush();
    }
  }
}
