/**
 * The segment report: one self-contained HTML page with inline SVG charts (segment sizes, personas,
 * a PCA map of users coloured by segment, the K-Means convergence curve, the cleaning report),
 * built from plain inputs.
 *
 * <pre>{@code
 * SegmentReport.builder().addSegment("loyal", 877).get().write(Path.of("report.html"));
 * }</pre>
 */
package org.aidmp.io.report;
