/** Internal: the library's one timestamp parser. Not exported; not part of the API. */
package org.aidmp.internal.time;
