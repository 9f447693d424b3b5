#!/usr/bin/env python3
"""Independent reference for HandshakeVectorTest: one WireGuard handshake with fixed keys.

Written from the whitepaper (section 5.4) and wireguard-go's device/noise-protocol.go and cookie.go, using
Python's hashlib BLAKE2s and the `cryptography` package's X25519 and ChaCha20-Poly1305, so it shares no code
with Warren. Run it to regenerate the constants the test compares against:  python3 reference_handshake.py
"""
import hashlib
import hmac
import struct

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives import serialization


def h(*parts):
    d = hashlib.blake2s(digest_size=32)
    for p in parts:
        d.update(p)
    return d.digest()


def mac(key, data):
    return hashlib.blake2s(data, digest_size=16, key=key).digest()


def hmac_b2s(key, data):
    return hmac.new(key, data, lambda: hashlib.blake2s(digest_size=32)).digest()


def kdf(key, data, n):
    t0 = hmac_b2s(key, data)
    out, prev = [], b""
    for i in range(1, n + 1):
        prev = hmac_b2s(t0, prev + bytes([i]))
        out.append(prev)
    return out


def aead(key, counter, pt, ad):
    return ChaCha20Poly1305(key).encrypt(b"\0" * 4 + struct.pack("<Q", counter), pt, ad)


def pub(priv):
    return X25519PrivateKey.from_private_bytes(priv).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def dh(priv, pubkey):
    return X25519PrivateKey.from_private_bytes(priv).exchange(X25519PublicKey.from_public_bytes(pubkey))


def clamp(k):
    k = bytearray(k)
    k[0] &= 248
    k[31] = (k[31] & 127) | 64
    return bytes(k)


I_STATIC = clamp(h(b"warren test initiator static"))
R_STATIC = clamp(h(b"warren test responder static"))
I_EPH = clamp(h(b"warren test initiator ephemeral"))
R_EPH = clamp(h(b"warren test responder ephemeral"))
PSK = h(b"warren test preshared key")
TIMESTAMP = bytes.fromhex("400000006553f1000a000000")
I_INDEX = 0x11223344
R_INDEX = 0xa1b2c3d4

CK0 = h(b"Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s")
H0 = h(CK0, b"WireGuard v1 zx2c4 Jason@zx2c4.com")

# initiation
hs = h(H0, pub(R_STATIC))
ck = CK0
e_pub = pub(I_EPH)
ck = kdf(ck, e_pub, 1)[0]
hs = h(hs, e_pub)
ck, k = kdf(ck, dh(I_EPH, pub(R_STATIC)), 2)
enc_static = aead(k, 0, pub(I_STATIC), hs)
hs = h(hs, enc_static)
ck, k = kdf(ck, dh(I_STATIC, pub(R_STATIC)), 2)
enc_ts = aead(k, 0, TIMESTAMP, hs)
hs = h(hs, enc_ts)
init = struct.pack("<II", 1, I_INDEX) + e_pub + enc_static + enc_ts
init += mac(h(b"mac1----", pub(R_STATIC)), init) + b"\0" * 16
assert len(init) == 148

# response
re_pub = pub(R_EPH)
hs = h(hs, re_pub)
ck = kdf(ck, re_pub, 1)[0]
ck = kdf(ck, dh(R_EPH, e_pub), 1)[0]
ck = kdf(ck, dh(R_EPH, pub(I_STATIC)), 1)[0]
ck, tau, k = kdf(ck, PSK, 3)
hs = h(hs, tau)
empty = aead(k, 0, b"", hs)
hs = h(hs, empty)
resp = struct.pack("<III", 2, R_INDEX, I_INDEX) + re_pub + empty
resp += mac(h(b"mac1----", pub(I_STATIC)), resp) + b"\0" * 16
assert len(resp) == 92

# transport keys: the initiator sends with the first
i_send, i_recv = kdf(ck, b"", 2)
payload = b"warren transport payload"
transport = struct.pack("<IIQ", 4, R_INDEX, 0) + aead(i_send, 0, payload, b"")

for name, value in [("I_STATIC_PRIVATE", I_STATIC), ("R_STATIC_PRIVATE", R_STATIC), ("I_EPHEMERAL", I_EPH),
                    ("R_EPHEMERAL", R_EPH), ("PSK", PSK), ("TIMESTAMP", TIMESTAMP), ("INITIATION", init),
                    ("RESPONSE", resp), ("INITIATOR_SEND_KEY", i_send), ("INITIATOR_RECEIVE_KEY", i_recv),
                    ("TRANSPORT", transport)]:
    print(f"{name} = {value.hex()}")
