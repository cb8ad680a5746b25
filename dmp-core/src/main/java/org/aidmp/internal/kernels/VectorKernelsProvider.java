package org.aidmp.internal.kernels;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the kernels once, at first use: the Panama (Vector API) implementation when the JVM was
 * started with {@code --add-modules jdk.incubator.vector}, the scalar one otherwise or when the
 * system property {@value Tuning#KERNELS_PROPERTY} is {@code scalar}. One log line says which runs,
 * with its vector width, register count and tile shapes, and, for scalar, how to enable SIMD.
 *
 * <pre>{@code
 * VectorKernels kernels = VectorKernelsProvider.get();
 * }</pre>
 */
public final class VectorKernelsProvider {
  private static final Logger LOG = LoggerFactory.getLogger(VectorKernelsProvider.class);
  private static final String PANAMA_CLASS = "org.aidmp.internal.kernels.PanamaVectorKernels";

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
    if (!vectorModulePresent()) {
      return null;
    }
    try {
      return (VectorKernels) Class.forName(PANAMA_CLASS).getDeclaredField("INSTANCE").get(null);
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.debug("Panama kernels unavailable", e);
      return null;
    }
  }

  /**
   * Panama kernels tiled for {@code registers} vector registers (16 or 32) whatever this CPU has,
   * or null without the Vector API module: a test hook, so that every tile shape runs on one
   * machine.
   */
  static VectorKernels panamaWithRegisters(int registers) {
    if (!vectorModulePresent()) {
      return null;
    }
    try {
      return (VectorKernels)
          Class.forName(PANAMA_CLASS)
              .getDeclaredMethod("withRegisters", int.class)
              .invoke(null, registers);
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.debug("Panama kernels unavailable", e);
      return null;
    }
  }

  private static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  private static final class Holder {
    static final VectorKernels INSTANCE = pick();

    private static VectorKernels pick() {
      if ("scalar".equalsIgnoreCase(System.getProperty(Tuning.KERNELS_PROPERTY, ""))) {
        LOG.info("dmp vector kernels: scalar, as {}=scalar asks", Tuning.KERNELS_PROPERTY);
        return ScalarVectorKernels.INSTANCE;
      }
      VectorKernels panama = panamaOrNull();
      if (panama != null) {
        LOG.info("dmp vector kernels: {} ({})", panama.name(), panama.shape());
        return panama;
      }
      LOG.info(
          "dmp vector kernels: scalar; start the JVM with --add-modules jdk.incubator.vector"
              + " to enable SIMD");
      return ScalarVectorKernels.INSTANCE;
    }
  }
}
