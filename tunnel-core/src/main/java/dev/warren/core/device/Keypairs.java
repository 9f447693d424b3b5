package dev.warren.core.device;

import java.util.function.Consumer;

/**
 * A peer's three keypair slots (whitepaper §5.4.5, wireguard-go's BeginSymmetricSession): {@code current} sends,
 * {@code previous} still receives packets in flight, and {@code next} is a responder's new keypair that becomes
 * current only once the initiator proves it has it by sending with it (key confirmation).
 */
final class Keypairs {

    private Keypair previous;
    private volatile Keypair current;
    private volatile Keypair next;

    /** The keypair to send with, or null. */
    Keypair current() {
        return current;
    }

    synchronized Keypair next() {
        return next;
    }

    synchronized Keypair previous() {
        return previous;
    }

    /** Installs a fresh keypair; {@code retire} is called for every keypair that drops out. */
    synchronized void install(Keypair keypair, Consumer<Keypair> retire) {
        if (keypair.initiator) {
            if (next != null) {
                retireIfSet(previous, retire);
                previous = next;
                next = null;
                retireIfSet(current, retire);
            } else {
                retireIfSet(previous, retire);
                previous = current;
            }
            current = keypair;
        } else {
            retireIfSet(next, retire);
            next = keypair;
            retireIfSet(previous, retire);
            previous = null;
        }
    }

    /**
     * Called when a packet authenticated under {@code keypair}: if it is {@code next}, it becomes current.
     *
     * @return true if this confirmed the next keypair
     */
    boolean confirm(Keypair keypair, Consumer<Keypair> retire) {
        if (next != keypair) {
            return false;
        }
        synchronized (this) {
            if (next != keypair) {
                return false;
            }
            retireIfSet(previous, retire);
            previous = current;
            current = next;
            next = null;
            return true;
        }
    }

    /** Retires every keypair. */
    synchronized void clear(Consumer<Keypair> retire) {
        retireIfSet(previous, retire);
        retireIfSet(current, retire);
        retireIfSet(next, retire);
        previous = null;
        current = null;
        next = null;
    }

    private static void retireIfSet(Keypair k, Consumer<Keypair> retire) {
        if (k != null) {
            retire.accept(k);
        }
    }
}
