/** Progress reporting for long work: ingestion, fitting, evaluation. */
package org.aidmp.progress;
