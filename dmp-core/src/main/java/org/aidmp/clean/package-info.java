/**
 * Cleaning records between reading and profiling: each rule is a {@link org.aidmp.clean.Cleaner}
 * (one method: take a record, return it fixed or unchanged, reject it, or skip it), and a {@link
 * org.aidmp.clean.Cleaning} runs an ordered list of them over a {@link org.aidmp.data.Source},
 * streaming, under a {@link org.aidmp.data.BadRecordPolicy}, and counts what each rule did in a
 * {@link org.aidmp.clean.CleaningReport}.
 *
 * <p>Built-in rules: {@link org.aidmp.clean.DropDuplicates}, {@link org.aidmp.clean.NormalizeText},
 * {@link org.aidmp.clean.RegexReplace}, {@link org.aidmp.clean.ConvertTypes}, {@link
 * org.aidmp.clean.Validate}, {@link org.aidmp.clean.Impute} (a {@link
 * org.aidmp.clean.FittableCleaner}, fitted on one pass), {@link org.aidmp.clean.MapSynonyms},
 * {@link org.aidmp.clean.DropColumns} and {@link org.aidmp.clean.MaskColumns} (pseudonymise,
 * redact, partly mask or drop personal data).
 */
package org.aidmp.clean;
