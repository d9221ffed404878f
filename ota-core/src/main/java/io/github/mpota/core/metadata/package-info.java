/**
 * The metadata of step 6: its record, its compact writer and strict parser ({@link MetadataCodec}, on Jackson), and
 * the rules for a device path.
 *
 * <p>Shared by the client, which writes it, and the device side, which validates it before writing a byte. It may
 * depend on {@code protocol} and Jackson; it must not depend on {@code client}, {@code device} or {@code payload}.
 */
package io.github.mpota.core.metadata;
