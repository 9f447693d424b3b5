package dev.warren.bridge.windows.wfp;

import java.util.Objects;

/**
 * One {@code FWPM_FILTER_CONDITION0}. Within a filter, conditions on different fields must all match, and
 * conditions on the same field match if any does.
 *
 * @param match {@code FWP_MATCH_TYPE}: {@link #MATCH_EQUAL} or {@link #MATCH_FLAGS_ALL_SET}
 */
public record WfpCondition(WfpField field, int match, WfpValue value) {

    public static final int MATCH_EQUAL = 0;
    public static final int MATCH_FLAGS_ALL_SET = 6;

    public WfpCondition {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        if (match != MATCH_EQUAL && match != MATCH_FLAGS_ALL_SET) {
            throw new IllegalArgumentException("unsupported FWP_MATCH_TYPE " + match);
        }
    }

    public static WfpCondition equal(WfpField field, WfpValue value) {
        return new WfpCondition(field, MATCH_EQUAL, value);
    }

    @Override
    public String toString() {
        return field + (match == MATCH_EQUAL ? " == " : " has all of ") + value;
    }
}
