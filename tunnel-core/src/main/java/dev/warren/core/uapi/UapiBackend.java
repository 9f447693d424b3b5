package dev.warren.core.uapi;

/**
 * The device a UAPI session configures: the engine's {@code Device} implements it.
 */
public interface UapiBackend {

    /** A consistent snapshot of the device and its peers, in the order {@code wg show} should list them. */
    DeviceState get();

    /**
     * Applies a complete, already validated request in one step: either all of it takes effect or, when this
     * throws, none of it. Peers are processed in request order; a peer whose public key equals the device's own
     * (after any private key change in the same update) is ignored, as wireguard-go ignores it.
     *
     * @throws UapiException with the errno wg(8) should report, e.g. {@link UapiException#EADDRINUSE} when the
     *     listen port cannot be bound
     */
    void set(DeviceUpdate update) throws UapiException;
}
