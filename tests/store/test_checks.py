"""Checks, findings, editors' dismissals and the per-rule numbers built from them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update

from bot.engine.finding import Evidence, Finding
from bot.report.model import finding_key
from bot.store import CheckRecord, Store, StoreError
from bot.store.models import Check
from tests.findings import make_finding


def _finding(rule: str, quote: str, start: int = 0, category: str = "title") -> Finding:
    return make_finding(rule, quote, start, category)


def _check(
    channel: str = "CDESK",
    ts: str = "1753800000.000100",
    findings: list[Finding] | None = None,
    created_at: datetime | None = None,
) -> CheckRecord:
    return CheckRecord(
        channel=channel,
        message_ts=ts,
        story_date=date(2025, 7, 29),
        date_source="dateline",
        findings=findings if findings is not None else [],
        rules_version="rules-7",
        kb_version="kb-2025.07",
        duration_ms=41.5,
        created_at=created_at,
    )


def test_record_and_read_back_a_check(store: Store) -> None:
    biden = _finding("titles.former-president", "President Joe Biden", 10)
    check_id = store.record_check(_check(findings=[biden]))
    stored = store.get_check(check_id)
    assert stored is not None
    assert (stored.channel, stored.message_ts) == ("CDESK", "1753800000.000100")
    assert stored.story_date == date(2025, 7, 29) and stored.date_source == "dateline"
    assert (stored.rules_version, stored.kb_version, stored.duration_ms) == (
        "rules-7",
        "kb-2025.07",
        41.5,
    )
    assert stored.finding_count == 1
    assert stored.findings == [biden]
    assert stored.created_at.tzinfo is not None
    assert store.get_check(check_id + 100) is None


def test_findings_come_back_typed_with_their_evidence(store: Store) -> None:
    cited = make_finding(
        "people.title-out-of-term",
        "President Joe Biden",
        4,
        "anachronism",
        suggestion="President Donald Trump",
        evidence=[
            ("Joe Biden: President until January 20, 2025", "Test facts", "https://example.org/f"),
            ("2025-07-29 is a Tuesday", "the calendar"),
        ],
    )
    stored = store.get_check(store.record_check(_check(findings=[cited])))
    assert stored is not None and stored.findings == [cited]
    assert stored.findings[0].evidence[0].url == "https://example.org/f"
    assert stored.findings[0].evidence[1].url is None


def test_rows_written_before_evidence_was_typed_still_read(store: Store) -> None:
    check_id = store.record_check(_check(findings=[_finding("names.spelling", "Scott Bessant")]))
    legacy = {
        "start": 0,
        "end": 13,
        "quote": "Scott Bessant",
        "category": "name",
        "severity": "error",
        "rule": "names.spelling",
        "message": "Misspelled.",
        "suggestion": "Scott Bessent",
        "sentence": "Scott Bessant spoke.",
        "evidence": "spelled Scott Bessent (source: Test facts <https://example.org/f>)",
        "key": "0123456789abcdef",
    }
    with store.engine.begin() as connection:
        connection.execute(update(Check).where(Check.id == check_id).values(findings=[legacy]))
    stored = store.get_check(check_id)
    assert stored is not None
    (finding,) = stored.findings
    assert (finding.quote, finding.suggestion) == ("Scott Bessant", "Scott Bessent")
    assert finding.evidence == (Evidence(legacy["evidence"], ""),)


def test_keys_are_derived_stably(store: Store) -> None:
    derived = _finding("titles.x", "Senator Vance", 40)
    assert finding_key(derived) == finding_key(_finding("titles.x", "Senator Vance", 40))
    assert finding_key(derived) != finding_key(_finding("titles.x", "Senator Vance", 41))


def test_two_findings_with_one_key_are_refused(store: Store) -> None:
    twice = _finding("names.spelling", "Scott Bessant")
    with pytest.raises(StoreError, match="share the key"):
        store.record_check(_check(findings=[twice, twice]))
    assert store.recent_checks() == []  # nothing half-written


def test_recent_checks_newest_first_with_limit(store: Store) -> None:
    base = datetime(2025, 7, 1, 9, 0, tzinfo=UTC)
    for day in range(5):
        store.record_check(_check(ts=f"{day}.0", created_at=base + timedelta(days=day)))
    recent = store.recent_checks(limit=3)
    assert [c.message_ts for c in recent] == ["4.0", "3.0", "2.0"]
    assert recent[0].created_at == base + timedelta(days=4)


def test_naive_timestamp_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="timezone-aware"):
        store.record_check(_check(created_at=datetime(2025, 7, 1, 9, 0)))


def test_dismissal_is_idempotent_and_scoped_to_its_channel(store: Store) -> None:
    finding = _finding("names.spelling", "Scott Bessant")
    check_id = store.record_check(_check(channel="CDESK", findings=[finding]))
    key = finding_key(finding)
    for _ in range(2):  # a double click, or Slack re-sending the action
        store.record_dismissal(check_id, key, "names.spelling", "Scott Bessant", "CDESK", "U1")
    assert store.dismissed("CDESK") == {("names.spelling", "Scott Bessant")}
    assert store.dismissed("COTHER") == set()
    assert store.dismissed_keys(check_id) == {key}
    assert store.rule_stats() == [store.rule_stats()[0]]
    assert store.rule_stats()[0].dismissals == 1


def test_dismissing_an_unknown_check_is_a_clear_error(store: Store) -> None:
    with pytest.raises(StoreError, match="check 404: no such check"):
        store.record_dismissal(404, "k", "r", "q", "C", "U")


def test_rule_stats_counts_flags_dismissals_and_rate(store: Store) -> None:
    old = datetime(2025, 6, 1, 12, tzinfo=UTC)
    new = datetime(2025, 7, 15, 12, tzinfo=UTC)
    title = _finding("titles.anachronism", "President Joe Biden")
    name = _finding("names.spelling", "Scott Bessant", 30, "name")
    old_id = store.record_check(_check(ts="1.0", findings=[title], created_at=old))
    new_ids = [
        store.record_check(_check(ts=f"2.{i}", findings=[title, name], created_at=new))
        for i in range(4)
    ]
    # Two editors dismiss the same flag: it counts once. One more flag dismissed once.
    store.record_dismissal(new_ids[0], finding_key(name), name.rule, name.quote, "CDESK", "U1")
    store.record_dismissal(new_ids[0], finding_key(name), name.rule, name.quote, "CDESK", "U2")
    store.record_dismissal(new_ids[1], finding_key(name), name.rule, name.quote, "CDESK", "U1")
    store.record_dismissal(old_id, finding_key(title), title.rule, title.quote, "CDESK", "U1")

    everything = {s.rule: s for s in store.rule_stats()}
    assert (
        everything["titles.anachronism"].flags,
        everything["titles.anachronism"].dismissals,
    ) == (5, 1)
    assert everything["titles.anachronism"].dismissal_rate == pytest.approx(0.2)
    assert (everything["names.spelling"].flags, everything["names.spelling"].dismissals) == (4, 2)
    assert everything["names.spelling"].dismissal_rate == pytest.approx(0.5)
    assert [s.rule for s in store.rule_stats()] == ["titles.anachronism", "names.spelling"]

    recent = {s.rule: s for s in store.rule_stats(since=date(2025, 7, 1))}
    assert (recent["titles.anachronism"].flags, recent["titles.anachronism"].dismissals) == (4, 0)
    assert recent["titles.anachronism"].dismissal_rate == 0.0
    assert (recent["names.spelling"].flags, recent["names.spelling"].dismissals) == (4, 2)
    assert store.rule_stats(since=date(2025, 8, 1)) == []


def test_how_sure_the_story_date_was_is_kept(store: Store) -> None:
    record = _check()
    labelled = CheckRecord(
        **{
            **{f: getattr(record, f) for f in record.__slots__},
            "date_label": "the file's date (weak: when it was last saved)",
            "date_weak": True,
        }
    )
    stored = store.get_check(store.record_check(labelled))
    assert stored is not None
    assert (stored.date_label, stored.date_weak) == (labelled.date_label, True)
    older = store.get_check(store.record_check(record))  # as rows written before
    assert older is not None and (older.date_label, older.date_weak) == (None, None)


def test_channel_settings_remember_who_set_them(store: Store) -> None:
    store.set_channel_mode("CDESK", "on-request", user="UALICE")
    store.set_channel_mode("COPINION", "auto", user="UBOB")
    store.set_channel_mode("CSPORTS", "on-request")
    mine = store.channel_settings(set_by="UALICE")
    assert [(s.channel, s.mode, s.updated_by) for s in mine] == [("CDESK", "on-request", "UALICE")]
    assert {s.channel for s in store.channel_settings()} == {"CDESK", "COPINION", "CSPORTS"}
    store.set_channel_mode("CDESK", "auto", user="UBOB")  # the latest setter is kept
    assert store.channel_settings(set_by="UALICE") == []


def test_channel_mode_defaults_to_auto_and_can_change(store: Store) -> None:
    assert store.channel_mode("CDESK") == "auto"
    store.set_channel_mode("CDESK", "on-request")
    assert store.channel_mode("CDESK") == "on-request"
    assert store.channel_mode("COTHER") == "auto"
    store.set_channel_mode("CDESK", "auto")
    assert store.channel_mode("CDESK") == "auto"


def test_unknown_channel_mode_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="expected one of auto, on-request"):
        store.set_channel_mode("CDESK", "sometimes")  # type: ignore[arg-type]
