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
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.aidmp.io.internal.glob.KeyGlob;

/**
 * Which files a {@link MultiFileSource} reads: the files of a local folder, the files under a
 * folder whose relative path matches a glob, an explicit list of files; or the same over the
 * objects of a bucket, which {@code S3Source.files} makes.
 *
 * <pre>{@code
 * FileSet days = FileSet.glob(Path.of("events"), "2011-*.csv");
 * FileSet remote = S3Source.files(s3, "s3://acme-events/events/2011-*.csv");
 * List<InputFile> files = days.resolve();   // sorted by relative path
 * }</pre>
 *
 * <p>The order is stable: folder and glob sets are sorted by their path relative to the folder,
 * with {@code /} as separator, compared char by char (so {@code day-10} sorts before {@code day-9};
 * zero-pad numbers in names for calendar order); sets of objects are sorted by key the same way; an
 * explicit list keeps the order given. Hidden local files (names starting with a dot) are left out
 * of folders and globs; so are the zero-length "folder" markers of a bucket (keys ending in {@code
 * /}). Globs: {@code *} stays within one folder level, {@code **} crosses levels, {@code ?} matches
 * one character other than {@code /}. A set is resolved again by each {@link #resolve()}, so files
 * added later are seen by the next pass.
 */
public final class FileSet {
  private final String description;
  private final Supplier<List<InputFile>> lister;

  private FileSet(String description, Supplier<List<InputFile>> lister) {
    this.description = description;
    this.lister = lister;
  }

  /** The regular files directly inside {@code folder} (not in sub-folders). */
  public static FileSet folder(Path folder) {
    Objects.requireNonNull(folder, "folder");
    return new FileSet(folder.toString(), () -> list(folder, KeyGlob.of("*"), false));
  }

  /**
   * The regular files under {@code folder} whose path relative to it matches {@code glob}, such as
   * {@code "2011-*.csv"} or {@code "**\/*.json.gz"}.
   */
  public static FileSet glob(Path folder, String glob) {
    Objects.requireNonNull(folder, "folder");
    KeyGlob g = KeyGlob.of(glob);
    boolean recursive = glob.contains("/") || glob.contains("**");
    return new FileSet(folder + " (" + g + ")", () -> list(folder, g, recursive));
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
    List<Path> copy = List.copyOf(files);
    return new FileSet(
        copy.size() == 1 ? copy.get(0).toString() : copy.size() + " files",
        () -> {
          List<InputFile> out = new ArrayList<>(copy.size());
          for (Path p : copy) {
            out.add(new LocalInputFile(p));
          }
          return out;
        });
  }

  /** Exactly these files, in this order. */
  public static FileSet of(Path... files) {
    return of(List.of(files));
  }

  /**
   * The files {@code lister} lists, asked again by each {@link #resolve()}: for files of a store
   * this class has no factory for. The objects of a bucket come from {@code S3Source.files}.
   *
   * @param description what the set is (a folder, a bucket and prefix), for messages
   * @param lister the files in the set's stable order; each call lists them afresh
   */
  public static FileSet from(String description, Supplier<? extends List<InputFile>> lister) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(lister, "lister");
    return new FileSet(description, () -> List.copyOf(lister.get()));
  }

  /**
   * The files, in the set's stable order.
   *
   * @throws UncheckedIOException naming the folder, bucket or file if it cannot be listed
   */
  public List<InputFile> resolve() {
    return lister.get();
  }

  private static List<InputFile> list(Path folder, KeyGlob glob, boolean recursive) {
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
            String r = relative(folder, p);
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
    List<InputFile> out = new ArrayList<>(rel.size());
    for (String r : rel) {
      out.add(new LocalInputFile(folder.resolve(r)));
    }
    return out;
  }

  private static String relative(Path folder, Path p) {
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

  /** The folder and glob, the bucket and prefix, or the number of listed files. */
  @Override
  public String toString() {
    return description;
  }
}
