package dev.warren.core.device;

import dev.warren.core.config.Key;
import dev.warren.core.uapi.AllowedIpChange;
import dev.warren.core.uapi.DeviceState;
import dev.warren.core.uapi.DeviceUpdate;
import dev.warren.core.uapi.PeerState;
import dev.warren.core.uapi.PeerUpdate;
import dev.warren.core.uapi.UapiBackend;
import dev.warren.core.uapi.UapiException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves a {@link Device} over the UAPI ({@code wg show}, {@code wg set}, {@code wg setconf}).
 *
 * <p>{@link #set} holds the device's lock for the whole request, so a concurrent {@link #get} sees it entirely or
 * not at all. The only step that can fail after the parser's validation is binding a new listen port (or
 * setting the firewall mark), so those run first and are undone on failure: a refused request changes nothing.
 */
public final class DeviceUapi implements UapiBackend {

    private final Device device;

    public DeviceUapi(Device device) {
        this.device = device;
    }

    @Override
    public DeviceState get() {
        synchronized (device) {
            List<PeerState> peers = new ArrayList<>();
            for (Peer p : device.peers()) {
                Instant hs = p.lastHandshake();
                peers.add(new PeerState(p.publicKey(), p.presharedKey(), p.endpoint(), p.persistentKeepalive(),
                        hs == null ? 0 : hs.getEpochSecond(), hs == null ? 0 : hs.getNano(), p.rxBytes(),
                        p.txBytes(), device.allowedIps(p)));
            }
            return new DeviceState(device.privateKey(), device.listenPort(), device.fwmark(), peers);
        }
    }

    @Override
    public void set(DeviceUpdate update) throws UapiException {
        synchronized (device) {
            applyInterface(update);
            if (update.removePrivateKey()) {
                device.setPrivateKey(null);
            } else {
                update.privateKey().ifPresent(device::setPrivateKey);
            }
            if (update.replacePeers()) {
                device.removeAllPeers();
            }
            for (PeerUpdate u : update.peers()) {
                applyPeer(u);
            }
        }
    }

    private void applyInterface(DeviceUpdate update) throws UapiException {
        int oldMark = device.fwmark();
        try {
            if (update.fwmark().isPresent()) {
                device.setFwmark(update.fwmark().getAsInt());
            }
        } catch (IOException e) {
            String mark = Integer.toUnsignedString(update.fwmark().getAsInt());
            throw new UapiException(UapiException.EADDRINUSE,
                    "fwmark " + mark + " cannot be set: " + e.getMessage(), e);
        }
        try {
            if (update.listenPort().isPresent()) {
                device.setListenPort(update.listenPort().getAsInt());
            }
        } catch (IOException e) {
            try {
                device.setFwmark(oldMark);
            } catch (IOException restore) {
                e.addSuppressed(restore);
            }
            throw new UapiException(UapiException.EADDRINUSE, "listen port " + update.listenPort().getAsInt()
                    + " cannot be bound: " + e.getMessage(), e);
        }
    }

    private void applyPeer(PeerUpdate u) {
        Key key = u.publicKey();
        if (key.equals(device.publicKey())) {
            return;
        }
        Peer peer = device.peer(key);
        if (u.remove()) {
            device.removePeer(key);
            return;
        }
        if (peer == null) {
            if (u.updateOnly()) {
                return;
            }
            peer = device.addPeer(key);
        }
        u.presharedKey().ifPresent(peer::setPresharedKey);
        u.endpoint().ifPresent(peer::setEndpoint);
        if (u.replaceAllowedIps()) {
            device.clearAllowedIps(peer);
        }
        for (AllowedIpChange c : u.allowedIps()) {
            if (c.remove()) {
                device.removeAllowedIp(peer, c.network());
            } else {
                device.addAllowedIp(peer, c.network());
            }
        }
        if (u.persistentKeepaliveInterval().isPresent()) {
            peer.setPersistentKeepalive(u.persistentKeepaliveInterval().getAsInt());
        }
    }
}
