package org.aidmp.io.snapshot;

import java.io.DataInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Loads the parts of a snapshot folder written by {@link SnapshotWriter}, checking each against the
 * manifest and its checksum before the part's reader sees it.
 *
 * <pre>{@code
 * SnapshotReader r = SnapshotReader.open(Path.of("snapshots/2026-11-29"));
 * KMeansModel model = r.read("kmeans", KMeansModel::read);
 * }</pre>
 *
 * @see SnapshotFile for what is checked
 */
public final class SnapshotReader {
  private final Path folder;
  private final SnapshotManifest manifest;

  private SnapshotReader(Path folder, SnapshotManifest manifest) {
    this.folder = folder;
    this.manifest = manifest;
  }

  /**
   * Opens the snapshot in {@code folder} by reading its manifest.
   *
   * @throws NoSuchFileException if the folder has no manifest: no save into it completed
   * @throws SnapshotFormatException if the manifest is damaged
   */
  public static SnapshotReader open(Path folder) throws IOException {
    Objects.requireNonNull(folder, "folder");
    Path mf = folder.resolve(SnapshotManifest.FILE_NAME);
    if (!Files.exists(mf)) {
      throw new NoSuchFileException(
          mf.toString(),
          null,
          "no snapshot manifest: no save into this folder completed; save a snapshot first");
    }
    return new SnapshotReader(folder, SnapshotFile.read(mf, SnapshotManifest::read));
  }

  /** Opens {@code folder} and reads one part: a shortcut for {@code open(folder).read(name, r)}. */
  public static <T> T read(Path folder, String name, IOFunction<? super DataInput, ? extends T> r)
      throws IOException {
    return open(folder).read(name, r);
  }

  /** The manifest: which parts the snapshot holds. */
  public SnapshotManifest manifest() {
    return manifest;
  }

  /** Whether the snapshot holds a part of that name. */
  public boolean contains(String name) {
    return manifest.entries().containsKey(name);
  }

  /** The payload version the named part was written with, for readers of several versions. */
  public int payloadVersion(String name) {
    return entry(name).payloadVersion();
  }

  /**
   * Reads the named part.
   *
   * @throws IllegalArgumentException if the snapshot has no such part (the message lists those it
   *     has)
   * @throws SnapshotFormatException if the part's file is missing, truncated, corrupted, does not
   *     match the manifest, or {@code reader} does not consume it exactly
   */
  public <T> T read(String name, IOFunction<? super DataInput, ? extends T> reader)
      throws IOException {
    SnapshotFile.Header expected = entry(name);
    Path file = SnapshotManifest.fileOf(folder, name);
    if (!Files.exists(file)) {
      throw new SnapshotFormatException(
          file, "is listed in the manifest but missing; restore the folder from a complete copy");
    }
    return SnapshotFile.read(file, expected, reader);
  }

  /** Checks every part's file against the manifest and its checksum without interpreting it. */
  public void verify() throws IOException {
    for (String name : manifest.entries().keySet()) {
      read(
          name,
          in -> {
            if (in instanceof ChannelDataInput c) {
              c.drain();
            }
            return null;
          });
    }
  }

  private SnapshotFile.Header entry(String name) {
    SnapshotFile.Header h = manifest.entries().get(SnapshotManifest.checkName(name));
    if (h == null) {
      throw new IllegalArgumentException(
          "the snapshot in "
              + folder
              + " has no part '"
              + name
              + "'; it has "
              + manifest.entries().keySet());
    }
    return h;
  }

  @Override
  public String toString() {
    return "SnapshotReader[" + folder + ", " + manifest.entries().keySet() + "]";
  }
}
