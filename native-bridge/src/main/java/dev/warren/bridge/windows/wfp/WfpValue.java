package dev.warren.bridge.windows.wfp;

import dev.warren.core.config.IpNetwork;
import java.net.Inet6Address;
import java.util.Objects;

/**
 * A filter condition's value ({@code FWP_CONDITION_VALUE0}), one record per data type the kill-switch uses.
 * {@link #toString()} is the form the recording fake logs and the tests compare.
 */
public sealed interface WfpValue {

    /** {@code FWP_DATA_TYPE}. */
    int FWP_UINT8 = 1;
    int FWP_UINT16 = 2;
    int FWP_UINT32 = 3;
    int FWP_UINT64 = 4;
    int FWP_BYTE_ARRAY16_TYPE = 11;
    int FWP_BYTE_BLOB_TYPE = 12;
    int FWP_SECURITY_DESCRIPTOR_TYPE = 14;
    int FWP_V4_ADDR_MASK = 0x100;
    int FWP_V6_ADDR_MASK = 0x101;

    /** The {@code FWP_DATA_TYPE} of this value. */
    int type();

    record Uint8(int value) implements WfpValue {
        public Uint8 {
            if (value < 0 || value > 0xFF) {
                throw new IllegalArgumentException("a UINT8 is 0-255, not " + value);
            }
        }

        @Override
        public int type() {
            return FWP_UINT8;
        }

        @Override
        public String toString() {
            return "UINT8(" + value + ")";
        }
    }

    record Uint16(int value) implements WfpValue {
        public Uint16 {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("a UINT16 is 0-65535, not " + value);
            }
        }

        @Override
        public int type() {
            return FWP_UINT16;
        }

        @Override
        public String toString() {
            return "UINT16(" + value + ")";
        }
    }

    /** An IPv4 address is a UINT32 in host order, i.e. its numeric value. */
    record Uint32(long value) implements WfpValue {
        public Uint32 {
            if (value < 0 || value > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("a UINT32 is 0-0xffffffff, not " + value);
            }
        }

        @Override
        public int type() {
            return FWP_UINT32;
        }

        @Override
        public String toString() {
            return String.format("UINT32(0x%08x)", value);
        }
    }

    /** An interface LUID. */
    record Uint64(long value) implements WfpValue {
        @Override
        public int type() {
            return FWP_UINT64;
        }

        @Override
        public String toString() {
            return String.format("UINT64(0x%016x)", value);
        }
    }

    /** An IPv6 address ({@code FWP_BYTE_ARRAY16}). */
    record Ipv6Address(Inet6Address address) implements WfpValue {
        public Ipv6Address {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public int type() {
            return FWP_BYTE_ARRAY16_TYPE;
        }

        @Override
        public String toString() {
            return "BYTE_ARRAY16(" + IpNetwork.format(address) + ")";
        }
    }

    /** {@code FWP_V4_ADDR_AND_MASK}. */
    record V4AddrMask(IpNetwork network) implements WfpValue {
        public V4AddrMask {
            if (!network.isIpv4()) {
                throw new IllegalArgumentException(network + " is not an IPv4 network");
            }
            network = network.masked();
        }

        @Override
        public int type() {
            return FWP_V4_ADDR_MASK;
        }

        @Override
        public String toString() {
            return "V4_ADDR_MASK(" + network + ")";
        }
    }

    /** {@code FWP_V6_ADDR_AND_MASK}. */
    record V6AddrMask(IpNetwork network) implements WfpValue {
        public V6AddrMask {
            if (network.isIpv4()) {
                throw new IllegalArgumentException(network + " is not an IPv6 network");
            }
            network = network.masked();
        }

        @Override
        public int type() {
            return FWP_V6_ADDR_MASK;
        }

        @Override
        public String toString() {
            return "V6_ADDR_MASK(" + network + ")";
        }
    }

    /**
     * The application ID of an executable ({@code FWP_BYTE_BLOB} from {@code FwpmGetAppIdFromFileName0}, which
     * the real API computes at add time: the file's NT device path).
     */
    record AppId(String executable) implements WfpValue {
        public AppId {
            Objects.requireNonNull(executable, "executable");
        }

        @Override
        public int type() {
            return FWP_BYTE_BLOB_TYPE;
        }

        @Override
        public String toString() {
            return "APP_ID(" + executable + ")";
        }
    }

    /** A security descriptor in SDDL, matched against the connecting process's token. */
    record SecurityDescriptor(String sddl) implements WfpValue {
        public SecurityDescriptor {
            Objects.requireNonNull(sddl, "sddl");
        }

        @Override
        public int type() {
            return FWP_SECURITY_DESCRIPTOR_TYPE;
        }

        @Override
        public String toString() {
            return "SECURITY_DESCRIPTOR(" + sddl + ")";
        }
    }
}
