"""Software WebAuthn authenticator for API tests (ES256 / P-256, attestation "none").

Produces the JSON a browser would POST after navigator.credentials.create()/get(), with every
security-relevant field controllable (flags UP/UV/BE/BS, sign count, rpId hash, origin, type,
challenge) so negative cases can be driven through the Flask test client.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

UP, UV, BE, BS, AT = 0x01, 0x04, 0x08, 0x10, 0x40
_KEEP: Any = object()  # sentinel: "use the stored value"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _cbor_head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, n)
    raise ValueError("integer too large for CBOR")


def cbor_encode(value: Any) -> bytes:
    """Minimal CBOR encoder: int, bytes, str, dict (insertion order kept)."""
    if isinstance(value, bool) or value is None:
        raise TypeError("bool/None not supported")
    if isinstance(value, int):
        return _cbor_head(0, value) if value >= 0 else _cbor_head(1, -1 - value)
    if isinstance(value, (bytes, bytearray)):
        return _cbor_head(2, len(value)) + bytes(value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _cbor_head(3, len(raw)) + raw
    if isinstance(value, dict):
        return _cbor_head(5, len(value)) + b"".join(
            cbor_encode(k) + cbor_encode(v) for k, v in value.items()
        )
    raise TypeError(f"cannot CBOR-encode {type(value).__name__}")


@dataclass
class SoftCredential:
    id: bytes
    private_key: ec.EllipticCurvePrivateKey
    rp_id: str
    user_handle: bytes | None
    sign_count: int = 0
    be: bool = False
    bs: bool = False

    @property
    def id_b64(self) -> str:
        return b64url(self.id)

    @property
    def cose_public_key(self) -> bytes:
        nums = self.private_key.public_key().public_numbers()
        x, y = nums.x.to_bytes(32, "big"), nums.y.to_bytes(32, "big")
        return cbor_encode({1: 2, 3: -7, -1: 1, -2: x, -3: y})


def _unwrap(options: dict | str) -> dict:
    opts = json.loads(options) if isinstance(options, (str, bytes)) else options
    return opts.get("publicKey", opts)


def _as_bytes(value: bytes | str) -> bytes:
    return b64url_decode(value) if isinstance(value, str) else value


class SoftAuthenticator:
    def __init__(self, rp_id: str = "localhost", origin: str = "http://localhost:5000"):
        self.rp_id = rp_id
        self.origin = origin
        self.credentials: dict[bytes, SoftCredential] = {}

    def _client_data(self, type_: str, challenge: bytes | str, origin: str | None) -> bytes:
        return json.dumps(
            {
                "type": type_,
                "challenge": b64url(_as_bytes(challenge)),
                "origin": origin or self.origin,
                "crossOrigin": False,
            },
            separators=(",", ":"),
        ).encode()

    @staticmethod
    def _auth_data(
        rp_id: str,
        *,
        up: bool,
        uv: bool,
        be: bool,
        bs: bool,
        sign_count: int,
        attested: bytes = b"",
    ) -> bytes:
        flags = (UP * up) | (UV * uv) | (BE * be) | (BS * bs) | (AT * bool(attested))
        return (
            hashlib.sha256(rp_id.encode()).digest()
            + bytes([flags])
            + struct.pack(">I", sign_count)
            + attested
        )

    def create(
        self,
        options: dict | str,
        *,
        uv: bool = True,
        up: bool = True,
        origin: str | None = None,
        rp_id: str | None = None,
        credential_id: bytes | str | None = None,
        type_: str = "webauthn.create",
        sign_count: int = 0,
        be: bool = False,
        bs: bool = False,
        challenge: bytes | str | None = None,
    ) -> dict:
        """Answer registration options; returns RegistrationCredential JSON (dict)."""
        opts = _unwrap(options)
        algs = [p.get("alg") for p in opts.get("pubKeyCredParams", [])]
        if algs and -7 not in algs:
            raise ValueError(f"server does not offer ES256 (-7): {algs}")
        rp = rp_id or opts.get("rp", {}).get("id") or self.rp_id
        cred_id = _as_bytes(credential_id) if credential_id is not None else os.urandom(32)
        user_id = opts.get("user", {}).get("id")
        cred = SoftCredential(
            cred_id,
            ec.generate_private_key(ec.SECP256R1()),
            rp,
            b64url_decode(user_id) if user_id else None,
            sign_count,
            be,
            bs,
        )
        attested = bytes(16) + struct.pack(">H", len(cred_id)) + cred_id + cred.cose_public_key
        auth_data = self._auth_data(
            rp, up=up, uv=uv, be=be, bs=bs, sign_count=sign_count, attested=attested
        )
        client_data = self._client_data(type_, challenge or opts["challenge"], origin)
        att_obj = cbor_encode({"fmt": "none", "attStmt": {}, "authData": auth_data})
        self.credentials[cred_id] = cred
        return {
            "id": cred.id_b64,
            "rawId": cred.id_b64,
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "attestationObject": b64url(att_obj),
                "transports": ["internal"],
            },
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        }

    def _pick(self, opts: dict, credential_id: bytes | str | None, rp: str) -> SoftCredential:
        if credential_id is not None:
            return self.credentials[_as_bytes(credential_id)]
        for desc in opts.get("allowCredentials") or []:
            if (cid := b64url_decode(desc["id"])) in self.credentials:
                return self.credentials[cid]
        if opts.get("allowCredentials"):
            raise LookupError("none of allowCredentials is held by this authenticator")
        for cred in reversed(list(self.credentials.values())):  # discoverable: newest first
            if cred.rp_id == rp:
                return cred
        raise LookupError(f"no credential for rp_id {rp!r}")

    def get(
        self,
        options: dict | str,
        *,
        credential_id: bytes | str | None = None,
        uv: bool = True,
        up: bool = True,
        origin: str | None = None,
        rp_id: str | None = None,
        type_: str = "webauthn.get",
        sign_count: int | None = None,
        tamper_signature: bool = False,
        tamper_client_data: bool = False,
        user_handle: Any = _KEEP,
        be: bool | None = None,
        bs: bool | None = None,
        challenge: bytes | str | None = None,
    ) -> dict:
        """Answer authentication options; returns AuthenticationCredential JSON (dict)."""
        opts = _unwrap(options)
        rp = rp_id or opts.get("rpId") or self.rp_id
        cred = self._pick(opts, credential_id, rp)
        if sign_count is None:  # normal use: bump and remember the counter
            cred.sign_count += 1
            sign_count = cred.sign_count
        auth_data = self._auth_data(
            rp,
            up=up,
            uv=uv,
            be=cred.be if be is None else be,
            bs=cred.bs if bs is None else bs,
            sign_count=sign_count,
        )
        client_data = self._client_data(type_, challenge or opts["challenge"], origin)
        sig = cred.private_key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        if tamper_signature:  # flip a bit of s: still valid DER, wrong value
            sig = sig[:-1] + bytes([sig[-1] ^ 0x01])
        if tamper_client_data:  # changed after signing; challenge/origin/type still valid
            client_data = client_data[:-1] + b',"tampered":true}'
        handle = cred.user_handle if user_handle is _KEEP else user_handle
        return {
            "id": cred.id_b64,
            "rawId": cred.id_b64,
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(auth_data),
                "signature": b64url(sig),
                "userHandle": b64url(_as_bytes(handle)) if handle is not None else None,
            },
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        }
