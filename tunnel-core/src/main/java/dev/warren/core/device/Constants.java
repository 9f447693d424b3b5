package dev.warren.core.device;

/** The protocol constants of the whitepaper (§6.1) and wireguard-go's implementation constants. */
public final class Constants {

    public static final long SECOND = 1_000_000_000L;

    public static final long REKEY_AFTER_MESSAGES = 1L << 60;
    /** 2^64 − 2^13 − 1 as an unsigned value. */
    public static final long REJECT_AFTER_MESSAGES = ReplayWindow.REJECT_AFTER_MESSAGES;
    public static final long REKEY_AFTER_TIME = 120 * SECOND;
    public static final long REKEY_ATTEMPT_TIME = 90 * SECOND;
    public static final long REKEY_TIMEOUT = 5 * SECOND;
    /** Up to this much random delay is added to REKEY_TIMEOUT so that peers do not retry in lockstep. */
    public static final long REKEY_TIMEOUT_JITTER_MAX = 334_000_000L;
    /** Retries before giving up: REKEY_ATTEMPT_TIME / REKEY_TIMEOUT. */
    public static final int MAX_TIMER_HANDSHAKES = (int) (REKEY_ATTEMPT_TIME / REKEY_TIMEOUT);
    public static final long REJECT_AFTER_TIME = 180 * SECOND;
    public static final long KEEPALIVE_TIMEOUT = 10 * SECOND;
    public static final int PADDING_MULTIPLE = 16;

    /** How long the device counts as under load after its handshake queue was last found long. */
    public static final long UNDER_LOAD_AFTER_TIME = SECOND;

    /** The largest UDP payload, hence the largest message. */
    public static final int MAX_MESSAGE_SIZE = 65535;

    public static final int QUEUE_STAGED_SIZE = 128;
    public static final int QUEUE_OUTBOUND_SIZE = 1024;
    public static final int QUEUE_INBOUND_SIZE = 1024;
    public static final int QUEUE_HANDSHAKE_SIZE = 1024;

    private Constants() {
    }
}
