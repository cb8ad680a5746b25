/**
 * The fluent pipeline that wires the stages together: {@link org.aidmp.pipeline.Pipeline#builder()}
 * reads and cleans events and attributes, folds them into profiles, turns the profiles into a
 * feature matrix and returns an immutable {@link org.aidmp.pipeline.PipelineResult} with the
 * reports and the {@link org.aidmp.stage.Provenance} of the run.
 */
package org.aidmp.pipeline;
