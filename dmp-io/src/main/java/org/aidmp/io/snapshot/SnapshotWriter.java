package org.aidmp.io.snapshot;

import java.io.Closeable;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Saves named parts (the profile store, a K-Means model, an index...) as a new generation of a
 * snapshot folder, each part in its own checksummed file, and commits the generation by switching a
 * pointer atomically.
 *
 * <pre>{@code
 * SnapshotWriter w = SnapshotWriter.create(Path.of("snapshots"));
 * w.write("kmeans", 1, model::write);
 * w.write("profiles", 1, store::write);
 * w.commit();   // the new generation exists, for readers, only from here on
 * }</pre>
 *
 * <p>Every save writes a new generation folder inside {@code folder}; nothing of an earlier
 * generation is touched. {@link #commit()} writes the manifest, forces the generation to disk, then
 * renames a small forced {@code CURRENT} file naming the new generation over the old one and forces
 * the folder. A crash (or a kill) at any moment before that rename leaves the previous generation
 * committed and loadable, byte for byte; after it, the new one. Generations beyond {@link
 * Builder#setKeptGenerations(int) the kept count} are deleted after a commit; temporary files and
 * uncommitted generations of crashed saves are swept when the next writer or reader opens the
 * folder. A failure to force data or a folder to disk fails the save with an {@link IOException}.
 *
 * <p>A writer holds the folder's {@code LOCK} file from its creation until {@link #commit()} or
 * {@link #close()}; a second writer on the same folder fails at once. Not thread-safe.
 */
public final class SnapshotWriter implements Closeable {
  /** Generations kept by default: the one committed and the one before it. */
  public static final int DEFAULT_KEPT_GENERATIONS = 2;

  private final Path folder;
  private final long generation;
  private final Path generationFolder;
  private final Map<String, SnapshotFile.Header> entries;
  private final java.util.Set<String> carried = new java.util.LinkedHashSet<>();
  private final int keep;
  private FileLock lock;
  private boolean committed;
  private boolean closed;
  private boolean switching;

  private SnapshotWriter(Path folder, Builder b, boolean update) throws IOException {
    this.folder = folder;
    this.keep = b.keep;
    Files.createDirectories(folder);
    this.lock = Generations.tryLock(folder);
    if (lock == null) {
      throw new IOException(
          folder
              + ": another snapshot writer is saving into this folder; wait for it to commit or"
              + " close, or save into another folder");
    }
    try {
      Generations.sweep(folder);
      OptionalLong cur = Generations.current(folder);
      List<Long> present = Generations.present(folder);
      long last = present.isEmpty() ? 0 : present.get(present.size() - 1);
      this.generation = Math.max(last, cur.orElse(0)) + 1;
      this.generationFolder = Generations.folderOf(folder, generation);
      this.entries = new LinkedHashMap<>();
      Files.createDirectory(generationFolder);
      if (update) {
        keepPartsOf(cur);
      }
    } catch (IOException | RuntimeException e) {
      Generations.release(lock);
      lock = null;
      throw e;
    }
  }

  /** Carries every part of the committed generation into the new one (hard link, else copy). */
  private void keepPartsOf(OptionalLong cur) throws IOException {
    SnapshotReader previous;
    try {
      previous = SnapshotReader.openUnswept(folder, cur);
    } catch (java.nio.file.NoSuchFileException e) {
      return; // an update of an empty folder is a first save
    }
    for (Map.Entry<String, SnapshotFile.Header> e : previous.manifest().entries().entrySet()) {
      Path from = SnapshotManifest.fileOf(previous.generationFolder(), e.getKey());
      Path to = SnapshotManifest.fileOf(generationFolder, e.getKey());
      try {
        // Parts are never changed in place (every write is a new file renamed into place), so
        // two generations can share one.
        Files.createLink(to, from);
      } catch (UnsupportedOperationException | IOException linkFailed) {
        Files.copy(from, to);
      }
      entries.put(e.getKey(), e.getValue());
      carried.add(e.getKey());
    }
  }

  /** Options of a writer: how many generations to keep. */
  public static Builder builder(Path folder) {
    return new Builder(Objects.requireNonNull(folder, "folder"));
  }

  /**
   * Starts a new generation in {@code folder} (created if missing) that holds only the parts
   * written to it. The committed generation stays the one readers see until {@link #commit()}.
   *
   * @throws IOException if another writer holds the folder, or the folder cannot be written
   */
  public static SnapshotWriter create(Path folder) throws IOException {
    return builder(folder).create();
  }

  /**
   * Starts a new generation that holds every part of the committed one, each replaced if it is
   * written again. The folder may be empty; a folder whose manifest is damaged fails.
   */
  public static SnapshotWriter update(Path folder) throws IOException {
    return builder(folder).update();
  }

  /**
   * Saves one part and commits at once: a shortcut for {@code update(folder).write(name, 1, body)}
   * followed by {@link #commit()}.
   *
   * @return the part's payload length in bytes
   */
  public static long write(Path folder, String name, IOConsumer<? super DataOutput> body)
      throws IOException {
    try (SnapshotWriter w = update(folder)) {
      long length = w.write(name, 1, body);
      w.commit();
      return length;
    }
  }

  /**
   * Writes one part of the new generation.
   *
   * @param name the part's name: letters, digits, {@code _ . -}, at most 64
   * @param payloadVersion the version of {@code body}'s format, handed back to readers
   * @param body writes the part
   * @return the part's payload length in bytes (its file adds a 32-byte header)
   */
  public long write(String name, int payloadVersion, IOConsumer<? super DataOutput> body)
      throws IOException {
    SnapshotManifest.checkName(name);
    checkOpen();
    Path file = SnapshotManifest.fileOf(generationFolder, name);
    if (entries.containsKey(name)) {
      // A kept part is a link shared with the previous generation: unlink, never overwrite.
      Files.deleteIfExists(file);
      carried.remove(name);
    }
    SnapshotFile.Header h = SnapshotFile.write(file, payloadVersion, body);
    entries.put(name, h);
    return h.payloadLength();
  }

  private void checkOpen() {
    if (committed) {
      throw new IllegalStateException(
          "this snapshot was already committed; start another with SnapshotWriter.update");
    }
    if (closed) {
      throw new IllegalStateException(
          "this writer was closed without a commit; start another with SnapshotWriter.create");
    }
  }

  /**
   * Writes the manifest of the new generation, forces it to disk and switches {@code CURRENT} to
   * it; then deletes generations beyond the kept count and releases the folder.
   *
   * @return the names of the parts the committed generation holds, in the order written
   * @throws IOException if any write or force fails. Before the pointer switch the previous
   *     generation then stays committed; if forcing the folder after the switch fails, the new
   *     generation may or may not be the committed one after a power cut (either is whole), and the
   *     save must not be reported as durable.
   */
  public List<String> commit() throws IOException {
    if (committed) {
      throw new IllegalStateException("commit() was already called");
    }
    checkOpen();
    SnapshotManifest m = new SnapshotManifest(entries, System.currentTimeMillis());
    SnapshotFile.write(
        generationFolder.resolve(SnapshotManifest.FILE_NAME),
        SnapshotManifest.FORMAT_VERSION,
        m::write);
    SnapshotFile.forceFolder(generationFolder);
    // From here the pointer may name the new generation even if forcing it fails below, so an
    // abandoned writer must no longer delete the generation.
    switching = true;
    Generations.commit(folder, generation);
    committed = true;
    try {
      Generations.prune(folder, generation, keep);
      deleteLegacyFiles();
    } finally {
      releaseLock();
    }
    return List.copyOf(m.entries().keySet());
  }

  /** Files of the flat, pre-generation layout are superseded by the first committed generation. */
  private void deleteLegacyFiles() throws IOException {
    try (DirectoryStream<Path> ds =
        Files.newDirectoryStream(folder, "*" + SnapshotManifest.EXTENSION)) {
      for (Path p : ds) {
        if (Files.isRegularFile(p)) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /**
   * Abandons an uncommitted save: deletes its generation folder and releases the folder's lock.
   * Does nothing after {@link #commit()}.
   */
  @Override
  public void close() throws IOException {
    if (committed || closed) {
      return;
    }
    closed = true;
    try {
      if (!switching) {
        Generations.deleteTree(generationFolder);
      }
    } finally {
      releaseLock();
    }
  }

  private void releaseLock() throws IOException {
    FileLock l = lock;
    lock = null;
    Generations.release(l);
  }

  /**
   * The parts carried over from the committed generation by {@link #update} and not written again
   * yet, in manifest order; empty for {@link #create}.
   */
  public List<String> carriedParts() {
    return List.copyOf(carried);
  }

  /** The folder this writer saves into. */
  public Path folder() {
    return folder;
  }

  /** The number of the generation this writer creates. */
  public long generation() {
    return generation;
  }

  @Override
  public String toString() {
    return "SnapshotWriter["
        + folder
        + ", generation "
        + generation
        + ", "
        + entries.keySet()
        + "]";
  }

  /** Options of a {@link SnapshotWriter}; {@link #create()} and {@link #update()} open one. */
  public static final class Builder {
    private final Path folder;
    private int keep = DEFAULT_KEPT_GENERATIONS;

    private Builder(Path folder) {
      this.folder = folder;
    }

    /**
     * How many committed generations to keep, the newest included (default {@value
     * SnapshotWriter#DEFAULT_KEPT_GENERATIONS}); older ones are deleted after each commit.
     */
    public Builder setKeptGenerations(int keep) {
      if (keep < 1 || keep > 1000) {
        throw new IllegalArgumentException(
            "keptGenerations ("
                + keep
                + ") must be between 1 and 1000; 2 keeps one to fall back on");
      }
      this.keep = keep;
      return this;
    }

    /** A writer of a new generation holding only the parts written to it. */
    public SnapshotWriter create() throws IOException {
      return new SnapshotWriter(folder, this, false);
    }

    /** A writer of a new generation that starts with every part of the committed one. */
    public SnapshotWriter update() throws IOException {
      return new SnapshotWriter(folder, this, true);
    }
  }
}
