package org.aidmp.io.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes to a temporary file beside the target and renames it over the target on commit. */
final class FileExportOutput extends ExportOutput {
  private final Path target;
  private final Path tmp;
  private final FileChannel channel;
  private final OutputStream out;
  private boolean done;

  FileExportOutput(Path target) throws IOException {
    this.target = target;
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    this.tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    this.channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
    this.out = new java.io.BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
  }

  private void checkOpen() throws IOException {
    if (done) {
      throw new IOException(target + ": output already committed or closed");
    }
  }

  @Override
  public void write(int b) throws IOException {
    checkOpen();
    out.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    checkOpen();
    out.write(b, off, len);
  }

  @Override
  public void commit() throws IOException {
    checkOpen();
    out.flush();
    channel.force(true);
    channel.close();
    done = true;
    boolean moved = false;
    try {
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        // The temporary file holds user ids: it must not outlive a failed export.
        Files.deleteIfExists(tmp);
      }
    }
    try (FileChannel d = FileChannel.open(tmp.getParent(), StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Folders cannot be forced on every platform; the rename is as durable as the OS makes it.
    }
  }

  @Override
  public void close() throws IOException {
    if (!done) {
      done = true;
      channel.close();
      Files.deleteIfExists(tmp);
    }
  }
}
