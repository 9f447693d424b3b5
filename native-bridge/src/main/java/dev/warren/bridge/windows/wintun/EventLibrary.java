package dev.warren.bridge.windows.wintun;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.win32.StdCallLibrary;

/** The kernel32 event and wait functions the Wintun receive loop needs, under their exported names. */
public interface EventLibrary extends StdCallLibrary {

    int INFINITE = 0xFFFFFFFF;
    int WAIT_OBJECT_0 = 0;
    int WAIT_FAILED = 0xFFFFFFFF;

    Pointer CreateEventW(Pointer securityAttributes, boolean manualReset, boolean initialState, WString name);

    boolean SetEvent(Pointer event);

    int WaitForMultipleObjects(int count, Pointer[] handles, boolean waitAll, int milliseconds);

    boolean CloseHandle(Pointer handle);
}
