/**
 * The runtime's command line ({@code java -jar ota-device-runtime-...-all.jar --root DIR ...}): options parsed and
 * checked, a usage error in one line with exit code 2, then a board that runs until stopped.
 *
 * <p>It may depend on every other package of the runtime; none may depend on it.
 */
package io.github.mpota.runtime.cli;
