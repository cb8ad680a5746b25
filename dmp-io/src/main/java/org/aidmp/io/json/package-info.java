/**
 * JSON Lines (one JSON value per line, as trackers and log shippers write events) read into records
 * under a declared schema, streaming with Jackson: nested fields by dotted path, lines that hold an
 * array of events, type coercion, a cap on line length, invalid UTF-8 reported with its byte
 * offset, gzip, and every bad line accounted for under a {@link org.aidmp.data.BadRecordPolicy}. A
 * line that cannot be read fails with a {@link org.aidmp.data.BadRecordException} whose {@link
 * org.aidmp.data.BadRecordException.Problem} code says what was wrong.
 */
package org.aidmp.io.json;
