from __future__ import annotations

import pytest

from scoper.graph.terms import identifier_parts, stem, terms


@pytest.mark.parametrize(
    ("identifier", "parts"),
    [
        ("getHTTPResponse", ("get", "http", "response")),
        ("parse_http_response", ("parse", "http", "response")),
        ("CliRunner", ("cli", "runner")),
        ("XMLHttpRequest2", ("xml", "http", "request", "2")),
        ("__init__", ("init",)),
        # Letters of any script are letters; camelCase still splits outside ASCII.
        ("größeBerechnen", ("größe", "berechnen")),
        ("размер_окна", ("размер", "окна")),
        ("登录", ("登录",)),
        ("widthΔ2", ("width", "δ", "2")),
    ],
)
def test_identifier_parts(identifier: str, parts: tuple[str, ...]) -> None:
    assert identifier_parts(identifier) == parts


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("retry", "retries", "retried"), True),
        (("parse", "parsing", "parser", "parsed"), True),
        (("token", "tokens"), True),
        (("alias", "aliases"), True),
        (("configure", "configuration"), True),
        (("stop", "stopped"), True),
        (("class", "classes"), True),
        (("login", "logout"), False),
    ],
)
def test_stem_maps_inflections_together(words: tuple[str, ...], same: bool) -> None:
    assert (len({stem(w) for w in words}) == 1) is same


def test_terms_split_identifiers_and_keep_compounds() -> None:
    found = terms("def loginUser(self): return check_password(pwd)")
    assert found[:3] == ["login", "user", "loginuser"]
    assert "check" in found and "password" in found and "checkpassword" in found
    assert "def" not in found and "self" not in found and "return" not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Größe der Datei", [stem("größe"), "der", "datei"]),
        ("ошибка входа", ["ошибка", "входа"]),
        ("修复 登录", ["修复", "登录"]),
        # A run of CJK characters is a phrase: searched by its overlapping pairs.
        ("修复登录错误", ["修复", "复登", "登录", "录错", "错误"]),
        ("ログイン", ["ログ", "グイ", "イン"]),
        ("café_menu", ["café", "menu", "cafémenu"]),
    ],
)
def test_words_of_any_script_are_whole_terms(text: str, expected: list[str]) -> None:
    assert terms(text) == expected
