/**
 * Internal, not exported: may change at any time. How the library's sources open the streams their
 * callers hand them.
 */
package org.aidmp.io.internal.stream;
