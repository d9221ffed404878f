/**
 * The device runtime: a MicroPython board running the OTA server, on the JVM ({@link DeviceRuntime}, built by {@link
 * DeviceRuntimeBuilder}): a host folder is its filesystem, a loopback port its WiFi address; it boots as {@code
 * boot.py} does ({@link BoardBoot}), serves one client at a time by the chosen {@link Profile}, and reboots after an
 * update.
 *
 * <p>It composes the subpackages and takes the contract's constants from the core's {@code protocol}; it must not
 * depend on Maven nor on the core's client side (only {@code check} plays the client). The plugin, the benchmark and
 * the tests embed a board through this package's API.
 */
package io.github.mpota.runtime;
