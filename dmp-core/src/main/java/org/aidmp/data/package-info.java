/**
 * The record model every stage speaks: a {@link org.aidmp.data.Schema} of typed columns, immutable
 * {@link org.aidmp.data.Record}s that remember where they came from, {@link org.aidmp.data.Source}s
 * and {@link org.aidmp.data.Sink}s, and the handling of bad rows ({@link
 * org.aidmp.data.BadRecordPolicy}, {@link org.aidmp.data.Quarantine}).
 */
package org.aidmp.data;
