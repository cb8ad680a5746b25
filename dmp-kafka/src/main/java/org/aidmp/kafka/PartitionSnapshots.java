package org.aidmp.kafka;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbered, checksummed generations of each partition's state in a local folder, each committed
 * atomically: the bytes go to a temporary file, which is forced to disk, then linked under its
 * generation's name (an atomic step that fails if the name exists, so two writers can never both
 * commit one generation), and the folder is forced so the new name survives a power cut. A crash at
 * any moment leaves the last committed generation loadable; a generation whose checksum fails is
 * skipped for the one before it.
 *
 * <pre>{@code
 * PartitionSnapshots store = PartitionSnapshots.in(Path.of("state"));
 * long gen = store.save("events", 3, bytes);
 * Optional<PartitionSnapshots.Generation> last = store.load("events", 3);
 * }</pre>
 *
 * <p>Layout: {@code <folder>/<topic>-<partition>/<generation, 19 digits>.gen}; the two newest
 * generations are kept. Thread-safe; one partition's saves must not overlap (the runner saves a
 * partition from one thread at a time).
 */
public final class PartitionSnapshots {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionSnapshots.class);
  private static final int MAGIC = 0x444d504b; // "DMPK"
  private static final int FORMAT = 1;
  private static final String SUFFIX = ".gen";
  private static final int KEEP = 2;

  private final Path folder;
  private final ConcurrentHashMap<String, Long> lastGeneration = new ConcurrentHashMap<>();

  private PartitionSnapshots(Path folder) {
    this.folder = folder;
  }

  /** A store in {@code folder}, created if absent. */
  public static PartitionSnapshots in(Path folder) {
    Objects.requireNonNull(folder, "folder");
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the snapshot folder " + folder + "; check the path and permissions", e);
    }
    return new PartitionSnapshots(folder);
  }

  /** The folder. */
  public Path folder() {
    return folder;
  }

  /**
   * One committed generation.
   *
   * @param number the generation, counting from 1 per partition
   * @param payload the bytes saved
   */
  public record Generation(long number, byte[] payload) {}

  /**
   * Commits {@code payload} as the partition's next generation.
   *
   * @return the generation's number
   * @throws IllegalStateException if that generation was committed meanwhile by another writer
   *     (another instance took the partition over)
   * @throws UncheckedIOException when the disk fails
   */
  public long save(String topic, int partition, byte[] payload) {
    Objects.requireNonNull(payload, "payload");
    Path dir = dir(topic, partition);
    try {
      Files.createDirectories(dir);
      long gen = lastGeneration.computeIfAbsent(key(topic, partition), k -> scanLast(dir)) + 1;
      Path target = dir.resolve(name(gen));
      Path tmp = Files.createTempFile(dir, ".tmp-", SUFFIX);
      try {
        byte[] framed = frame(gen, payload);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ByteBuffer buf = ByteBuffer.wrap(framed);
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
          ch.force(true);
        }
        commit(tmp, target);
      } finally {
        Files.deleteIfExists(tmp);
      }
      forceFolder(dir);
      lastGeneration.put(key(topic, partition), gen);
      prune(dir, gen);
      return gen;
    } catch (FileAlreadyExistsException e) {
      // Re-read the folder next time: someone else is writing this partition.
      lastGeneration.remove(key(topic, partition));
      throw new IllegalStateException(
          "generation of partition "
              + partition
              + " was committed by another writer; this instance no longer owns the partition",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the state of partition " + partition, e);
    }
  }

  /**
   * The newest generation whose checksum holds, or empty if there is none.
   *
   * @throws UncheckedIOException when the folder cannot be read
   */
  public Optional<Generation> load(String topic, int partition) {
    Path dir = dir(topic, partition);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try {
      List<Long> gens = generations(dir);
      lastGeneration.put(key(topic, partition), gens.isEmpty() ? 0L : gens.get(gens.size() - 1));
      for (int i = gens.size() - 1; i >= 0; i--) {
        byte[] payload = unframe(Files.readAllBytes(dir.resolve(name(gens.get(i)))), gens.get(i));
        if (payload != null) {
          return Optional.of(new Generation(gens.get(i), payload));
        }
        LOG.warn(
            "generation {} of partition {} fails its checksum; trying the one before",
            gens.get(i),
            partition);
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the state of partition " + partition, e);
    }
  }

  private static void commit(Path tmp, Path target) throws IOException {
    try {
      // A hard link is atomic and, unlike rename, refuses to replace an existing name.
      Files.createLink(target, tmp);
    } catch (UnsupportedOperationException e) {
      if (Files.exists(target)) {
        throw new FileAlreadyExistsException(target.toString());
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException ex) {
        throw new IOException("the snapshot folder supports neither links nor atomic moves", ex);
      }
    }
  }

  private static void forceFolder(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a folder; the rename is still atomic there.
      LOG.debug("cannot force the snapshot folder", e);
    }
  }

  private void prune(Path dir, long newest) throws IOException {
    for (long g : generations(dir)) {
      if (g <= newest - KEEP) {
        Files.deleteIfExists(dir.resolve(name(g)));
      }
    }
  }

  private static long scanLast(Path dir) {
    try {
      List<Long> g = generations(dir);
      return g.isEmpty() ? 0 : g.get(g.size() - 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Long> generations(Path dir) throws IOException {
    List<Long> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (n.startsWith(".")) {
          continue;
        }
        try {
          out.add(Long.parseLong(n.substring(0, n.length() - SUFFIX.length())));
        } catch (NumberFormatException e) {
          // Not ours.
        }
      }
    }
    out.sort(null);
    return out;
  }

  private static byte[] frame(long gen, byte[] payload) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 32);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeLong(gen);
    out.writeInt(payload.length);
    out.write(payload);
    CRC32C crc = new CRC32C();
    crc.update(bytes.toByteArray());
    out.writeInt((int) crc.getValue());
    out.flush();
    return bytes.toByteArray();
  }

  private static byte[] unframe(byte[] file, long gen) {
    if (file.length < 24) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(file);
    if (b.getInt() != MAGIC || b.getInt() != FORMAT || b.getLong() != gen) {
      return null;
    }
    int n = b.getInt();
    if (n < 0 || n != file.length - 24) {
      return null;
    }
    CRC32C crc = new CRC32C();
    crc.update(file, 0, file.length - 4);
    if ((int) crc.getValue() != ByteBuffer.wrap(file, file.length - 4, 4).getInt()) {
      return null;
    }
    byte[] payload = new byte[n];
    System.arraycopy(file, 20, payload, 0, n);
    return payload;
  }

  private Path dir(String topic, int partition) {
    Objects.requireNonNull(topic, "topic");
    if (topic.isEmpty() || !topic.matches("[A-Za-z0-9._-]+") || topic.startsWith(".")) {
      throw new IllegalArgumentException(
          "topic name of length "
              + topic.length()
              + " is not a legal Kafka topic name; use letters, digits, '.', '_' and '-'");
    }
    if (partition < 0) {
      throw new IllegalArgumentException("partition (" + partition + ") is negative");
    }
    return folder.resolve(topic + "-" + partition);
  }

  private static String key(String topic, int partition) {
    return topic + "-" + partition;
  }

  private static String name(long gen) {
    return String.format("%019d", gen) + SUFFIX;
  }
}
