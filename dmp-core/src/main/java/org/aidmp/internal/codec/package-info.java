/**
 * Internal: the one framing of the library's binary formats and the registry of their magic
 * numbers. Not exported; not part of the API.
 */
package org.aidmp.internal.codec;
