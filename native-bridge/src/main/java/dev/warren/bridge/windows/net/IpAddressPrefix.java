package dev.warren.bridge.windows.net;

import com.sun.jna.Structure;
import dev.warren.core.config.IpNetwork;

/** {@code IP_ADDRESS_PREFIX} ({@code netioapi.h}): 32 bytes on x64 (28-byte address, length, 3 bytes padding). */
@Structure.FieldOrder({"Prefix", "PrefixLength"})
public class IpAddressPrefix extends Structure {

    public SockaddrInet Prefix = new SockaddrInet();
    public byte PrefixLength;

    public IpAddressPrefix() {
        super(ALIGN_MSVC);
    }

    public void set(IpNetwork network) {
        Prefix.set(network.address());
        PrefixLength = (byte) network.prefixLength();
    }

    public IpNetwork network() {
        return new IpNetwork(Prefix.address(), Byte.toUnsignedInt(PrefixLength));
    }
}
