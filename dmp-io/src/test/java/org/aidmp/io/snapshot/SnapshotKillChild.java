package org.aidmp.io.snapshot;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The process that {@link SnapshotWriterKillTest} kills: saves generation after generation into one
 * folder, each part's bytes a function of the generation number and the part, and appends {@code C
 * <generation> <nanos>} to a file once a commit has returned.
 */
public final class SnapshotKillChild {
  static final int PARTS = 3;

  private SnapshotKillChild() {}

  /** The bytes of part {@code part} of generation {@code generation}: 8 KiB to 136 KiB. */
  static byte[] payload(long generation, int part) {
    SplittableRandom r = new SplittableRandom(generation * 31 + part);
    byte[] b = new byte[8 * 1024 + r.nextInt(128 * 1024)];
    r.nextBytes(b);
    return b;
  }

  static String partName(int part) {
    return "part" + part;
  }

  /**
   * {@code args[0]}: the snapshot folder; {@code args[1]}: saves before exiting by itself; {@code
   * args[2]}: the file commits are appended to (unbuffered, so a line written survives a kill).
   */
  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args[0]);
    int saves = Integer.parseInt(args[1]);
    System.out.println("R");
    System.out.flush();
    PrintStream out = new PrintStream(new FileOutputStream(args[2], true), true, "US-ASCII");
    for (int s = 0; s < saves; s++) {
      long t0 = System.nanoTime();
      SnapshotWriter w = SnapshotWriter.builder(folder).setKeptGenerations(2).create();
      long g = w.generation();
      for (int p = 0; p < PARTS; p++) {
        byte[] b = payload(g, p);
        w.write(partName(p), 1, o -> o.write(b));
      }
      w.commit();
      out.println("C " + g + " " + (System.nanoTime() - t0));
      out.flush();
    }
  }
}
