/**
 * The scenarios as data: the catalogue of {@code conformance/scenarios.json}, each scenario's script of client steps
 * and what a board of each kind must show, checked for consistency when loaded.
 *
 * <p>It depends on Jackson alone; it must not depend on the runner or on a connection.
 */
package io.github.mpota.conformance.scenario;
