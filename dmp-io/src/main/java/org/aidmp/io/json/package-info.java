/**
 * JSON Lines (one JSON value per line, as trackers and log shippers write events) read into records
 * under a declared schema, streaming with Jackson: nested fields by dotted path, lines that hold an
 * array of events, type coercion, a cap on line length, invalid UTF-8 reported with its byte
 * offset, gzip, and every bad line accounted for under a {@link org.aidmp.data.BadRecordPolicy}. A
 * line that cannot be read fails with the {@link org.aidmp.io.csv.TextFormatException} the CSV
 * source uses too.
 */
package org.aidmp.io.json;
