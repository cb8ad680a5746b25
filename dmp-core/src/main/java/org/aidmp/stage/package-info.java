/**
 * The stage contracts: each kind of stage is a small interface whose {@code fit} returns an
 * immutable model, and each model answers. The pipeline takes these interfaces, so a user can plug
 * in their own segmenter or scorer beside the built-in ones. Pipeline runs and fitted models record
 * where they came from in one {@link org.aidmp.stage.Provenance}, a {@link
 * org.aidmp.stage.StageRecord} per stage.
 */
package org.aidmp.stage;
