package org.aidmp.examples;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A PostgreSQL server of the program's own, on 127.0.0.1 and a free port, run from the binaries
 * that the {@code io.zonky.test.postgres} artifact ships on the class path, so the example needs no
 * database installed by hand.
 *
 * <pre>{@code
 * try (LocalPostgres pg = LocalPostgres.start()) {
 *   Connection c = DriverManager.getConnection(pg.url());
 * }   // stopped, its data deleted
 * }</pre>
 *
 * <p>PostgreSQL refuses to run as root, as programs in containers often do: when the JVM runs as
 * root, {@code initdb} and the server run as the {@code nobody} user through {@code setpriv}; as
 * the current user otherwise. Linux on x86-64 only, which is what the bundled binaries are built
 * for.
 */
final class LocalPostgres implements AutoCloseable {
  private static final String ARCHIVE = "postgres-linux-x86_64.txz";
  private static final int NOBODY = 65534;
  private final Path binaries;
  private final Path data;
  private final int port;
  private final boolean asNobody;

  private LocalPostgres(Path binaries, Path data, int port, boolean asNobody) {
    this.binaries = binaries;
    this.data = data;
    this.port = port;
    this.asNobody = asNobody;
  }

  /**
   * Unpacks the binaries (once per machine, into the temporary folder), creates an empty cluster
   * with database {@code postgres} and starts the server; waits until it accepts connections.
   *
   * @throws IOException if the binaries are missing or a PostgreSQL command fails (its output is in
   *     the message)
   */
  static LocalPostgres start() throws IOException, InterruptedException {
    Path bin = unpack();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path data = Files.createTempDirectory("dmp-example-pg");
    if (root) {
      run(List.of("chown", "-R", NOBODY + ":" + NOBODY, data.toString()), false);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    LocalPostgres pg = new LocalPostgres(bin, data, port, root);
    try {
      pg.pg(
          List.of(
              "initdb",
              "-A",
              "trust",
              "-U",
              "postgres",
              "-E",
              "UTF-8",
              "--no-locale",
              "-D",
              data.toString()));
      pg.pg(
          List.of(
              "pg_ctl",
              "-D",
              data.toString(),
              "-l",
              data.resolve("server.log").toString(),
              "-w",
              "-t",
              "60",
              "-o",
              "-p "
                  + port
                  + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
                  + data
                  + " -c fsync=off",
              "start"));
    } catch (IOException | InterruptedException | RuntimeException e) {
      deleteTree(data);
      throw e;
    }
    return pg;
  }

  /** A JDBC URL for database {@code postgres} as user {@code postgres} (no password). */
  String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  /** The port the server listens on. */
  int port() {
    return port;
  }

  private void pg(List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(command);
    full.set(0, binaries.resolve("bin").resolve(command.get(0)).toString());
    run(full, asNobody);
  }

  private static void run(List<String> command, boolean asNobody)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asNobody) {
      full.addAll(
          List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
    }
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
    pb.environment().put("LC_ALL", "C");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", full) + " failed: " + new String(out));
    }
  }

  /** The unpacked binaries, shared by every run on this machine. */
  private static synchronized Path unpack() throws IOException {
    Path target = Path.of(System.getProperty("java.io.tmpdir"), "dmp-example-postgres");
    if (Files.isExecutable(target.resolve("bin/postgres"))) {
      return target;
    }
    Path work = Files.createTempDirectory("dmp-example-postgres-unpack");
    try (InputStream raw = LocalPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
      if (raw == null) {
        throw new IOException(
            ARCHIVE
                + " is not on the class path; run from examples/target/dmp-examples.jar, which"
                + " bundles the PostgreSQL binaries for Linux x86-64, or pass a JDBC URL");
      }
      try (TarArchiveInputStream tar =
          new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw)))) {
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
          Path out = work.resolve(e.getName()).normalize();
          if (!out.startsWith(work)) {
            throw new IOException("archive entry outside the target: " + e.getName());
          }
          if (e.isDirectory()) {
            Files.createDirectories(out);
          } else if (e.isSymbolicLink()) {
            Files.createDirectories(out.getParent());
            Files.createSymbolicLink(out, Path.of(e.getLinkName()));
          } else {
            Files.createDirectories(out.getParent());
            Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(out, permissions((e.getMode() & 0100) != 0));
          }
        }
      }
    }
    try {
      Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // another process unpacked it first
      deleteTree(work);
    }
    // the nobody user must be able to reach the binaries
    Files.setPosixFilePermissions(target, permissions(true));
    return target;
  }

  private static Set<PosixFilePermission> permissions(boolean executable) {
    Set<PosixFilePermission> p =
        EnumSet.of(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);
    if (executable) {
      p.add(PosixFilePermission.OWNER_EXECUTE);
      p.add(PosixFilePermission.GROUP_EXECUTE);
      p.add(PosixFilePermission.OTHERS_EXECUTE);
    }
    return p;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Stops the server (fast shutdown, waiting for it) and deletes its data. */
  @Override
  public void close() throws IOException, InterruptedException {
    try {
      pg(List.of("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop"));
    } finally {
      deleteTree(data);
    }
  }
}
