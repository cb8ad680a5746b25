package org.aidmp.spark;

import org.apache.spark.sql.SparkSession;

/** One local[2] SparkSession for every test class of the module (they run in one JVM). */
final class SparkTestSession {
  private SparkTestSession() {}

  private static final class Holder {
    static final SparkSession SESSION = start();

    private static SparkSession start() {
      SparkSession s =
          SparkSession.builder()
              .master("local[2]")
              .appName("dmp-spark-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.default.parallelism", "4")
              .config("spark.sql.adaptive.enabled", "false")
              .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "stop-test-spark"));
      return s;
    }
  }

  /** The shared session, started on first use. */
  static SparkSession get() {
    return Holder.SESSION;
  }
}
