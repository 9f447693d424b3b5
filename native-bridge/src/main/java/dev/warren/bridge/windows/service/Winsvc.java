package dev.warren.bridge.windows.service;

/** The {@code winsvc.h} / {@code winnt.h} service constants Warren uses. */
public final class Winsvc {

    private Winsvc() {
    }

    public static final int SC_MANAGER_CONNECT = 0x0001;
    public static final int SC_MANAGER_CREATE_SERVICE = 0x0002;

    public static final int SERVICE_QUERY_STATUS = 0x0004;
    public static final int SERVICE_CHANGE_CONFIG = 0x0002;
    public static final int SERVICE_START = 0x0010;
    public static final int SERVICE_STOP = 0x0020;
    public static final int SERVICE_PAUSE_CONTINUE = 0x0040;
    public static final int DELETE = 0x00010000;

    public static final int SERVICE_WIN32_OWN_PROCESS = 0x00000010;
    public static final int SERVICE_AUTO_START = 0x00000002;
    public static final int SERVICE_ERROR_NORMAL = 0x00000001;

    public static final int SERVICE_CONTROL_STOP = 1;
    public static final int SERVICE_CONTROL_INTERROGATE = 4;
    public static final int SERVICE_CONTROL_SHUTDOWN = 5;
    public static final int SERVICE_CONTROL_PARAMCHANGE = 6;
    public static final int SERVICE_CONTROL_POWEREVENT = 0x0000000D;
    /** The event type of a {@link #SERVICE_CONTROL_POWEREVENT} after any wake-up, user present or not (winuser.h). */
    public static final int PBT_APMRESUMEAUTOMATIC = 0x0012;

    public static final int SERVICE_ACCEPT_STOP = 0x00000001;
    public static final int SERVICE_ACCEPT_SHUTDOWN = 0x00000004;
    public static final int SERVICE_ACCEPT_POWEREVENT = 0x00000040;

    public static final int SERVICE_STOPPED = 1;
    public static final int SERVICE_START_PENDING = 2;
    public static final int SERVICE_STOP_PENDING = 3;
    public static final int SERVICE_RUNNING = 4;

    public static final int SERVICE_CONFIG_DESCRIPTION = 1;
    public static final int SERVICE_CONFIG_FAILURE_ACTIONS = 2;
    public static final int SERVICE_CONFIG_SERVICE_SID_INFO = 5;

    public static final int SERVICE_SID_TYPE_UNRESTRICTED = 1;
    public static final int SC_ACTION_RESTART = 1;

    public static final int NO_ERROR = 0;
    public static final int ERROR_CALL_NOT_IMPLEMENTED = 120;
    public static final int ERROR_SERVICE_SPECIFIC_ERROR = 1066;
}
