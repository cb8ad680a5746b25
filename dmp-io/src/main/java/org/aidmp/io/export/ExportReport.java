package org.aidmp.io.export;

import java.util.List;

/**
 * What an export wrote.
 *
 * <pre>{@code
 * ExportReport r = exporter.exportSegments(segments, target);
 * System.out.println(r.rows() + " rows to " + r.target() + ", omitted " + r.omitted());
 * }</pre>
 *
 * @param target where it went
 * @param rows data rows written, the header not counted
 * @param exported names of the groups written (empty for recommendations)
 * @param omitted names of groups left out for being smaller than the minimum
 */
public record ExportReport(String target, long rows, List<String> exported, List<String> omitted) {
  /** Copies the lists. */
  public ExportReport {
    exported = List.copyOf(exported);
    omitted = List.copyOf(omitted);
  }
}
