/**
 * Runnable programs: {@link org.aidmp.examples.Quickstart} (the README's main command, on generated
 * sample data or your own CSV files), the live feedback replay it ends with, and the real-data
 * walkthroughs that take the path of public data sets ({@link org.aidmp.examples.FrantiBenchmark},
 * {@link org.aidmp.examples.MovieLensEvaluation}).
 */
package org.aidmp.examples;
