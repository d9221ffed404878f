/**
 * Would a board take this update? {@link UpdateCheck} runs a real push, through the core's {@link
 * io.github.mpota.core.client.OtaClient}, into a device runtime in a temporary folder, and reports the board's file
 * tree and free space afterwards: the logic of {@code ota:check}, shared by every front end.
 *
 * <p>It may depend on the runtime's API, {@code flash}, and the core's {@code client} and {@code payload}; it is the
 * only package of the runtime that plays the client, and it must not depend on Maven.
 */
package io.github.mpota.runtime.check;
