package org.aidmp.io.snapshot;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The list of files that make up one generation of a snapshot, with each file's header. Written
 * last in its generation folder, before the generation is committed; files it does not list are
 * ignored. Internal: {@link SnapshotReader#parts()} lists the parts.
 */
final class SnapshotManifest {
  /** The manifest's own file name within a snapshot folder. */
  static final String FILE_NAME = "MANIFEST.dmps";

  /** The extension of every snapshot file in a folder. */
  static final String EXTENSION = ".dmps";

  static final int FORMAT_VERSION = 1;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private final Map<String, SnapshotFile.Header> entries;
  private final long createdEpochMillis;

  SnapshotManifest(Map<String, SnapshotFile.Header> entries, long createdEpochMillis) {
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    this.createdEpochMillis = createdEpochMillis;
  }

  /** The files of the snapshot by name (without extension), in the order they were written. */
  Map<String, SnapshotFile.Header> entries() {
    return entries;
  }

  /** When the manifest was written, in milliseconds since the epoch. */
  long createdEpochMillis() {
    return createdEpochMillis;
  }

  /** The path of the named file in {@code folder}. */
  static Path fileOf(Path folder, String name) {
    return folder.resolve(name + EXTENSION);
  }

  /**
   * Checks a snapshot name: 1 to 64 letters, digits, {@code _ . -}, starting with a letter or
   * digit, so that a name can never point outside its folder.
   */
  static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches() || name.endsWith(".") || name.equals("MANIFEST")) {
      throw new IllegalArgumentException(
          "snapshot name '"
              + name
              + "' is not allowed; use 1-64 letters, digits, '_', '.' or"
              + " '-', starting with a letter or digit, not ending in '.', and not MANIFEST");
    }
    return name;
  }

  void write(DataOutput out) throws IOException {
    out.writeLong(createdEpochMillis);
    out.writeInt(entries.size());
    for (Map.Entry<String, SnapshotFile.Header> e : entries.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeInt(e.getValue().payloadVersion());
      out.writeLong(e.getValue().payloadLength());
      out.writeInt(e.getValue().payloadCrc32c());
    }
  }

  static SnapshotManifest read(DataInput in) throws IOException {
    long created = in.readLong();
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative entry count " + n);
    }
    Map<String, SnapshotFile.Header> entries = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String name = in.readUTF();
      entries.put(name, new SnapshotFile.Header(in.readInt(), in.readLong(), in.readInt()));
    }
    return new SnapshotManifest(entries, created);
  }

  @Override
  public String toString() {
    return "SnapshotManifest" + entries.keySet();
  }
}
