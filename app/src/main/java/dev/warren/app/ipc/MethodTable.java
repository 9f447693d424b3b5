package dev.warren.app.ipc;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The methods a server offers: for each name, the least role allowed to call it, its parameter type and handler. */
public final class MethodTable {

    /** Handles one call; throws {@link RpcException} for errors the caller should see as such. */
    @FunctionalInterface
    public interface Handler<P> {
        Object handle(P params, Caller caller) throws Exception;
    }

    record Entry<P>(Role role, Class<P> paramsType, Handler<P> handler) {
        Object invoke(Object params, Caller caller) throws Exception {
            return handler.handle(paramsType.cast(params), caller);
        }
    }

    private final Map<String, Entry<?>> entries = new ConcurrentHashMap<>();

    /** Adds a method; {@code paramsType} is a record the request's {@code params} object is bound to strictly. */
    public <P> MethodTable add(String name, Role role, Class<P> paramsType, Handler<P> handler) {
        Objects.requireNonNull(handler, "handler");
        if (entries.putIfAbsent(name, new Entry<>(role, paramsType, handler)) != null) {
            throw new IllegalArgumentException("method " + name + " is already registered");
        }
        return this;
    }

    Optional<Entry<?>> get(String name) {
        return Optional.ofNullable(entries.get(name));
    }
}
