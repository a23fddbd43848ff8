/** Small helpers shared by the other packages; not an API. */
package dev.mtk.internal;
