package dev.warren.bridge.windows.wfp;

/**
 * {@code FWP_CONDITION_VALUE0} ({@code fwptypes.h}): the layout of {@link FwpValue0}, with the range, address and
 * mask types besides; 16 bytes on x64.
 */
public class FwpConditionValue0 extends FwpValue0 {
}
