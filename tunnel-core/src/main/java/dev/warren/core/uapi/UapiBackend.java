package dev.warren.core.uapi;

/**
 * The device a UAPI session configures: the engine's {@code Device} implements it.
 */
public interface UapiBackend {

    /** A consistent snapshot of the device and its peers, in the order {@code wg show} should list them. */
    DeviceState get();

    /**
     * Applies a complete, already validated request in one step: either all of it takes effect or, when this
     * throws, none of it. The order is wireguard-go's: private key (a new key removes any existing peer with the
     * matching public key), listen port, fwmark, {@code replacePeers}, then the peers in request order. A peer
     * whose public key equals the device's own is ignored; {@code updateOnly} never creates a peer; an allowed IP
     * added to one peer is taken from whichever peer held it.
     *
     * @throws UapiException with the errno wg(8) should report, e.g. {@link UapiException#EADDRINUSE} when the
     *     listen port cannot be bound
     */
    void set(DeviceUpdate update) throws UapiException;
}
