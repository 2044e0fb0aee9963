"""Merging the same event told by several documents: every source kept, disagreements recorded."""

from datetime import date

from eventkit import PLACES, day, month

from geo.events import merge_events, source_count
from geo.model import Event, SourceRef


def ev(doc, line, iso, place="Derna", etype="airstrike", actor="United States", evidence="", precision="day"):
    span = month(int(iso[:4]), int(iso[5:7])) if precision == "month" else day(iso)
    return Event(f"{doc}-{line}", etype, span, PLACES[place], actor=actor, evidence=evidence,
                 sources=(SourceRef(doc, line),), place_text=place)


def test_same_event_in_three_documents_is_one_with_three_sources():
    merged = merge_events([ev("000.txt", 197, "2014-09-08", "Haditha Dam", "territory_change", "Iraq"),
                           ev("001.txt", 190, "2014-09-08", "Haditha Dam", "territory_change", "Iraq"),
                           ev("002.txt", 104, "2014-09-08", "Haditha Dam", "territory_change", "Iraq")])
    assert len(merged) == 1
    m = merged[0]
    assert source_count(m) == 3
    assert [(s.doc, s.line) for s in m.sources] == [("000.txt", 197), ("001.txt", 190), ("002.txt", 104)]
    assert m.conflicts == ""


def test_different_days_across_documents_are_a_conflict_not_two_events():
    merged = merge_events([ev("001.txt", 353, "2015-11-15", evidence="On 15 November 2015 ... 2 F-15E jets"),
                           ev("002.txt", 241, "2015-11-13", evidence="On 13 November 2015 ... 2 F-15 jets")])
    assert len(merged) == 1
    assert "001.txt:353 says 2015-11-15" in merged[0].conflicts
    assert "002.txt:241 says 2015-11-13" in merged[0].conflicts
    assert source_count(merged[0]) == 2


def test_one_document_with_two_dates_means_two_events():
    merged = merge_events([ev("000.txt", 10, "2014-08-08", "Erbil"), ev("000.txt", 12, "2014-08-10", "Erbil"),
                           ev("001.txt", 5, "2014-08-09", "Erbil")])
    assert sorted(e.date.start for e in merged)[0] == date(2014, 8, 8)
    assert len(merged) == 2


def test_month_precision_absorbs_a_day_inside_it_and_keeps_the_day():
    merged = merge_events([ev("000.txt", 1, "2014-08-08", "Erbil"),
                           ev("002.txt", 7, "2014-08-01", "Erbil", precision="month")])
    assert len(merged) == 1
    assert merged[0].date.precision == "day" and merged[0].date.start == date(2014, 8, 8)
    assert source_count(merged[0]) == 2


def test_far_apart_dates_or_other_types_or_places_stay_apart():
    merged = merge_events([ev("000.txt", 1, "2014-08-08", "Erbil"), ev("001.txt", 1, "2014-09-08", "Erbil"),
                           ev("001.txt", 2, "2014-08-08", "Erbil", etype="attack"),
                           ev("002.txt", 3, "2014-08-08", "Mosul")])
    assert len(merged) == 4
    assert all(source_count(e) == 1 for e in merged)


def test_actor_and_number_disagreements_are_readable():
    merged = merge_events([
        ev("000.txt", 5, "2014-09-08", "Barwana", "territory_change", "Iraq",
           evidence="Iraqi state television reported that 15 ISIL militants were killed."),
        ev("003.txt", 9, "2014-09-08", "Barwana", "territory_change", "Coalition",
           evidence="The coalition said 20 militants were killed."),
    ])
    assert len(merged) == 1
    text = merged[0].conflicts
    assert "000.txt:5 says actor Iraq" in text and "003.txt:9 says actor Coalition" in text
    assert "000.txt:5 says 15 militants" in text and "003.txt:9 says 20 militants" in text


def test_single_source_claim_stays_single_source():
    merged = merge_events([ev("003.txt", 40, "2015-06-01", "Erbil", "deployment", "United Nations")])
    assert source_count(merged[0]) == 1 and merged[0].conflicts == ""


def test_two_named_countries_striking_nearby_are_two_events():
    merged = merge_events([ev("000.txt", 116, "2014-11-11", "Erbil", actor="Canada"),
                           ev("002.txt", 148, "2014-11-10", "Erbil", actor="United Kingdom")])
    assert len(merged) == 2 and all(m.conflicts == "" for m in merged)


def test_a_multi_year_range_does_not_swallow_the_days_inside_it():
    from datetime import date as d

    from geo.model import DateSpan
    long = Event("long", "airstrike", DateSpan(d(2014, 8, 8), d(2016, 10, 18), "range"), PLACES["Iraq"],
                 actor="United States", sources=(SourceRef("000.txt", 469),), place_text="Iraq")
    merged = merge_events([long, ev("001.txt", 144, "2014-08-09", "Iraq")])
    assert len(merged) == 2


def test_coalition_and_its_member_agree_and_one_document_does_not_dispute_itself():
    merged = merge_events([
        ev("000.txt", 5, "2014-08-09", "Mosul", "airstrike", "Coalition"),
        ev("001.txt", 7, "2014-08-09", "Mosul", "airstrike", "United States"),
        ev("001.txt", 9, "2014-08-09", "Mosul", "airstrike", "Coalition"),
    ])
    assert len(merged) == 1
    assert merged[0].actor == "United States" and merged[0].conflicts == ""


