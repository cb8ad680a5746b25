package org.aidmp.pipeline;

/**
 * The entry point of the library.
 *
 * <pre>{@code
 * PipelineResult result = Dmp.pipeline()
 *     .events(eventsSource)
 *     .mapEvents(EventMapping.builder().setUserIdColumn("user_id")
 *         .setTimestampColumn("ts").setTypeColumn("event").get())
 *     .features(FeatureSpec.DEFAULT)
 *     .run();
 * }</pre>
 */
public final class Dmp {
  private Dmp() {}

  /** A new pipeline builder; see {@link Pipeline.Builder}. */
  public static Pipeline.Builder pipeline() {
    return Pipeline.builder();
  }
}
