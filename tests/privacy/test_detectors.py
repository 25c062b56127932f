"""Personal-data detectors: the labelled corpus, positions, redaction and allow lists."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML
from stdnum import luhn
from stdnum.jp import in_ as individual_number

from incidentflow.privacy import CODES, PersonalDataHit, scan_text
from incidentflow.privacy.detectors import AllowedValue, scan
from incidentflow.privacy.normalise import normalise

CORPUS = Path(__file__).resolve().parents[1] / "privacy_corpus" / "cases.yaml"


def load_corpus() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = YAML(typ="safe").load(CORPUS.read_text(encoding="utf-8"))["cases"]
    return cases


CASES = load_corpus()
TRUE_CASES = [c for c in CASES if c["kinds"]]


def digits_of(value: str) -> str:
    return re.sub(r"[^0-9]", "", normalise(value).text)


def hit_value(text: str, hit: PersonalDataHit) -> str:
    """The characters a single-line hit points at, normalised as the scan reads them
    (full-width forms folded, invisible characters removed, ``[at]`` read as ``@``)."""
    line = text.split("\n")[hit.line - 1]
    return normalise(line[hit.column - 1 : hit.column - 1 + hit.length]).text


# ------------------------------------------------------------------------ corpus


def test_corpus_is_big_and_balanced() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    assert len(TRUE_CASES) >= 60
    assert len(CASES) - len(TRUE_CASES) >= 80
    assert {k for c in CASES for k in c["kinds"]} == set(CODES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_corpus_case(case: dict[str, Any]) -> None:
    hits = scan_text(case["text"])
    assert sorted(h.kind for h in hits) == sorted(case["kinds"])


@pytest.mark.parametrize("case", TRUE_CASES, ids=[c["id"] for c in TRUE_CASES])
def test_corpus_hits_point_at_the_value_and_never_repeat_it(case: dict[str, Any]) -> None:
    text = case["text"]
    for hit in scan_text(text):
        value = hit_value(text, hit)
        assert hit.code == CODES[hit.kind]
        assert value not in hit.redacted
        assert "*" in hit.redacted
        if hit.kind == "email":
            assert "@" in value
            assert value.split("@")[0].casefold() not in hit.redacted.casefold()
        else:
            assert digits_of(value) not in digits_of(hit.redacted)
            assert len(digits_of(value)) >= 10


# --------------------------------------------------------------------- positions


def test_positions_count_characters_after_japanese_text() -> None:
    text = "## 概要\nお客様（090-1234-5678）から問い合わせ"
    (hit,) = scan_text(text)
    assert (hit.line, hit.column, hit.length) == (2, 5, 13)
    assert hit.redacted == "090-****-5678"


def test_line_offset_is_added_to_lines_only() -> None:
    text = "本文\n\nカード 4111 1111 1111 1111 で決済"
    (hit,) = scan_text(text, line_offset=12)
    assert (hit.line, hit.column, hit.length) == (15, 5, 19)
    assert hit.redacted == "4111 **** **** 1111"


def test_full_width_value_keeps_original_columns_and_length() -> None:
    text = "連絡先：０９０－１２３４－５６７８（携帯）"
    (hit,) = scan_text(text)
    assert (hit.kind, hit.column, hit.length) == ("phone", 5, 13)
    assert hit.redacted == "090-****-5678"


def test_crlf_line_endings() -> None:
    text = "line one\r\nline two dummy.customer@gmail.com\r\n"
    (hit,) = scan_text(text)
    assert (hit.line, hit.column, hit.length) == (2, 10, 24)


def test_several_hits_are_ordered_by_position() -> None:
    text = "a 090-1234-5678\nb dummy@gmail.com 5555 5555 5555 4444\n"
    hits = scan_text(text)
    assert [(h.kind, h.line, h.column) for h in hits] == [
        ("phone", 1, 3),
        ("email", 2, 3),
        ("card_number", 2, 19),
    ]


def test_a_card_number_is_not_reported_again_as_something_else() -> None:
    hits = scan_text("3566 0020 2036 0505")
    assert [h.kind for h in hits] == ["card_number"]


def test_bare_twelve_digits_need_the_line_to_name_a_my_number() -> None:
    number = "526018159084"  # generated; valid check digit
    assert individual_number.is_valid(number)
    assert scan_text(f"AWS account {number}") == []
    assert [h.kind for h in scan_text(f"個人番号 {number}")] == ["my_number"]
    assert [h.kind for h in scan_text(f"ID {number[:4]} {number[4:8]} {number[8:]}")] == [
        "my_number"
    ]
    # The keyword on another line does not count.
    assert scan_text(f"マイナンバーの件\nAWS account {number}") == []


# --------------------------------------------------------------------- redaction


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("4111 1111 1111 1111", "4111 **** **** 1111"),
        ("4111111111111111", "4111********1111"),
        ("3782 822463 10005", "3782 ****** *0005"),
        ("0642 0642 3011", "**** **** 3011"),
        ("090-1234-5678", "090-****-5678"),
        ("(03)1234-5678", "(03)****-5678"),
        ("+81 90 1234 5678", "+81 90 **** 5678"),
        ("0120-123-456", "0120-***-*56"),
        ("taro.dummy@gmail.com", "t***@gmail.com"),
        ("x@gmail.com", "***@gmail.com"),
    ],
)
def test_redacted_forms(text: str, redacted: str) -> None:
    (hit,) = scan_text(text)
    assert hit.redacted == redacted


def test_message_says_what_to_do() -> None:
    (hit,) = scan_text("お客様 090-1234-5678")
    assert "090-****-5678" in hit.message
    assert "1234" not in hit.message
    assert "count or category" in hit.message
    assert "restricted system" in hit.message
    assert "allow entry with a reason" in hit.message


def test_hits_are_immutable() -> None:
    (hit,) = scan_text("dummy@gmail.com")
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.line = 3  # type: ignore[misc]


# --------------------------------------------------------------------- allow lists


@pytest.mark.parametrize(
    "address",
    ["support@shop-platform.co.jp", "oncall@alerts.shop-platform.co.jp", "Ops@SHOP-PLATFORM.CO.JP"],
)
def test_allowed_email_domain_and_its_subdomains(address: str) -> None:
    assert scan_text(f"連絡先 {address}", allowed_email_domains=["shop-platform.co.jp"]) == []


def test_allowed_domain_is_not_a_suffix_match() -> None:
    hits = scan_text("dummy@notshop-platform.co.jp", allowed_email_domains=["shop-platform.co.jp"])
    assert [h.kind for h in hits] == ["email"]


def test_allowed_domain_accepts_at_and_wildcard_spellings() -> None:
    text = "a.dummy@shop-platform.co.jp b.dummy@mail.partner.jp"
    assert scan_text(text, allowed_email_domains=["@shop-platform.co.jp", "*.partner.jp"]) == []


@pytest.mark.parametrize(
    "domain",
    ["example.com", "mail.example.org", "example.net", "shop.example", "ci.test", "x.invalid"],
)
def test_documentation_domains_are_ignored(domain: str) -> None:
    assert scan_text(f"dummy@{domain}") == []


def test_allowed_values_ignore_separators_and_width() -> None:
    text = "代表番号 0120-123-456、テストカード ４１１１　１１１１　１１１１　１１１１"
    allowed = ["0120123456", "4111-1111-1111-1111"]
    assert scan_text(text, allowed_values=allowed) == []


def test_allowed_values_are_exact() -> None:
    hits = scan_text("090-1234-5678 090-1234-5679", allowed_values=["090 1234 5678"])
    assert [h.redacted for h in hits] == ["090-****-5679"]


def test_allowed_email_value_is_case_insensitive() -> None:
    assert scan_text("Shop.Owner@Gmail.com", allowed_values=["shop.owner@gmail.com"]) == []


def test_allowed_values_match_disguised_writing() -> None:
    text = "代表番号 0120\u200b123\u200b456、窓口 support[at]gmail.com"
    assert scan_text(text, allowed_values=["0120-123-456", "support@gmail.com"]) == []


def test_scan_names_the_entry_that_accepts_a_hit() -> None:
    first = AllowedValue("03-1234-5678", "personal_data.allow[0]")
    second = AllowedValue("0312345678", "privacy.allow[3]")
    found = scan("TEL 03.1234.5678 / 090-1234-5678", allow=[first, second])
    assert [(h.kind, h.column, h.redacted) for h in found.hits] == [("phone", 20, "090-****-5678")]
    (accepted,) = found.allowed
    assert (accepted.column, accepted.allowed_by) == (5, first)
    assert "03.****.5678" in accepted.message
    assert "personal_data.allow[0]" in accepted.message
    assert "1234" not in accepted.message


def test_scan_lists_up_to_the_limit_and_counts_the_rest() -> None:
    lines = [f"お客様 090-1234-{n:04d}" for n in range(7)] + ["個人番号 0642 0642 3011"]
    found = scan("\n".join(lines), limit=3, line_offset=10)
    assert [h.line for h in found.hits] == [11, 12, 13]
    assert found.unlisted_hits is not None
    assert (found.unlisted_hits.line, found.unlisted_hits.column) == (14, 5)
    assert found.unlisted_hits.counts == {"phone": 4, "my_number": 1}
    assert found.unlisted_hits.total == 5
    assert found.allowed == [] and found.unlisted_allowed is None


def test_the_limit_applies_to_accepted_hits_separately() -> None:
    text = " ".join(["03-1234-5678"] * 4 + ["090-1234-5678"])
    found = scan(text, allow=[AllowedValue("0312345678", "x")], limit=2)
    assert [h.redacted for h in found.hits] == ["090-****-5678"]
    assert len(found.allowed) == 2
    assert found.unlisted_allowed is not None and found.unlisted_allowed.counts == {"phone": 2}


# --------------------------------------------------------------------- properties

CARD_PREFIXES = ["4", "51", "55", "2221", "2720", "34", "37", "3528", "3589", "36", "6011", "65"]
CARD_LENGTHS = {"34": 15, "37": 15, "36": 14}


@st.composite
def card_numbers(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(CARD_PREFIXES))
    length = CARD_LENGTHS.get(prefix, 16)
    body = draw(st.text("0123456789", min_size=length - len(prefix) - 1, max_size=length - 1))
    partial = (prefix + body)[: length - 1]
    return partial + luhn.calc_check_digit(partial)


@given(card=card_numbers(), before=st.sampled_from(["", "カード ", "pan=", "（"]))
def test_any_valid_card_is_found_and_redacted(card: str, before: str) -> None:
    grouped = " ".join(card[i : i + 4] for i in range(0, len(card), 4)) if len(card) == 16 else card
    hits = scan_text(before + grouped)
    assert [h.kind for h in hits] == ["card_number"]
    assert card not in digits_of(hits[0].redacted)
    assert hits[0].column == len(before) + 1


@given(base=st.text("0123456789", min_size=11, max_size=11), sep=st.sampled_from([" ", "-"]))
def test_any_valid_my_number_is_found_and_redacted(base: str, sep: str) -> None:
    number = base + individual_number.calc_check_digit(base)
    text = f"個人番号 {sep.join([number[:4], number[4:8], number[8:]])} を削除"
    hits = scan_text(text)
    assert [h.kind for h in hits] == ["my_number"]
    assert number not in digits_of(hits[0].redacted)


@given(st.text(st.characters(blacklist_categories=["Nd"], blacklist_characters="@＠")))
def test_text_without_digits_or_at_signs_never_hits(text: str) -> None:
    assert scan_text(text) == []


@given(
    # Epoch milliseconds reach 4,000,000,000,000 in October 2096, and a 13-digit number
    # starting with 4 can be a Visa card; that is far enough away.
    moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2095, 12, 31)),
    offset_hours=st.integers(min_value=-12, max_value=14),
)
def test_timestamps_never_hit(moment: datetime, offset_hours: int) -> None:
    aware = moment.replace(tzinfo=UTC) + timedelta(hours=offset_hours)
    text = " ".join(
        [
            aware.isoformat(),
            moment.strftime("%Y%m%d%H%M%S"),
            moment.strftime("%Y%m%d%H%M"),
            moment.strftime("%Y-%m-%d %H:%M:%S"),
            moment.strftime("%Y/%m/%d %H:%M"),
            f"INC-{moment:%Y%m%d-%H%M}-x7k2",
            str(int(moment.replace(tzinfo=UTC).timestamp() * 1000)),
        ]
    )
    assert scan_text(text) == []


@given(
    parts=st.lists(st.integers(min_value=0, max_value=255), min_size=4, max_size=4),
    version=st.lists(st.integers(min_value=0, max_value=99999), min_size=3, max_size=4),
    # Up to a trillion yen. Bare runs of 13+ digits can be card numbers, and are.
    amount=st.integers(min_value=0, max_value=10**12 - 1),
)
def test_addresses_versions_and_amounts_never_hit(
    parts: list[int], version: list[int], amount: int
) -> None:
    text = (
        f"{'.'.join(map(str, parts))}:8080 v{'.'.join(map(str, version))} "
        f"¥{amount:,} {amount:,}件 {amount}円 {amount / 1000:.3f}%"
    )
    assert scan_text(text) == []


NUMBERISH = st.lists(
    st.sampled_from(
        [
            *"0123456789０９ -()（）+＋@＠.:,/\nー－aZ漢",
            *"\u200b\u00ad\ufeff．／_＿—⑽①・",
            "[at]",
            "%40",
        ]
    ),
    max_size=80,
).map("".join)


@given(NUMBERISH)
def test_any_text_gives_hits_inside_the_text(text: str) -> None:
    lines = text.split("\n")
    for hit in scan_text(text, line_offset=5):
        line = lines[hit.line - 6]
        assert 1 <= hit.column <= len(line)
        assert hit.column - 1 + hit.length <= len(line)
        assert hit.code == CODES[hit.kind]
