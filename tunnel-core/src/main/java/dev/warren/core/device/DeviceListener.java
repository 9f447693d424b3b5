package dev.warren.core.device;

/**
 * Receives a device's events. Called on the device's own threads (packet workers, timers), so implementations
 * must be quick and thread-safe and must not call back into the device synchronously. (The one exception,
 * {@link DeviceEvent.EndpointChanged}, comes on the configuring thread that changed the endpoint.)
 */
@FunctionalInterface
public interface DeviceListener {

    void onEvent(DeviceEvent event);

    DeviceListener NONE = event -> { };
}
