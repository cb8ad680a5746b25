/**
 * Internal: dense linear algebra in double precision for the library's models (the inverse under
 * EASE), with its flops in the register-tiled kernels of {@link org.aidmp.internal.kernels}. Not a
 * public API: signatures may change between releases.
 */
package org.aidmp.internal.linalg;
