package org.aidmp.io.npy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import org.ejml.data.FMatrixRMaj;

/**
 * NumPy {@code .npy} files for {@link FMatrixRMaj}: reads format versions 1 to 3 (float32 or
 * float64 in either byte order, C order, one or two dimensions, a vector becoming one column) and
 * writes format 1.0 (little-endian, C order) that {@code np.load} reads as an (n, d) array.
 *
 * <pre>{@code
 * FMatrixRMaj x = Npy.read(Path.of("X.npy"));
 * Npy.writeFloat32(Path.of("centroids.npy"), model.centroids());
 * }</pre>
 *
 * <p>Fortran order, other element types and more than two dimensions are refused with a message
 * that says how to convert the file in NumPy. Files are written atomically: to a temporary file in
 * the same folder, then renamed over the target, so a reader never sees half a file.
 */
public final class Npy {
  private Npy() {}

  /** Reads a file; float64 values are narrowed to float. */
  public static FMatrixRMaj read(Path path) throws IOException {
    return NpyReader.read(path);
  }

  /**
   * Reads one array from a stream, which is left positioned after it (not closed).
   *
   * @param source names the stream in error messages
   */
  public static FMatrixRMaj read(InputStream stream, String source) throws IOException {
    return NpyReader.read(stream, source);
  }

  /** Writes {@code m} as NumPy {@code float32} ({@code <f4}), atomically. */
  public static void writeFloat32(Path path, FMatrixRMaj m) throws IOException {
    NpyWriter.write(path, m, NpyType.FLOAT32);
  }

  /** Writes {@code m} as NumPy {@code float64} ({@code <f8}), atomically. */
  public static void writeFloat64(Path path, FMatrixRMaj m) throws IOException {
    NpyWriter.write(path, m, NpyType.FLOAT64);
  }

  /** Writes {@code m} as one {@code float32} array to a stream (not closed). */
  public static void writeFloat32(OutputStream out, FMatrixRMaj m) throws IOException {
    NpyWriter.write(out, m, NpyType.FLOAT32);
  }

  /** Writes {@code m} as one {@code float64} array to a stream (not closed). */
  public static void writeFloat64(OutputStream out, FMatrixRMaj m) throws IOException {
    NpyWriter.write(out, m, NpyType.FLOAT64);
  }
}
