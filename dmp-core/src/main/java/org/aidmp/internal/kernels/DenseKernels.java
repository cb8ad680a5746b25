package org.aidmp.internal.kernels;

/**
 * The register-tiled micro-kernel of a packed double-precision matrix product, on which the dense
 * linear algebra (the blocked inverse under EASE) puts almost all of its flops. Operands come
 * packed in micro-panels, so that the kernel streams both through L1 and keeps a whole tile of the
 * result in vector registers for the length of the product.
 *
 * <pre>{@code
 * DenseKernels k = DenseKernelsProvider.get();
 * int mr = k.tileRows(), nr = k.tileColumns();
 * // u: depth × mr packed, w: depth × nr packed, c: an mr × nr tile of a row-major matrix
 * k.multiplyAddTile(u, 0, w, 0, depth, c, row * ldc + col, ldc);
 * }</pre>
 *
 * <p>Every implementation computes each element of the tile as the same sequence of fused
 * multiply-adds, in the order of the depth index, so that all of them (scalar or SIMD, any tile
 * shape) give bit-identical results. Implementations do not allocate and do not check bounds.
 */
public interface DenseKernels {
  /** A short name for logs: "scalar" or "panama-256" and the like. */
  String name();

  /** Rows of the tile, MR: the width of the micro-panels of {@code u}. */
  int tileRows();

  /** Columns of the tile, NR: the width of the micro-panels of {@code w}. */
  int tileColumns();

  /**
   * {@code c[cOff + r·ldc + j] ← fma(u[uOff + t·MR + r], w[wOff + t·NR + j], c[cOff + r·ldc + j])}
   * for t = 0, 1, …, depth − 1 in that order, for every r in [0, MR) and j in [0, NR).
   *
   * @param u read: depth rows of MR values, row t at {@code uOff + t·MR}
   * @param w read: depth rows of NR values, row t at {@code wOff + t·NR}
   * @param c modified: the MR × NR tile, row r at {@code cOff + r·ldc}
   */
  void multiplyAddTile(
      double[] u, int uOff, double[] w, int wOff, int depth, double[] c, int cOff, int ldc);
}
