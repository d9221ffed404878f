/**
 * Pushing one payload to many boards: the host list, the plan (canaries, parallel pushes, failure budget), the push
 * itself through the ordinary {@link io.github.mpota.core.client.OtaClient}, its display and its report.
 *
 * <p>It may depend on {@code client}, {@code payload}, {@code protocol}, {@code mdns} and Jackson (the JSON report);
 * it must not speak the wire itself (every byte goes through {@code client}) nor depend on Maven.
 */
package io.github.mpota.core.fleet;
