package org.aidmp.io.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.aidmp.io.internal.glob.KeyGlob;
import org.aidmp.io.s3.S3ObjectRef;
import org.aidmp.io.s3.S3Source;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Which files a {@link MultiFileSource} reads: the files of a local folder, the files under a
 * folder whose relative path matches a glob, an explicit list of files; or the same over the
 * objects of a bucket.
 *
 * <pre>{@code
 * FileSet days = FileSet.glob(Path.of("events"), "2011-*.csv");
 * FileSet remote = FileSet.s3(s3, "s3://acme-events/events/2011-*.csv");
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
   * Objects of a bucket named by an address: {@code s3://bucket/events/2011-*.csv} (a glob over
   * keys), {@code s3://bucket/events/} (the objects directly under a folder, like {@link #folder})
   * or {@code s3://bucket/events/2011-01-04.csv} (one object). Objects ending in {@code .gz} are
   * gunzipped; for other reading options use {@link #s3(S3Source)}.
   *
   * @param s3 the client, which the caller keeps and closes
   * @param address {@code s3://} then the bucket, then a key, a folder ending in {@code /} or a
   *     glob
   */
  public static FileSet s3(S3Client s3, String address) {
    Objects.requireNonNull(s3, "s3");
    Objects.requireNonNull(address, "address");
    if (!address.startsWith("s3://")) {
      throw new IllegalArgumentException(
          "'" + address + "' is not an s3:// address; write s3://bucket/prefix/*.csv");
    }
    String rest = address.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String pattern = slash < 0 ? "" : rest.substring(slash + 1);
    S3Source.Builder b = S3Source.builder(s3).setBucket(bucket);
    int wild = firstWildcard(pattern);
    if (wild >= 0) {
      // The literal part before the first wildcard narrows the listing; the rest is matched.
      return listed(
          address, b.setPrefix(pattern.substring(0, wild)).setGlob(pattern.substring(wild)).get());
    }
    if (pattern.isEmpty() || pattern.endsWith("/")) {
      return listed(address, b.setPrefix(pattern).setGlob("*").get());
    }
    return s3(b.get(), List.of(pattern));
  }

  private static int firstWildcard(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' || c == '?') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The objects that {@code objects} lists (its bucket, prefix and glob), read through it (its
   * decompression, expansion cap and resumes); its format, read log and bad-object policy do not
   * apply, the {@link MultiFileSource}'s do.
   */
  public static FileSet s3(S3Source objects) {
    Objects.requireNonNull(objects, "objects");
    return listed(objects.description(), objects);
  }

  private static FileSet listed(String description, S3Source objects) {
    return new FileSet(
        description,
        () -> {
          List<S3ObjectRef> listed = new ArrayList<>(objects.list());
          listed.sort(Comparator.comparing(S3ObjectRef::key));
          List<InputFile> out = new ArrayList<>(listed.size());
          for (S3ObjectRef r : listed) {
            out.add(new S3InputFile(objects, r));
          }
          return out;
        });
  }

  /**
   * Exactly these objects of the bucket of {@code objects}, in this order, each key given once;
   * read through {@code objects} as {@link #s3(S3Source)} says. A missing object fails the
   * resolution with an error naming it.
   */
  public static FileSet s3(S3Source objects, List<String> keys) {
    Objects.requireNonNull(objects, "objects");
    Objects.requireNonNull(keys, "keys");
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("the key list is empty; give at least one key");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      String k = Objects.requireNonNull(keys.get(i), "keys[" + i + "]");
      if (k.isEmpty()) {
        throw new IllegalArgumentException("keys[" + i + "] is empty; give an object key");
      }
      if (!seen.add(k)) {
        throw new IllegalArgumentException(
            "key " + k + " is listed twice (position " + i + "); list each key once");
      }
    }
    List<String> copy = List.copyOf(keys);
    String where = "s3://" + objects.bucket() + "/";
    return new FileSet(
        copy.size() == 1 ? where + copy.get(0) : copy.size() + " objects in " + where,
        () -> {
          List<InputFile> out = new ArrayList<>(copy.size());
          for (String k : copy) {
            out.add(new S3InputFile(objects, objects.head(k)));
          }
          return out;
        });
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
