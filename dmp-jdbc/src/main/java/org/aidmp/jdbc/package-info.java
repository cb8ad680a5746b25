/**
 * Database tables as sources and sinks over JDBC: {@link org.aidmp.jdbc.JdbcSource} streams a query
 * with a fetch size and maps SQL types to the schema; {@link org.aidmp.jdbc.JdbcSink} writes
 * records in batches inside transactions, idempotently per run, refusing groups below a minimum
 * number of distinct users.
 */
package org.aidmp.jdbc;
