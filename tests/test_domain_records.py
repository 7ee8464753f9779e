import pytest

from commsdesk.domain import Contact
from commsdesk.domain.records import stored_id


def test_stored_id_is_the_id_of_a_stored_record():
    assert stored_id(Contact("Мама", id=7)) == 7


def test_stored_id_refuses_a_record_never_stored():
    with pytest.raises(ValueError, match="Contact"):
        stored_id(Contact("Мама"))
