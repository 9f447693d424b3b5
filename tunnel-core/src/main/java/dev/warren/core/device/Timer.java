package dev.warren.core.device;

/**
 * A restartable one-shot timer with the semantics of the kernel's {@code timer_list} that WireGuard's timers
 * are written against (and wireguard-go copies): {@link #mod} (re)arms it, {@link #del} disarms it, and an
 * expiry that races with {@code del} does not run the action.
 */
public interface Timer {

    /** Arms the timer to fire {@code delayNanos} from now, replacing any pending expiry. */
    void mod(long delayNanos);

    /** Disarms the timer. */
    void del();

    /** True while armed and not yet fired. */
    boolean isPending();
}
