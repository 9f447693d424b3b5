package dev.warren.core.device;

/**
 * What a receiver index stands for: a peer's handshake in progress ({@code keypair == null}) or one of its
 * keypairs. Created once per handshake or keypair, so per-packet lookups allocate nothing.
 */
record IndexEntry(Peer peer, Keypair keypair) {
}
