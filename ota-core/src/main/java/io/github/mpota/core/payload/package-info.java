/**
 * The payload of steps 9 and 10: the selected files deflated into one raw stream in a temporary file (the JDK's zlib,
 * jzlib for small windows, jzopfli in parallel segments joined bit to bit), checked by inflating it back before it is
 * sent, and the inflater a device uses to cut the stream back into the listed files.
 *
 * <p>It may depend on {@code protocol}, {@code metadata}, {@code selection} (the files to pack) and the compression
 * libraries; it must not open a connection nor depend on {@code client} or {@code device}.
 */
package io.github.mpota.core.payload;
