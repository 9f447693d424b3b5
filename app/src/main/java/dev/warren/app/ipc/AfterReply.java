package dev.warren.app.ipc;

/**
 * A handler result that must reach the caller before something else happens, such as {@code manager.quit}
 * closing the very connection the reply goes out on: the server queues {@code result} as the reply, then runs
 * {@code then} on a thread of its own.
 */
public record AfterReply(Object result, Runnable then) {
}
