/**
 * Test utilities: {@link org.aidmp.testing.LogCapture} collects every SLF4J log line written during
 * a test, through {@link org.aidmp.testing.CapturingServiceProvider}, the tests' logging backend.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) { ... logs.lines() ... }
 * }</pre>
 */
package org.aidmp.testing;
