/**
 * Cleaning records between reading and profiling: each rule is a {@link org.aidmp.clean.Cleaner}
 * (one method: take a record, return it fixed or unchanged, reject it, or skip it), and a {@link
 * org.aidmp.clean.Cleaning} runs an ordered list of them over a {@link org.aidmp.data.Source},
 * streaming, under a {@link org.aidmp.data.BadRecordPolicy}, and counts what each rule did in a
 * {@link org.aidmp.clean.CleaningReport}.
 *
 * <p>Built-in rules come from the factories of {@link org.aidmp.clean.Cleaners} (drop columns or
 * duplicates, derive a column by an {@link org.aidmp.clean.Expr}, trim and case text, regular
 * expressions, synonyms, validation, and pseudonymising, redacting or partly masking personal
 * data), plus {@link org.aidmp.clean.ConvertTypes} and {@link org.aidmp.clean.Impute} (a {@link
 * org.aidmp.clean.FittableCleaner}, fitted on one pass).
 */
package org.aidmp.clean;
