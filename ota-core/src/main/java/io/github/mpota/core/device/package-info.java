/**
 * The device side of the v1 wire: {@link DeviceConnection} reads and writes every byte a device exchanges with its
 * client over one accepted connection (challenge, response, OK or AUTH_FAIL, length header, metadata, payload, the
 * last word), and tells a {@link DeviceListener} each word it sends and each authentication attempt.
 *
 * <p>Policy (what to validate, where to write, when to reboot) belongs to the runtime that composes these steps. It
 * may depend on {@code protocol} and {@code auth}; it must not depend on {@code client}, whose side of the wire it
 * answers, nor on the device runtime.
 */
package io.github.mpota.core.device;
