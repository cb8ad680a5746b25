package org.aidmp.io.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.aidmp.profile.ProfileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process with SIGKILL while it makes a snapshot folder forget a user, and checks after
 * each kill that the folder loads, that no generation written by the erasure holds the user, and
 * that one more call (the documented recovery) leaves a single generation and no byte of the user.
 */
class SnapshotWriterForgetKillTest {
  private static final int KILLS = Integer.getInteger("dmp.killTest.forgetKills", 12);
  private static final byte[] NEEDLE =
      SnapshotForgetKillChild.TARGET.getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void aKillDuringForgetLeavesALoadableFolderAndOneMoreCallFinishesTheErasure() throws Exception {
    Path folder = dir.resolve("snap");
    ProfileStore store = SnapshotForgetKillChild.store();
    for (int g = 0; g < 2; g++) {
      try (SnapshotWriter w = SnapshotWriter.update(folder)) {
        w.writeProfiles(store);
        w.commit();
      }
    }
    // Calibration: how long one erasure takes here, to spread the kills over a few of them.
    Path scratch = dir.resolve("calibration");
    try (SnapshotWriter w = SnapshotWriter.update(scratch)) {
      w.writeProfiles(store);
      w.commit();
    }
    long t0 = System.nanoTime();
    SnapshotWriter.forget(scratch, List.of(store));
    long one = System.nanoTime() - t0;

    SplittableRandom random = new SplittableRandom(20261130L);
    int stale = 0;
    int cleanOnly = 0;
    Path log = dir.resolve("calls.log");
    for (int i = 0; i < KILLS; i++) {
      Process child = start(folder, log);
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
      String first = out.readLine();
      if (!"R".equals(first)) {
        child.destroyForcibly();
        fail(
            "child did not start: "
                + first
                + " "
                + new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      }
      LockSupport.parkNanos(random.nextLong(4 * one + 1));
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "killed child did not end");

      SnapshotReader r = SnapshotReader.open(folder);
      ProfileStore back = r.readProfiles();
      assertEquals(
          r.generation() <= 2 ? 3_000 : 2_999, back.size(), "generation " + r.generation());
      for (long g : Generations.present(folder)) {
        if (g > 2) {
          assertFalse(
              holds(Generations.folderOf(folder, g)),
              "erasure generation " + g + " holds the user");
        }
      }
      if (holds(folder)) {
        stale++;
      } else {
        cleanOnly++;
      }
    }
    System.out.printf(
        "forget kill test: %d kills over 0-%.1f ms; %d left an older generation with the user"
            + " on disk, %d left none%n",
        KILLS, 4 * one / 1e6, stale, cleanOnly);

    SnapshotWriter.Erasure e = SnapshotWriter.forget(folder, List.of(withoutTarget()));
    assertEquals(List.of(e.generation()), Generations.present(folder));
    assertFalse(holds(folder), "a byte of the user survived the recovery call");
    assertEquals(2_999, SnapshotReader.open(folder).readProfiles().size());
  }

  private static ProfileStore withoutTarget() {
    ProfileStore s = SnapshotForgetKillChild.store();
    s.forget(SnapshotForgetKillChild.TARGET);
    return s;
  }

  private static boolean holds(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        if (SnapshotWriterForgetTest.indexOf(Files.readAllBytes(p), NEEDLE) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static Process start(Path folder, Path log) throws IOException, URISyntaxException {
    String cp =
        Path.of(SnapshotWriter.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            + File.pathSeparator
            + Path.of(
                ProfileStore.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            + File.pathSeparator
            + Path.of(
                SnapshotForgetKillChild.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx64m",
            "-cp",
            cp,
            SnapshotForgetKillChild.class.getName(),
            folder.toString(),
            log.toString())
        .redirectError(ProcessBuilder.Redirect.PIPE)
        .start();
  }
}
