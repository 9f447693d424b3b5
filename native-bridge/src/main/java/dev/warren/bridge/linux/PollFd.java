package dev.warren.bridge.linux;

import com.sun.jna.Structure;

/** {@code struct pollfd} (8 bytes); {@link FdGroup} fills an array of them in place by offset. */
@Structure.FieldOrder({"fd", "events", "revents"})
public final class PollFd extends Structure {
    public int fd;
    public short events;
    public short revents;

    static final int SIZE = new PollFd().size();
    static final int EVENTS_OFFSET = new PollFd().fieldOffset("events");
    static final int REVENTS_OFFSET = new PollFd().fieldOffset("revents");
}
