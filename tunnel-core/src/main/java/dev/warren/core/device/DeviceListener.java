package dev.warren.core.device;

/**
 * Receives a device's events. Called on the device's own threads (packet workers, timers), so implementations
 * must be quick and thread-safe and must not call back into the device synchronously.
 */
@FunctionalInterface
public interface DeviceListener {

    void onEvent(DeviceEvent event);

    DeviceListener NONE = event -> { };
}
