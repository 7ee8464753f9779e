"""Format v1 is frozen: a committed pack still reads, and the documented recipe reproduces it."""

import hashlib
import json

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from test_packs_support import DATA

from commsdesk.club.pack_signing import raw_public_key
from commsdesk.club.packs import PackStatus, build_pack, read_pack, sign_pack

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))  # a published test key, never trust it
GOLDEN = (DATA / "golden-v1.cdpack").read_bytes()


def test_the_golden_pack_reads_as_signed_by_its_key():
    pack = read_pack(GOLDEN, [raw_public_key(KEY)])
    assert pack.status is PackStatus.TRUSTED and pack.id == "golden" and pack.version == "1.0.0"
    assert [a.id for a in pack.articles] == ["one"] and pack.articles[0].tags == ("club", "practice")


def test_building_and_signing_the_frozen_source_gives_the_same_bytes():
    assert sign_pack(build_pack(DATA / "source"), KEY) == GOLDEN


def test_the_documented_recipe_checks_the_golden_pack_without_our_code():
    document = json.loads(GOLDEN)

    def canonical(value):
        return (json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                + "\n").encode("utf-8")

    assert canonical(document) == GOLDEN
    content = {k: document[k] for k in ("articles", "format", "format_version", "manifest")}
    digest = hashlib.sha256(canonical(content)).hexdigest()
    assert document["digest"] == "sha256:" + digest
    signature = document["signature"]
    public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(signature["public_key"]))
    public.verify(bytes.fromhex(signature["value"]),
                  b"commsdesk-pack-signature-v1\n" + bytes.fromhex(digest))
