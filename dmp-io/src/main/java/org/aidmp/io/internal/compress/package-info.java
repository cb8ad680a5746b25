/**
 * Internal, not exported: may change at any time. How the library's sources decide that their bytes
 * are gzip (by setting, by file name, then by the magic bytes) and expand them under a cap on the
 * expansion ratio.
 */
package org.aidmp.io.internal.compress;
