/**
 * Internal helpers of the Spark stages (float blocks of rows, the fixed-order reduction); not part
 * of the API and may change without notice.
 */
package org.aidmp.spark.internal;
