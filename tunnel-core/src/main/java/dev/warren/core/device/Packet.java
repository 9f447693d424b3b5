package dev.warren.core.device;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One packet in flight through a pipeline, with its reusable buffer. Outbound, the plaintext sits at offset 16
 * so the transport header is written in front of it and the message is sealed in place; inbound, the datagram
 * is received at offset 0 and opened in place.
 *
 * <p>A packet is handed to a crypto worker and, in order, to its peer's sequential sender or receiver; the
 * latter waits in {@link #awaitProcessed} until the worker calls {@link #processed}.
 */
final class Packet {

    /** Put into a sequential stage's queue to make it return: peer stages are stopped this way, not interrupted. */
    static final Packet STOP = new Packet();

    final byte[] data = new byte[Constants.MAX_MESSAGE_SIZE + Constants.PADDING_MULTIPLE];
    final ByteBuffer buffer = ByteBuffer.wrap(data);

    /** Message length (outbound: plaintext length until sealed, then whole message; inbound: datagram). */
    int length;
    Peer peer;
    Keypair keypair;
    long counter;
    InetSocketAddress endpoint;
    /** Whether crypto succeeded; read by the sequential stage after {@link #awaitProcessed}. */
    boolean ok;
    private boolean done;

    void reset() {
        length = 0;
        peer = null;
        keypair = null;
        counter = 0;
        endpoint = null;
        ok = false;
        done = false;
    }

    synchronized void processed(boolean success) {
        ok = success;
        done = true;
        notifyAll();
    }

    synchronized void awaitProcessed() throws InterruptedException {
        while (!done) {
            wait();
        }
    }
}
