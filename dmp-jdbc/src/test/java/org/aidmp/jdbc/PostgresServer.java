package org.aidmp.jdbc;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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
 * A real PostgreSQL server for tests, on 127.0.0.1 and a free port, from the binaries that the
 * {@code io.zonky.test.postgres} artifacts ship on the test class path. Zonky's own launcher is not
 * used because PostgreSQL refuses to run as root, as builds in containers do: when the JVM runs as
 * root this launcher runs {@code initdb} and the server as the {@code nobody} user through {@code
 * setpriv}, and as the current user otherwise.
 */
final class PostgresServer implements AutoCloseable {
  private static final String ARCHIVE = "postgres-linux-x86_64.txz";
  private final Path binaries;
  private final Path data;
  private final int port;
  private final boolean asNobody;

  private PostgresServer(Path binaries, Path data, int port, boolean asNobody) {
    this.binaries = binaries;
    this.data = data;
    this.port = port;
    this.asNobody = asNobody;
  }

  /** Starts a fresh server with an empty database {@code postgres}. */
  static PostgresServer start() throws IOException, InterruptedException {
    Path bin = extract();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path data = Files.createTempDirectory("dmp-pg-data");
    if (root) {
      run(List.of("chown", "-R", "65534:65534", data.toString()), false);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    PostgresServer pg = new PostgresServer(bin, data, port, root);
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
    return pg;
  }

  /** A JDBC URL for the {@code postgres} database as the {@code postgres} user. */
  String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  /** A new connection. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url());
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
      full.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
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

  /** Unpacks the binaries once per machine into the temporary folder, then reuses them. */
  private static synchronized Path extract() throws IOException {
    Path target = Path.of(System.getProperty("java.io.tmpdir"), "dmp-test-postgres-14");
    if (Files.isExecutable(target.resolve("bin/postgres"))) {
      return target;
    }
    Path work = Files.createTempDirectory("dmp-test-postgres-unpack");
    try (InputStream raw = PostgresServer.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
      if (raw == null) {
        throw new IOException(ARCHIVE + " is not on the class path; add the zonky binaries");
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
            Set<PosixFilePermission> perms =
                EnumSet.of(
                    PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.GROUP_READ,
                    PosixFilePermission.OTHERS_READ);
            if ((e.getMode() & 0100) != 0) {
              perms.add(PosixFilePermission.OWNER_EXECUTE);
              perms.add(PosixFilePermission.GROUP_EXECUTE);
              perms.add(PosixFilePermission.OTHERS_EXECUTE);
            }
            Files.setPosixFilePermissions(out, perms);
          }
        }
      }
    }
    try {
      Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // another JVM unpacked it first
      deleteTree(work);
    }
    Set<PosixFilePermission> open =
        EnumSet.of(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_EXECUTE);
    Files.setPosixFilePermissions(target, open);
    return target;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Stops the server at once and deletes its data. */
  @Override
  public void close() throws IOException, InterruptedException {
    try {
      pg(List.of("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"));
    } finally {
      deleteTree(data);
    }
  }
}
