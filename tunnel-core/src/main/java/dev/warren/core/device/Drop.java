package dev.warren.core.device;

/** Why a packet was dropped; the device counts each (see {@link Device#dropped(Drop)}). */
public enum Drop {
    /** A datagram too short for any message, or of an unknown type. */
    MALFORMED,
    /** A handshake message whose length is not its type's fixed size. */
    WRONG_SIZE,
    /** A handshake message whose mac1 is wrong (not for us, or altered). */
    INVALID_MAC1,
    /** A handshake message refused while under load: no valid mac2 (a cookie reply was sent) or rate limited. */
    UNDER_LOAD,
    /** An initiation or response that did not authenticate or is not for a known peer or handshake. */
    HANDSHAKE_INVALID,
    /** An initiation whose timestamp is not newer than the last one accepted from its peer. */
    HANDSHAKE_REPLAY,
    /** An initiation less than 20 ms after the last one accepted from its peer. */
    HANDSHAKE_FLOOD,
    /** A cookie reply that does not decrypt or answers nothing we sent. */
    COOKIE_REPLY_INVALID,
    /** A transport message for a receiver index we do not have. */
    UNKNOWN_RECEIVER,
    /** A transport message for a keypair older than REJECT_AFTER_TIME. */
    KEYPAIR_EXPIRED,
    /** A transport message that failed authentication. */
    DECRYPTION_FAILED,
    /** A transport message whose counter was already seen or is too old for the replay window. */
    REPLAYED,
    /** A decrypted packet that is not a well-formed IPv4/IPv6 packet. */
    INVALID_INNER_PACKET,
    /** A decrypted packet whose source address is not in the sending peer's allowed IPs. */
    DISALLOWED_SOURCE,
    /** An outgoing packet whose destination matches no peer's allowed IPs. */
    NO_ROUTE,
    /** A packet lost to a full queue (the oldest staged packets also count here when replaced). */
    QUEUE_FULL,
    /** Staged packets discarded because no handshake completed in REKEY_ATTEMPT_TIME, or keys were zeroed. */
    NO_KEYPAIR,
    /** A packet that could not be sent (no endpoint, or the socket failed). */
    SEND_FAILED
}
