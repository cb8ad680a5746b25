package org.aidmp.internal.kernels;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the {@link DenseKernels} once, at first use, as {@link VectorKernelsProvider} picks the
 * float ones: the Panama implementation when the JVM was started with {@code --add-modules
 * jdk.incubator.vector}, the scalar one otherwise or when {@value Tuning#KERNELS_PROPERTY} is
 * {@code scalar}. Both give bit-identical results; one log line says which runs.
 *
 * <pre>{@code
 * DenseKernels kernels = DenseKernelsProvider.get();
 * }</pre>
 */
public final class DenseKernelsProvider {
  private static final Logger LOG = LoggerFactory.getLogger(DenseKernelsProvider.class);
  private static final String PANAMA_CLASS = "org.aidmp.internal.kernels.PanamaDenseKernels";

  private DenseKernelsProvider() {}

  /** The kernels this JVM uses. */
  public static DenseKernels get() {
    return Holder.INSTANCE;
  }

  /** The scalar kernels, whatever the JVM supports; for tests and benchmarks. */
  public static DenseKernels scalar() {
    return ScalarDenseKernels.INSTANCE;
  }

  /** The Panama kernels, or {@code null} when the Vector API module is not present. */
  public static DenseKernels panamaOrNull() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return null;
    }
    try {
      return (DenseKernels) Class.forName(PANAMA_CLASS).getDeclaredField("INSTANCE").get(null);
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.debug("Panama dense kernels unavailable", e);
      return null;
    }
  }

  private static final class Holder {
    static final DenseKernels INSTANCE = pick();

    private static DenseKernels pick() {
      if ("scalar".equalsIgnoreCase(System.getProperty(Tuning.KERNELS_PROPERTY, ""))) {
        LOG.info("dmp dense kernels: scalar, as {}=scalar asks", Tuning.KERNELS_PROPERTY);
        return ScalarDenseKernels.INSTANCE;
      }
      DenseKernels panama = panamaOrNull();
      DenseKernels chosen = panama != null ? panama : ScalarDenseKernels.INSTANCE;
      LOG.info(
          "dmp dense kernels: {} ({} x {} tile)",
          chosen.name(),
          chosen.tileRows(),
          chosen.tileColumns());
      return chosen;
    }
  }
}
