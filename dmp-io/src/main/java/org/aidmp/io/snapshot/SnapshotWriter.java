package org.aidmp.io.snapshot;

import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Saves named parts (the profile store, a K-Means model, an index...) into a snapshot folder, each
 * in its own atomically written, checksummed file, then records them in a manifest.
 *
 * <pre>{@code
 * SnapshotWriter w = SnapshotWriter.create(Path.of("snapshots/2026-11-29"));
 * w.write("kmeans", 1, model::write);
 * w.write("profiles", 1, store::write);
 * w.commit();   // the snapshot exists, for readers, only from here on
 * }</pre>
 *
 * <p>The manifest is written last. A crash before {@link #commit()} leaves the previous manifest in
 * place; a file it lists that was already overwritten by the interrupted save no longer matches its
 * manifest entry, and {@link SnapshotReader} rejects it rather than load a mix of two saves. Not
 * thread-safe: one writer per folder at a time.
 */
public final class SnapshotWriter {
  private final Path folder;
  private final Map<String, SnapshotFile.Header> entries;
  private boolean committed;

  private SnapshotWriter(Path folder, Map<String, SnapshotFile.Header> entries) {
    this.folder = folder;
    this.entries = entries;
  }

  /**
   * Starts a new snapshot in {@code folder} (created if missing). Files of an earlier snapshot in
   * the folder stay readable until {@link #commit()}, which removes those it no longer lists.
   */
  public static SnapshotWriter create(Path folder) throws IOException {
    Objects.requireNonNull(folder, "folder");
    Files.createDirectories(folder);
    return new SnapshotWriter(folder, new LinkedHashMap<>());
  }

  /**
   * Starts a save that replaces some files of the snapshot in {@code folder} and keeps the rest.
   * The folder may be empty; a folder whose manifest is damaged fails.
   */
  public static SnapshotWriter update(Path folder) throws IOException {
    Objects.requireNonNull(folder, "folder");
    Files.createDirectories(folder);
    Map<String, SnapshotFile.Header> entries = new LinkedHashMap<>();
    try {
      entries.putAll(SnapshotReader.open(folder).manifest().entries());
    } catch (NoSuchFileException e) {
      // No manifest yet: an update of an empty folder is a first save.
    }
    return new SnapshotWriter(folder, entries);
  }

  /**
   * Saves one part and commits at once: a shortcut for {@code update(folder).write(name, 1, body)}
   * followed by {@link #commit()}.
   */
  public static SnapshotFile.Header write(
      Path folder, String name, IOConsumer<? super DataOutput> body) throws IOException {
    SnapshotWriter w = update(folder);
    SnapshotFile.Header h = w.write(name, 1, body);
    w.commit();
    return h;
  }

  /**
   * Writes one part of the snapshot.
   *
   * @param name the part's name: letters, digits, {@code _ . -}, at most 64
   * @param payloadVersion the version of {@code body}'s format, handed back to readers
   * @param body writes the part
   * @return the header written
   */
  public SnapshotFile.Header write(
      String name, int payloadVersion, IOConsumer<? super DataOutput> body) throws IOException {
    SnapshotManifest.checkName(name);
    if (committed) {
      throw new IllegalStateException(
          "this snapshot was already committed; start another with SnapshotWriter.update");
    }
    SnapshotFile.Header h =
        SnapshotFile.write(SnapshotManifest.fileOf(folder, name), payloadVersion, body);
    entries.put(name, h);
    return h;
  }

  /**
   * Writes the manifest listing every part written (and, for {@link #update}, kept), then deletes
   * snapshot files of the folder it does not list.
   *
   * @return the manifest written
   */
  public SnapshotManifest commit() throws IOException {
    if (committed) {
      throw new IllegalStateException("commit() was already called");
    }
    SnapshotManifest m = new SnapshotManifest(entries, System.currentTimeMillis());
    SnapshotFile.write(
        folder.resolve(SnapshotManifest.FILE_NAME), SnapshotManifest.FORMAT_VERSION, m::write);
    committed = true;
    try (DirectoryStream<Path> ds =
        Files.newDirectoryStream(folder, "*" + SnapshotManifest.EXTENSION)) {
      for (Path p : ds) {
        String file = p.getFileName().toString();
        String name = file.substring(0, file.length() - SnapshotManifest.EXTENSION.length());
        if (!file.equals(SnapshotManifest.FILE_NAME) && !entries.containsKey(name)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return m;
  }

  /** The folder this writer saves into. */
  public Path folder() {
    return folder;
  }

  @Override
  public String toString() {
    return "SnapshotWriter[" + folder + ", " + entries.keySet() + "]";
  }
}
