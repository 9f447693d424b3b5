package dev.warren.bridge.windows.wfp;

import java.util.List;
import java.util.Objects;

/**
 * One {@code FWPM_FILTER0} as the kill-switch adds it to its sublayer: within the sublayer the filter with the
 * highest matching weight decides, so permits weigh more than the block-all at 0.
 *
 * @param name              the display name, shown by {@code netsh wfp show filters}
 * @param weight            0-15 ({@code FWP_UINT8} weight within the sublayer)
 * @param clearActionRight  {@code FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT}: a lower sublayer's block cannot veto this
 *                          permit
 */
public record WfpFilter(String name, WfpLayer layer, int weight, Action action, List<WfpCondition> conditions,
        boolean clearActionRight) {

    /** {@code FWP_ACTION_TYPE}: the action code with {@code FWP_ACTION_FLAG_TERMINATING}. */
    public enum Action {
        BLOCK(0x1001),
        PERMIT(0x1002);

        private final int code;

        Action(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    public static final int FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT = 0x8;

    public WfpFilter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(action, "action");
        if (weight < 0 || weight > 15) {
            throw new IllegalArgumentException("a filter weight is 0-15, not " + weight);
        }
        conditions = List.copyOf(conditions);
    }

    /** {@code FWPM_FILTER0.flags}. */
    public int flags() {
        return clearActionRight ? FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT : 0;
    }

    @Override
    public String toString() {
        return layer + " w" + weight + " " + action + (clearActionRight ? " (clear action right)" : "") + " '" + name
                + "' " + conditions;
    }
}
