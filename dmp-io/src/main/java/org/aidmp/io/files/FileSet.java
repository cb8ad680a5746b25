package org.aidmp.io.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.aidmp.io.s3.KeyGlob;

/**
 * Which local files a {@link MultiFileSource} reads: the regular files of a folder, the files under
 * a folder whose relative path matches a glob, or an explicit list.
 *
 * <pre>{@code
 * FileSet days = FileSet.glob(Path.of("events"), "2011-*.csv");
 * List<Path> files = days.resolve();   // sorted by relative path
 * }</pre>
 *
 * <p>The order is stable: folder and glob sets are sorted by their path relative to the folder,
 * with {@code /} as separator, compared char by char (so {@code day-10} sorts before {@code day-9};
 * zero-pad numbers in names for calendar order); an explicit list keeps the order given. Hidden
 * files (names starting with a dot) are left out of folders and globs. Globs follow {@link
 * KeyGlob}: {@code *} stays within one folder level, {@code **} crosses levels. A set is resolved
 * again by each {@link #resolve()}, so files added later are seen by the next pass.
 */
public final class FileSet {
  private final Path folder;
  private final KeyGlob glob;
  private final boolean recursive;
  private final List<Path> files;

  private FileSet(Path folder, KeyGlob glob, boolean recursive, List<Path> files) {
    this.folder = folder;
    this.glob = glob;
    this.recursive = recursive;
    this.files = files;
  }

  /** The regular files directly inside {@code folder} (not in sub-folders). */
  public static FileSet folder(Path folder) {
    Objects.requireNonNull(folder, "folder");
    return new FileSet(folder, KeyGlob.of("*"), false, null);
  }

  /**
   * The regular files under {@code folder} whose path relative to it matches {@code glob}, such as
   * {@code "2011-*.csv"} or {@code "**\/*.json.gz"}.
   */
  public static FileSet glob(Path folder, String glob) {
    Objects.requireNonNull(folder, "folder");
    KeyGlob g = KeyGlob.of(glob);
    return new FileSet(folder, g, glob.contains("/") || glob.contains("**"), null);
  }

  /** Exactly these files, in this order; each may be given once. */
  public static FileSet of(List<Path> files) {
    Objects.requireNonNull(files, "files");
    if (files.isEmpty()) {
      throw new IllegalArgumentException("the file list is empty; give at least one file");
    }
    Set<Path> seen = new HashSet<>();
    for (int i = 0; i < files.size(); i++) {
      Path p = Objects.requireNonNull(files.get(i), "files[" + i + "]");
      if (!seen.add(p.toAbsolutePath().normalize())) {
        throw new IllegalArgumentException(
            "file " + p + " is listed twice (position " + i + "); list each file once");
      }
    }
    return new FileSet(null, null, false, List.copyOf(files));
  }

  /** Exactly these files, in this order. */
  public static FileSet of(Path... files) {
    return of(List.of(files));
  }

  /**
   * The files, in the set's stable order.
   *
   * @throws UncheckedIOException naming the folder if it cannot be listed
   */
  public List<Path> resolve() {
    if (files != null) {
      return files;
    }
    if (!Files.isDirectory(folder)) {
      throw new UncheckedIOException(
          new IOException(folder + " is not a folder; give the folder that holds the files"));
    }
    List<String> rel = new ArrayList<>();
    try (Stream<Path> walk = recursive ? Files.walk(folder) : Files.list(folder)) {
      walk.forEach(
          p -> {
            if (!Files.isRegularFile(p)) {
              return;
            }
            String r = relative(p);
            if (!hidden(r) && glob.matches(r)) {
              rel.add(r);
            }
          });
    } catch (IOException | UncheckedIOException e) {
      throw new UncheckedIOException(
          "cannot list " + folder,
          e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
    }
    rel.sort(null);
    List<Path> out = new ArrayList<>(rel.size());
    for (String r : rel) {
      out.add(folder.resolve(r));
    }
    return out;
  }

  private String relative(Path p) {
    StringBuilder sb = new StringBuilder();
    for (Path part : folder.relativize(p)) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(part);
    }
    return sb.toString();
  }

  private static boolean hidden(String rel) {
    return rel.startsWith(".") || rel.contains("/.");
  }

  /** The folder and glob, or the number of listed files; for descriptions. */
  @Override
  public String toString() {
    if (files != null) {
      return files.size() == 1 ? files.get(0).toString() : files.size() + " files";
    }
    return glob.toString().equals("*") ? folder.toString() : folder + " (" + glob + ")";
  }
}
