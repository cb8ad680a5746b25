package org.aidmp.io.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a saving JVM with SIGKILL ({@link Process#destroyForcibly()} on Linux) at random moments
 * spread over its saves, and checks after each kill that the folder loads the last committed
 * generation byte for byte, and that opening it leaves no temporary file or uncommitted generation.
 */
class SnapshotWriterKillTest {
  private static final int KILLS = Integer.getInteger("dmp.killTest.kills", 200);
  private static final int LANES = 2;

  @TempDir Path dir;

  @Test
  void everyKillLeavesTheLastCommittedGenerationLoadable() throws Exception {
    // Two lanes, each a child process saving into its own folder, so that one lane's fsync waits
    // overlap the other's JVM start; each lane takes half the kills.
    ExecutorService lanes = Executors.newFixedThreadPool(LANES);
    try {
      List<Future<int[]>> results = new ArrayList<>();
      for (int lane = 0; lane < LANES; lane++) {
        int l = lane;
        int kills = KILLS / LANES + (lane < KILLS % LANES ? 1 : 0);
        results.add(lanes.submit(() -> lane(dir.resolve("lane" + l), kills, 20261130L + l)));
      }
      int[] total = new int[6];
      for (Future<int[]> f : results) {
        int[] r;
        try {
          r = f.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Error err) {
            throw err;
          }
          throw e;
        }
        for (int i = 0; i < 5; i++) {
          total[i] += r[i];
        }
        total[5] = Math.max(total[5], r[5]);
      }
      System.out.printf(
          "kill test: %d kills (SIGKILL), %d loads verified byte-identical; a kill left a"
              + " temporary file %d times, an uncommitted generation %d times, and a commit not"
              + " yet reported %d times; kills spread over 0-%.1f ms after the child started%n",
          total[4], total[0], total[1], total[2], total[3], total[5] / 1e6);
      assertEquals(KILLS, total[4]);
      assertEquals(KILLS, total[0]);
      // The kills must have landed inside saves, not only between them.
      // Spread over about ten saves, three kills in four land inside one (temp file or
      // uncommitted generation left behind); a tenth is the floor that proves they reach saves.
      assertTrue(
          total[1] + total[2] > KILLS / 10,
          "few kills landed mid-save: " + total[1] + " temp files, " + total[2] + " uncommitted");
    } finally {
      lanes.shutdownNow();
    }
  }

  /**
   * One lane: calibrates the save time, then starts and kills a saving child {@code kills} times.
   *
   * @return loads verified, kills that left a temporary file, an uncommitted generation, a commit
   *     not yet reported; kills; the largest delay in nanoseconds
   */
  private static int[] lane(Path folder, int kills, long seed) throws Exception {
    // Calibration: a child that saves a few generations and exits tells how long a save takes.
    Path log = folder.resolveSibling(folder.getFileName() + ".log");
    Process calibration = start(folder, 5, log);
    assertEquals(0, calibration.waitFor(), "calibration child failed");
    List<long[]> commits = new ArrayList<>();
    readAll(log, commits);
    assertEquals(5, commits.size());
    long[] nanos = commits.stream().mapToLong(c -> c[1]).sorted().toArray();
    long save = nanos[nanos.length / 2];
    int[] stats = new int[6];
    long lastVerified = verify(folder, commits.get(commits.size() - 1)[0], -1, new int[4]);

    SplittableRandom random = new SplittableRandom(seed);
    // Kills spread over about ten saves: on a fast, idle machine the child's first save starts
    // later than two saves' time after it reports ready, and kills that early hit no save at all.
    long maxDelay = 10 * save;
    stats[5] = (int) Math.min(Integer.MAX_VALUE, maxDelay);
    for (int i = 0; i < kills; i++) {
      Files.deleteIfExists(log);
      Process child = start(folder, 1_000_000, log);
      BufferedReader out = reader(child);
      String first = out.readLine();
      if (!"R".equals(first)) {
        child.destroyForcibly();
        fail("child did not start: " + first + " " + stderr(child));
      }
      LockSupport.parkNanos(random.nextLong(maxDelay + 1));
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "killed child did not end");
      stats[4]++;
      long reported = lastVerified;
      List<long[]> reports = new ArrayList<>();
      readAll(log, reports);
      if (!reports.isEmpty()) {
        reported = reports.get(reports.size() - 1)[0];
      }
      lastVerified = verify(folder, reported, lastVerified, stats);
    }
    return stats;
  }

  /**
   * Checks the folder after a kill: the loaded generation is the last reported commit (or the one
   * after it, if the kill came between the pointer switch and the report), every part is the bytes
   * that generation saved, and the open left no debris.
   */
  private static long verify(Path folder, long reported, long previous, int[] stats)
      throws IOException {
    boolean temporary;
    boolean uncommitted;
    long current = Generations.current(folder).orElse(-1);
    try (Stream<Path> s = Files.walk(folder)) {
      temporary = s.anyMatch(p -> Generations.isTemporary(p.getFileName().toString()));
    }
    uncommitted = Generations.present(folder).stream().anyMatch(g -> g > current);

    SnapshotReader r = SnapshotReader.open(folder);
    long g = r.generation();
    if (g != reported && g != reported + 1) {
      fail("loaded generation " + g + " but the last reported commit was " + reported);
    }
    if (g < previous) {
      fail("generation went back from " + previous + " to " + g);
    }
    assertEquals(SnapshotKillChild.PARTS, r.manifest().entries().size());
    for (int p = 0; p < SnapshotKillChild.PARTS; p++) {
      String name = SnapshotKillChild.partName(p);
      long length = r.manifest().entries().get(name).payloadLength();
      byte[] back =
          r.read(
              name,
              in -> {
                byte[] b = new byte[(int) length];
                in.readFully(b);
                return b;
              });
      byte[] expected = SnapshotKillChild.payload(g, p);
      if (!Arrays.equals(expected, back)) {
        assertArrayEquals(expected, back, "part " + name + " of generation " + g);
      }
    }
    try (Stream<Path> s = Files.walk(folder)) {
      List<Path> left = s.filter(p -> Generations.isTemporary(p.getFileName().toString())).toList();
      assertEquals(List.of(), left, "temporary files survived the open");
    }
    for (long other : Generations.present(folder)) {
      assertTrue(other <= g, "uncommitted generation " + other + " survived the open");
    }
    stats[0]++;
    if (temporary) {
      stats[1]++;
    }
    if (uncommitted) {
      stats[2]++;
    }
    if (g == reported + 1) {
      stats[3]++;
    }
    return g;
  }

  private static Process start(Path folder, int saves, Path log)
      throws IOException, URISyntaxException {
    String cp =
        Path.of(SnapshotWriter.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            + File.pathSeparator
            // dmp-core: the snapshot framing takes its magic numbers from the core's registry
            + Path.of(
                org.aidmp.internal.codec.Magic.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI())
            + File.pathSeparator
            + Path.of(
                SnapshotKillChild.class
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
            SnapshotKillChild.class.getName(),
            folder.toString(),
            Integer.toString(saves),
            log.toString())
        .redirectError(ProcessBuilder.Redirect.PIPE)
        .start();
  }

  private static BufferedReader reader(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
  }

  private static void readAll(Path log, List<long[]> commits) throws IOException {
    if (!Files.exists(log)) {
      return;
    }
    for (String line : Files.readAllLines(log, StandardCharsets.US_ASCII)) {
      // A line cut by the kill has no final field yet; its commit may or may not be reported.
      if (line.startsWith("C ") && line.split(" ").length == 3) {
        String[] f = line.split(" ");
        commits.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
    }
  }

  private static String stderr(Process p) throws IOException {
    return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