def test_the_named_member_is_the_actor_of_a_coalition_event():
    merged = merge_events([
        ev("000.txt", 5, "2014-08-09", "Mosul", "airstrike", "Coalition"),
        ev("001.txt", 7, "2014-08-09", "Mosul", "airstrike", "France"),
        ev("002.txt", 7, "2014-08-09", "Mosul", "airstrike", "Coalition"),
    ])
    assert len(merged) == 1 and merged[0].actor == "France"


def _chain(days: int, reported_lag: int | None = None, place="Erbil", precision="place"):
    """One document per day, each telling a strike at `place` on its day (optionally a daily
    bulletin dated `reported_lag` days after the strikes it tells)."""
    from dataclasses import replace
    from datetime import timedelta
    out = []
    for k in range(days):
        iso = (date(2015, 1, 1) + timedelta(days=k)).isoformat()
        e = replace(ev(f"r{k:03d}.md", 14, iso, place, actor="Coalition"), geo_precision=precision)
        if reported_lag is not None:
            e = replace(e, reported=e.date.start + timedelta(days=reported_lag))
        out.append(e)
    return out


def test_a_chain_of_consecutive_days_does_not_collapse_into_one_event():
    merged = merge_events(_chain(60))
    assert len(merged) >= 60 // (3 + 1)
    # No merged event holds days further apart than the tolerance.
    by_ref = {(e.sources[0].doc, e.sources[0].line): e.date.start for e in _chain(60)}
    for m in merged:
        days = [by_ref[(s.doc, s.line)] for s in m.sources]
        assert (max(days) - min(days)).days <= 3
    assert sorted(s.doc for m in merged for s in m.sources) == [f"r{k:03d}.md" for k in range(60)]


def test_a_series_of_daily_bulletins_gives_one_event_per_day():
    merged = merge_events(_chain(30, reported_lag=1))
    assert len(merged) == 30 and all(m.conflicts == "" for m in merged)
    # Two reports of different lags about nearby days are still one event told twice.
    from dataclasses import replace
    from datetime import timedelta
    a, b = _chain(2)
    b = replace(b, reported=b.date.start + timedelta(days=5))
    a = replace(a, reported=a.date.start + timedelta(days=1))
    assert len(merge_events([a, b])) == 1


def test_country_level_events_of_different_reports_stay_apart():
    merged = merge_events(_chain(10, place="Iraq", precision="country"))
    assert len(merged) == 10
    same_day = [ev("a.md", 3, "2015-01-01", "Iraq"), ev("b.md", 3, "2015-01-01", "Iraq")]
    from dataclasses import replace
    assert len(merge_events([replace(e, geo_precision="country") for e in same_day])) == 2
    # Within one report, its sentences about the same country and day are one event.
    one = [replace(ev("a.md", line, "2015-01-01", "Iraq"), geo_precision="country") for line in (3, 9)]
    assert len(merge_events(one)) == 1


def test_the_events_line_is_the_line_of_its_evidence():
    merged = merge_events([ev("a.txt", 3, "2015-11-13", evidence="told on 13"),
                           ev("b.txt", 7, "2015-11-15", evidence="told on 15"),
                           ev("c.txt", 2, "2015-11-15", evidence="told on 15 again")])
    (m,) = merged
    assert m.date.start == date(2015, 11, 15)
    assert m.sources[0] == SourceRef("b.txt", 7) and m.evidence == "told on 15"
    assert "a.txt:3 says 2015-11-13" in m.conflicts and "b.txt:7, c.txt:2 say 2015-11-15" in m.conflicts


def test_the_result_does_not_depend_on_the_order_documents_arrive_in():
    import random
    events = (_chain(20) + _chain(12, reported_lag=1, place="Mosul")
              + [ev("x.txt", 5, "2015-01-03", "Erbil", actor="Canada"),
                 ev("y.txt", 6, "2015-01-02", "Erbil", actor="United Kingdom", precision="month")])
    expected = merge_events(events)
    rng = random.Random(7)
    for _ in range(5):
        shuffled = events[:]
        rng.shuffle(shuffled)
        assert merge_events(shuffled) == expected


def test_one_report_repeated_many_times_is_one_event_with_every_source():
    repeated = [ev(f"copy{k:04d}.txt", 3, "2015-03-03", "Mosul", actor="Coalition",
                   evidence="On 3 March 2015, coalition aircraft struck ISIL positions near Mosul.")
                for k in range(3000)]
    repeated += [ev("one.txt", k, "2015-03-03", "Mosul", actor="Coalition") for k in range(1, 3001)]
    (m,) = merge_events(repeated)
    assert source_count(m) == 3001 and len(m.sources) == 6000 and m.conflicts == ""


def test_a_built_archive_of_one_repeated_report_keeps_one_event_per_place(tmp_path):
    import geo
    report = ("On 3 March 2015, coalition aircraft struck ISIL positions near Mosul. "
              "Officials in Baghdad said the operation would continue.\n\n")
    (tmp_path / "archive.txt").write_text(report * 150, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(report * 2, encoding="utf-8")
    atlas = geo.build([tmp_path])
    strikes = [e for e in atlas.event_records if e.event_type == "airstrike" and e.place_text == "Mosul"]
    assert len(strikes) == 1
    assert source_count(strikes[0]) == 2 and len(strikes[0].sources) == 152
    assert strikes[0].sources[0] == SourceRef("archive.txt", 1)
