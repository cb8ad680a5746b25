package org.aidmp.io.npy;

/** The element types {@link NpyWriter} writes and {@link NpyReader} reads. */
enum NpyType {
  /** IEEE binary32, NumPy {@code float32} ({@code <f4} or {@code >f4}). */
  FLOAT32(4, "f4"),
  /** IEEE binary64, NumPy {@code float64} ({@code <f8} or {@code >f8}); narrowed to float. */
  FLOAT64(8, "f8");

  final int bytes;
  final String code;

  NpyType(int bytes, String code) {
    this.bytes = bytes;
    this.code = code;
  }
}
