package io.github.mpota.core.client;

/** What went wrong in a push, so that front ends can give advice that fits. */
public enum PushFailure {
    /** The host name did not resolve. */
    HOST_NOT_FOUND,
    /** Nothing listens on the port, after every retry. */
    CONNECTION_REFUSED,
    /** No connection within the connect timeout, after every retry. */
    CONNECT_TIMEOUT,
    /** The peer sent bytes that no OTA device sends at that point. */
    UNEXPECTED_REPLY,
    /** The device answered {@code AUTH_FAIL} to every attempt. */
    AUTHENTICATION_REFUSED,
    /** The device answered {@code FAIL}. */
    DEVICE_FAILED,
    /** The connection ended before the phase was complete. */
    CONNECTION_LOST,
    /** The device said nothing within the phase's timeout. */
    TIMEOUT,
    /** The payload could not be read from this machine, or no password was supplied. */
    LOCAL_ERROR
}
