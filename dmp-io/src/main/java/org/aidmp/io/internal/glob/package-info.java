/**
 * Internal, not exported: may change at any time. The glob over object keys and relative paths that
 * the S3 source and file sets share.
 */
package org.aidmp.io.internal.glob;
