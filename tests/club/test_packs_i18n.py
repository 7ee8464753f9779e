"""Every pack error reads in Russian from the main catalog, placeholders intact (tests/test_i18n.py
checks that the catalog as a whole is complete)."""

import re

from commsdesk import i18n
from commsdesk.club import pack_errors
from commsdesk.storage.errors import Msg


def test_every_pack_error_reads_in_russian():
    try:
        i18n.set_language("ru")
        error = pack_errors.ArticleInvalid(article="a.md", field="body",
                                           reason=Msg("contains raw HTML; write Markdown only"))
        assert str(error) == "Статья «a.md», поле «body»: содержит HTML; пишите только на Markdown."
        for cls in vars(pack_errors).values():
            if isinstance(cls, type) and issubclass(cls, pack_errors.PackError):
                params = {name: "x" for name in re.findall(r"\{(\w+)\}", cls.msgid)}
                assert re.search("[а-я]", cls(**params).user_message()), cls
    finally:
        i18n.set_language("en")
