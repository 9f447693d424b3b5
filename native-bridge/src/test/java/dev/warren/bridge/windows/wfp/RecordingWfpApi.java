package dev.warren.bridge.windows.wfp;

import dev.warren.bridge.windows.CallLog;
import dev.warren.bridge.windows.WindowsApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Records every WFP call with its arguments and keeps the filters added per engine; commits make them "in
 * force", aborts and closes of a dynamic session drop them, as the Base Filtering Engine does. Can be told to
 * fail the n-th {@code FwpmFilterAdd0}.
 */
public final class RecordingWfpApi implements WfpApi {

    static final int FWP_E_INVALID_CONDITION = 0x8032003F;

    public final CallLog log;
    /** Filters that are in force: committed in a session that is still open. */
    final List<WfpFilter> active = new ArrayList<>();
    private final List<WfpFilter> pending = new ArrayList<>();
    private long nextEngine = 0x1000;
    private long nextFilterId = 1;
    private int failFilterAdd = -1;
    private int filterAdds;

    public RecordingWfpApi() {
        this(new CallLog());
    }

    /** Records into {@code log}, shared with other fakes so a test sees the order across them. */
    public RecordingWfpApi(CallLog log) {
        this.log = log;
    }

    /** The filters in force now. */
    public List<WfpFilter> activeFilters() {
        return List.copyOf(active);
    }

    void failFilterAdd(int n) {
        failFilterAdd = n;
    }

    @Override
    public long engineOpen(String sessionName, String sessionDescription) {
        long engine = nextEngine++;
        log.add("FwpmEngineOpen0", "dynamic", sessionName, sessionDescription, "-> " + Long.toHexString(engine));
        return engine;
    }

    @Override
    public void engineClose(long engine) {
        log.add("FwpmEngineClose0", Long.toHexString(engine));
        active.clear();
        pending.clear();
    }

    @Override
    public void transactionBegin(long engine) {
        log.add("FwpmTransactionBegin0", Long.toHexString(engine));
    }

    @Override
    public void transactionCommit(long engine) {
        log.add("FwpmTransactionCommit0", Long.toHexString(engine));
        active.addAll(pending);
        pending.clear();
    }

    @Override
    public void transactionAbort(long engine) {
        log.add("FwpmTransactionAbort0", Long.toHexString(engine));
        pending.clear();
    }

    @Override
    public void providerAdd(long engine, UUID providerKey, String name, String description) {
        log.add("FwpmProviderAdd0", Long.toHexString(engine), providerKey, name, description);
    }

    @Override
    public void subLayerAdd(long engine, UUID subLayerKey, UUID providerKey, String name, String description,
            int weight) {
        log.add("FwpmSubLayerAdd0", Long.toHexString(engine), subLayerKey, providerKey, name, description,
                "weight=0x" + Integer.toHexString(weight));
    }

    @Override
    public long filterAdd(long engine, UUID providerKey, UUID subLayerKey, WfpFilter filter)
            throws WindowsApiException {
        log.add("FwpmFilterAdd0", Long.toHexString(engine), providerKey, subLayerKey, filter);
        if (filterAdds++ == failFilterAdd) {
            throw new WindowsApiException("FwpmFilterAdd0", FWP_E_INVALID_CONDITION);
        }
        pending.add(filter);
        return nextFilterId++;
    }
}
