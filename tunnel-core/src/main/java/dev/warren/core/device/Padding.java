package dev.warren.core.device;

/**
 * How much zero padding a plaintext packet gets before encryption (whitepaper §5.4.6): up to a multiple of 16
 * bytes, to blur packet sizes, but never beyond the interface MTU, so that a full-size packet still fits one
 * datagram. Same rule as wireguard-go's calculatePaddingSize, including packets larger than the MTU (which
 * only appear on segmentation-offload paths) being padded as their last MTU-sized unit.
 */
public final class Padding {

    private Padding() {
    }

    /** Padding bytes to append to a plaintext of {@code size} bytes on an interface with {@code mtu}. */
    public static int paddingFor(int size, int mtu) {
        int mask = Constants.PADDING_MULTIPLE - 1;
        if (mtu == 0) {
            return ((size + mask) & ~mask) - size;
        }
        int lastUnit = size > mtu ? size % mtu : size;
        int padded = Math.min((lastUnit + mask) & ~mask, mtu);
        return padded - lastUnit;
    }
}
