package org.aidmp.io.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The on-disk layout of a snapshot folder: one sub-folder per generation ({@code
 * g0000000000000042}), a small checksummed {@code CURRENT} file naming the committed one, and a
 * {@code LOCK} file a writer holds while it saves. Internal to the package.
 *
 * <p>Commit order: every part of the new generation and its manifest are written and forced, the
 * generation folder is forced, then {@code CURRENT} is written to a temporary file, forced, renamed
 * over the old one, and the snapshot folder is forced. Until that rename the previous generation is
 * the committed one, whole and untouched, so a crash at any moment leaves a loadable snapshot.
 */
final class Generations {
  /** The pointer file naming the committed generation. */
  static final String CURRENT = "CURRENT";

  /** The lock file a writer holds while it saves. */
  static final String LOCK = "LOCK";

  static final int CURRENT_VERSION = 1;

  private static final Pattern GENERATION = Pattern.compile("g(\\d{16})");

  private Generations() {}

  /** The folder name of generation {@code n}. */
  static String name(long n) {
    return String.format(java.util.Locale.ROOT, "g%016d", n);
  }

  static Path folderOf(Path root, long n) {
    return root.resolve(name(n));
  }

  /** The generation number in a folder name, or -1 if it is not a generation folder. */
  static long parse(String fileName) {
    Matcher m = GENERATION.matcher(fileName);
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  /** The committed generation, if {@code CURRENT} exists; a damaged pointer fails. */
  static OptionalLong current(Path root) throws IOException {
    Path p = root.resolve(CURRENT);
    if (!Files.exists(p)) {
      return OptionalLong.empty();
    }
    long n =
        SnapshotFile.read(
            p,
            in -> {
              long g = in.readLong();
              if (g < 0) {
                throw new SnapshotFormatException(p, "names a negative generation " + g);
              }
              return g;
            });
    return OptionalLong.of(n);
  }

  /** Points {@code CURRENT} at generation {@code n}: the commit. */
  static void commit(Path root, long n) throws IOException {
    SnapshotFile.write(root.resolve(CURRENT), CURRENT_VERSION, out -> out.writeLong(n));
  }

  /** Every generation folder present (committed or not), in ascending order. */
  static List<Long> present(Path root) throws IOException {
    List<Long> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
      for (Path p : ds) {
        long n = parse(p.getFileName().toString());
        if (n >= 0 && Files.isDirectory(p)) {
          out.add(n);
        }
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** Whether a file name is one of the temporary files a save writes before its rename. */
  static boolean isTemporary(String fileName) {
    return fileName.startsWith(".") && fileName.endsWith(".tmp");
  }

  /**
   * Removes what interrupted saves left: temporary files in the folder and in kept generations, and
   * every generation newer than the committed one (never committed). Call only while holding the
   * lock.
   *
   * @return how many files and folders were removed
   */
  static int sweep(Path root) throws IOException {
    OptionalLong cur = current(root);
    int removed = deleteTemporaries(root);
    for (long g : present(root)) {
      Path gen = folderOf(root, g);
      if (cur.isEmpty() || g > cur.getAsLong()) {
        removed += deleteTree(gen);
      } else {
        removed += deleteTemporaries(gen);
      }
    }
    return removed;
  }

  /** Deletes committed generations older than the newest {@code keep}; call holding the lock. */
  static void prune(Path root, long committed, int keep) throws IOException {
    List<Long> all = present(root);
    int kept = 0;
    for (int i = all.size() - 1; i >= 0; i--) {
      long g = all.get(i);
      if (g > committed) {
        continue; // not ours to judge: sweep handles uncommitted ones
      }
      if (kept < keep) {
        kept++;
      } else {
        deleteTree(folderOf(root, g));
      }
    }
  }

  private static int deleteTemporaries(Path dir) throws IOException {
    int removed = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        if (isTemporary(p.getFileName().toString()) && Files.isRegularFile(p)) {
          Files.deleteIfExists(p);
          removed++;
        }
      }
    } catch (NoSuchFileException e) {
      return removed;
    }
    return removed;
  }

  static int deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    List<Path> paths;
    try (Stream<Path> s = Files.walk(dir)) {
      paths = s.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : paths) {
      Files.deleteIfExists(p);
    }
    return 1;
  }

  /**
   * Takes the folder's writer lock, or returns null if another writer (in this or another process)
   * holds it. The lock dies with the process, so a killed writer never blocks the next one.
   */
  static FileLock tryLock(Path root) throws IOException {
    FileChannel ch =
        FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock lock = ch.tryLock();
      if (lock == null) {
        ch.close();
      }
      return lock;
    } catch (OverlappingFileLockException e) {
      ch.close();
      return null;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  static void release(FileLock lock) throws IOException {
    if (lock != null) {
      try (FileChannel ch = lock.channel()) {
        lock.release();
      }
    }
  }

  /**
   * Sweeps the folder if no writer is saving into it; a reader calls this so that no temporary file
   * of a crashed save outlives the next open. Read-only folders are left as they are.
   */
  static void sweepIfIdle(Path root) throws IOException {
    FileLock lock;
    try {
      lock = tryLock(root);
    } catch (AccessDeniedException e) {
      return;
    } catch (FileSystemException e) {
      if (String.valueOf(e.getReason()).toLowerCase(java.util.Locale.ROOT).contains("read-only")) {
        return;
      }
      throw e;
    }
    if (lock == null) {
      return;
    }
    try {
      sweep(root);
    } finally {
      release(lock);
    }
  }
}
