/**
 * The board's OTA server: {@link OtaServer} accepts one connection at a time and runs a profile on it, the reference
 * device quirks included ({@link UpstreamUpdate}) or hardened ({@link HardenedUpdate}, with deadlines, the guessing
 * slow-down and the atomic {@link UpdateJournal}; {@link HardenedV2Session} for protocol v2); the steps both profiles
 * take alike live in {@link UpdateSteps}.
 *
 * <p>Every wire byte goes through the core's {@link io.github.mpota.core.device.DeviceConnection} (and the core's v2
 * frames); this package decides only policy. It may depend on the core's {@code protocol}, {@code auth}, {@code
 * metadata}, {@code payload}, {@code device} and {@code v2}, on {@code flash}, {@code config} and {@code transcript},
 * and on the runtime's {@link io.github.mpota.runtime.Profile} and {@link io.github.mpota.runtime.SessionOutcome}; it
 * must not depend on the core's {@code client}.
 */
package io.github.mpota.runtime.server;
