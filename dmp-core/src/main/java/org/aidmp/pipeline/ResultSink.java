package org.aidmp.pipeline;

import java.io.IOException;

/**
 * An output stage: receives the finished result of a run (to export audiences, write a report, save
 * a snapshot). Sinks run in the order they were added, after every model is fitted; a sink that
 * fails fails the run.
 *
 * <pre>{@code
 * ResultSink sizes = result -> System.out.println(result.segmentation().orElseThrow().k());
 * Pipeline.builder()...output(sizes).run();
 * }</pre>
 */
@FunctionalInterface
public interface ResultSink {
  /**
   * Writes what it needs from the result.
   *
   * @throws IOException if writing fails; the run then fails with it
   */
  void write(PipelineResult result) throws IOException;
}
