/**
 * The conformance kit: plays the contract's scenarios against one board over raw sockets ({@link ConformanceKit},
 * {@link ScenarioRunner}, {@link DeviceLink}), holds each observation against the expectation of the board's kind
 * ({@link Verdict}), and reports in words and as JUnit XML.
 *
 * <p>It speaks the wire byte by byte itself, so that it can break the contract on purpose; it may depend on the core's
 * {@code protocol} and {@code auth}, Jackson and {@code scenario}; it must not depend on the core's {@code client},
 * the device runtime or Maven (the goal and the CLI only read options, call the kit and print).
 */
package io.github.mpota.conformance;
