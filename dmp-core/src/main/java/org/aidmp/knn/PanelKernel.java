package org.aidmp.knn;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: dot products of queries against rows stored in panels, the layout of {@link
 * CosineIndex}. A panel holds {@link #WIDTH} rows transposed: coordinate t of the panel's row r
 * is at {@code panelStart + t*WIDTH + r}. With that layout one SIMD vector holds one coordinate of
 * many rows, so a query's scores accumulate lane-wise with one fused multiply-add per coordinate
 * and no horizontal reduction per pair (the packing a BLAS GEMM does).
 *
 * <p>This kernel is not in {@code org.aidmp.kernels} because that package has no kernel over a
 * transposed row layout yet; it belongs there once it has one.
 */
interface PanelKernel {
  /** Rows per panel: one 512-bit vector of floats, two 256-bit ones. */
  int WIDTH = 16;

  /** A short name for provenance. */
  String name();

  /**
   * {@code out[outOff + i*outStride + j] = dot(query i, row j)} for i in [0, qRows) and j in [0,
   * panels*WIDTH), where query i starts at {@code qOff + i*d} and the rows are the {@code panels}
   * consecutive panels from {@code pOff} (each {@code WIDTH*d} floats).
   *
   * @param out modified
   */
  void scorePanels(
      float[] q, int qOff, int qRows, float[] p, int pOff, int panels, int d, float[] out,
      int outOff, int outStride);

  /**
   * The first index in [from, to) whose value is at least {@code threshold}, or {@code to} if
   * none: the scan skips the scores that cannot enter a heap without looking at each one.
   */
  int nextAtLeast(float[] a, int from, int to, float threshold);

  /** The kernel this JVM uses: Panama when the Vector API module is present, scalar otherwise. */
  static PanelKernel get() {
    return Holder.INSTANCE;
  }

  /** The plain-Java kernel. */
  static PanelKernel scalar() {
    return ScalarPanelKernel.INSTANCE;
  }

  /** The Panama kernel, or {@code null} without the Vector API module. */
  static PanelKernel panamaOrNull() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return null;
    }
    try {
      return (PanelKernel) Class.forName("org.aidmp.knn.PanamaPanelKernel")
          .getDeclaredField("INSTANCE").get(null);
    } catch (ReflectiveOperationException | LinkageError e) {
      LoggerFactory.getLogger(PanelKernel.class).debug("Panama panel kernel unavailable", e);
      return null;
    }
  }

  /** Picks the kernel once, at first use. */
  final class Holder {
    static final PanelKernel INSTANCE = pick();

    private Holder() {}

    private static PanelKernel pick() {
      PanelKernel k = panamaOrNull();
      Logger log = LoggerFactory.getLogger(CosineIndex.class);
      if (k == null) {
        log.info("dmp kNN kernel: scalar; start the JVM with --add-modules jdk.incubator.vector"
            + " to enable SIMD");
        return ScalarPanelKernel.INSTANCE;
      }
      log.info("dmp kNN kernel: {}", k.name());
      return k;
    }
  }
}
