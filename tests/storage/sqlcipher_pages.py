"""Decrypt every page of a vault file with its key, as an attacker holding the key could.

SQLCipher 4 defaults: 4096-byte pages, AES-256-CBC, 80 reserved bytes at the end of each page
(16-byte IV, then a 64-byte HMAC); page 1 starts with the 16-byte salt.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80
SALT = 16


def decrypt_page(page: bytes, number: int, key: bytes) -> bytes:
    start = SALT if number == 1 else 0
    body = page[start:PAGE - RESERVE]
    iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def decrypted_pages(path: Path, key: bytes) -> list[bytes]:
    data = path.read_bytes()
    return [decrypt_page(data[i:i + PAGE], i // PAGE + 1, key) for i in range(0, len(data), PAGE)]
