"""Ed25519 signing keys for packs: the passphrase-protected key file, public keys, fingerprints.

The private key file is sealed with the vault's own Argon2id levels and AES-256-GCM, because
PKCS#8's standard encryption (2,048 PBKDF2 rounds) would not survive a seized laptop.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from commsdesk.club.pack_errors import PublicKeyInvalid, SigningKeyInvalid, WrongKeyPassphrase
from commsdesk.club.pack_format import signed_message
from commsdesk.storage.errors import UnknownKdfLevel
from commsdesk.storage.kdf import KdfLevel, derive_key, make_salt, wipe

KEY_FILE_FORMAT = "commsdesk-pack-signing-key"
KEY_FILE_VERSION = 1
PUBLIC_KEY_PREFIX = "commsdesk-pack-key ed25519 "
MAX_KEY_FILE_BYTES = 4096
_AAD = b"commsdesk-pack-signing-key v1\n"
_PUBLIC_LINE = re.compile(r"commsdesk-pack-key ed25519 ([0-9a-f]{64})")
_HEX = re.compile(r"(?:[0-9a-f]{2})+")


def generate_signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def raw_public_key(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def fingerprint(public_key: bytes) -> str:
    """120 bits of SHA-256 in base32, six groups of four: easy to read aloud and compare."""
    text = base64.b32encode(hashlib.sha256(public_key).digest()[:15]).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def public_key_text(public_key: bytes) -> str:
    return PUBLIC_KEY_PREFIX + public_key.hex() + "\n"


def parse_public_key(data: bytes) -> bytes:
    """The 32 raw bytes of a public key file's one line; PublicKeyInvalid for anything else."""
    try:
        text = data[:MAX_KEY_FILE_BYTES + 1].decode("utf-8").strip()
    except UnicodeDecodeError:
        raise PublicKeyInvalid() from None
    match = _PUBLIC_LINE.fullmatch(text)
    if len(data) > MAX_KEY_FILE_BYTES or not match:
        raise PublicKeyInvalid()
    return bytes.fromhex(match.group(1))


def seal_signing_key(key: Ed25519PrivateKey, passphrase: str, level: KdfLevel) -> bytes:
    """The key file: the 32-byte seed under AES-256-GCM with an Argon2id key from the passphrase."""
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    salt, nonce = make_salt(level), secrets.token_bytes(12)
    public = raw_public_key(key)
    secret = derive_key(passphrase, salt)
    try:
        seed = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        sealed = AESGCM(bytes(secret)).encrypt(nonce, seed, _AAD + public)
    finally:
        wipe(secret)
    document = {"format": KEY_FILE_FORMAT, "version": KEY_FILE_VERSION, "kdf": "argon2id",
                "public_key": public.hex(), "salt": salt.hex(), "nonce": nonce.hex(),
                "ciphertext": sealed.hex()}
    return (json.dumps(document, indent=1, sort_keys=True) + "\n").encode("ascii")


def open_signing_key(data: bytes, passphrase: str) -> Ed25519PrivateKey:
    """The private key from its file; SigningKeyInvalid or WrongKeyPassphrase, never a crash."""
    public, salt, nonce, sealed = _key_file_fields(data)
    try:
        secret = derive_key(passphrase, salt)
    except UnknownKdfLevel:
        raise SigningKeyInvalid() from None
    try:
        seed = AESGCM(bytes(secret)).decrypt(nonce, sealed, _AAD + public)
    except InvalidTag:
        raise WrongKeyPassphrase() from None
    finally:
        wipe(secret)
    key = Ed25519PrivateKey.from_private_bytes(seed)
    if raw_public_key(key) != public:
        raise SigningKeyInvalid()
    return key


def _key_file_fields(data: bytes) -> tuple[bytes, bytes, bytes, bytes]:
    try:
        if len(data) > MAX_KEY_FILE_BYTES:
            raise ValueError
        document = json.loads(data.decode("utf-8"))
        if document.get("format") != KEY_FILE_FORMAT or document.get("version") != KEY_FILE_VERSION:
            raise ValueError
        fields = [document[name] for name in ("public_key", "salt", "nonce", "ciphertext")]
        if not all(isinstance(v, str) and _HEX.fullmatch(v) for v in fields):
            raise ValueError
        public, salt, nonce, sealed = (bytes.fromhex(v) for v in fields)
    except (ValueError, UnicodeDecodeError, AttributeError, KeyError, TypeError, RecursionError):
        raise SigningKeyInvalid() from None
    if (len(public), len(salt), len(nonce), len(sealed)) != (32, 16, 12, 48):
        raise SigningKeyInvalid()
    return public, salt, nonce, sealed


def sign_digest(key: Ed25519PrivateKey, digest: str) -> str:
    return key.sign(signed_message(digest)).hex()


def signature_valid(public_key: bytes, digest: str, signature: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, signed_message(digest))
    except (InvalidSignature, ValueError):
        return False
    return True
