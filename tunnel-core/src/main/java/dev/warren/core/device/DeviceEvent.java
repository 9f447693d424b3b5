package dev.warren.core.device;

import dev.warren.core.config.Key;
import java.net.InetSocketAddress;

/**
 * Something that happened in a device, for the manager's log. Peers are named by their public key; no event
 * ever carries a private, preshared or session key.
 */
public sealed interface DeviceEvent {

    /** The peer concerned, or null for device-wide events. */
    Key peer();

    /** We sent a handshake initiation; {@code attempt} counts from 1 within one rekey attempt. */
    record HandshakeInitiated(Key peer, int attempt) implements DeviceEvent {
    }

    /** We answered an initiation with a response. */
    record HandshakeResponded(Key peer) implements DeviceEvent {
    }

    /** A handshake completed and a new keypair was derived. */
    record HandshakeCompleted(Key peer, boolean initiator) implements DeviceEvent {
    }

    /** The keypair received on became current (key confirmation by the peer's first packet). */
    record KeypairConfirmed(Key peer) implements DeviceEvent {
    }

    /** No handshake completed within REKEY_ATTEMPT_TIME; staged packets were dropped. */
    record HandshakeGaveUp(Key peer) implements DeviceEvent {
    }

    /** All keys of the peer were zeroed after 3 × REJECT_AFTER_TIME without a new handshake. */
    record KeysZeroed(Key peer) implements DeviceEvent {
    }

    /** The peer's endpoint changed to the source of an authenticated packet. */
    record PeerRoamed(Key peer, InetSocketAddress from, InetSocketAddress to) implements DeviceEvent {
    }

    /**
     * The peer's endpoint was set to another address by configuration rather than by a packet: its host name
     * resolved to a new address, or a UAPI {@code set}. Unlike the other events it is emitted on the thread that
     * called {@link Peer#setEndpoint}, before the new address takes effect, so a listener can let it through a
     * firewall before anything is sent there.
     */
    record EndpointChanged(Key peer, InetSocketAddress from, InetSocketAddress to) implements DeviceEvent {
    }

    /** The device answered a handshake message with a cookie reply because it is under load. */
    record CookieReplySent(Key peer, InetSocketAddress to) implements DeviceEvent {
    }

    /** A failure worth logging; {@code message} names where and what, never key material. */
    record Error(Key peer, String message) implements DeviceEvent {
    }
}
