package org.aidmp.kernels;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the kernels once, at first use: the Panama (Vector API) implementation when the JVM was
 * started with {@code --add-modules jdk.incubator.vector}, the scalar one otherwise. One log line
 * says which runs and, for scalar, how to enable SIMD.
 */
public final class VectorKernelsProvider {
  private static final Logger LOG = LoggerFactory.getLogger(VectorKernelsProvider.class);
  private static final String PANAMA_CLASS = "org.aidmp.kernels.PanamaVectorKernels";

  private VectorKernelsProvider() {}

  /** The kernels this JVM uses. */
  public static VectorKernels get() {
    return Holder.INSTANCE;
  }

  /** The scalar kernels, whatever the JVM supports; for tests and benchmarks. */
  public static VectorKernels scalar() {
    return ScalarVectorKernels.INSTANCE;
  }

  /** The Panama kernels, or {@code null} when the Vector API module is not present. */
  public static VectorKernels panamaOrNull() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return null;
    }
    try {
      return (VectorKernels) Class.forName(PANAMA_CLASS).getDeclaredField("INSTANCE").get(null);
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.debug("Panama kernels unavailable", e);
      return null;
    }
  }

  private static final class Holder {
    static final VectorKernels INSTANCE = pick();

    private static VectorKernels pick() {
      VectorKernels panama = panamaOrNull();
      if (panama != null) {
        LOG.info("dmp vector kernels: {}", panama.name());
        return panama;
      }
      LOG.info(
          "dmp vector kernels: scalar; start the JVM with --add-modules jdk.incubator.vector"
              + " to enable SIMD");
      return ScalarVectorKernels.INSTANCE;
    }
  }
}
