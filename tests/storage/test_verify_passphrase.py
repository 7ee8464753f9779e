"""verify_passphrase: the open vault's passphrase, checked against its key and kept nowhere."""

import unicodedata

import pytest

from commsdesk.storage import Vault, errors
from commsdesk.storage.reauth import verify_passphrase
from helpers import PASSPHRASE, TEST_LEVEL, add_person


def test_the_right_passphrase_and_only_it(vault):
    add_person(vault, "Мама")
    assert verify_passphrase(vault, PASSPHRASE) is True
    assert verify_passphrase(vault, PASSPHRASE + " ") is False
    assert verify_passphrase(vault, PASSPHRASE.upper()) is False
    assert verify_passphrase(vault, "") is False
    assert [c.display_name for c in vault.repos.contacts.list()] == ["Мама"]  # still usable


def test_a_cyrillic_passphrase_typed_in_another_normal_form(vault_path):
    composed = "ёжик в тумане идёт"
    with Vault.create(vault_path, composed, level=TEST_LEVEL, allow_testing_level=True) as vault:
        assert verify_passphrase(vault, unicodedata.normalize("NFD", composed))
        assert not verify_passphrase(vault, composed.replace("ё", "е"))


def test_checks_the_vault_it_is_given(make_vault, tmp_path):
    first = make_vault(tmp_path / "a.commsdesk", "first passphrase here")
    second = make_vault(tmp_path / "b.commsdesk", "second passphrase here")
    assert verify_passphrase(first, "first passphrase here")
    assert not verify_passphrase(second, "first passphrase here")


def test_a_closed_vault_answers_nothing(vault):
    vault.close()
    with pytest.raises(errors.VaultError):
        verify_passphrase(vault, PASSPHRASE)
