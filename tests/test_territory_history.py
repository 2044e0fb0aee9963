"""The history of a handful of cities, told in sentences written for these tests: taken, retaken,
attacked but held, aimed at. Checks the control timeline (control.csv rows) and the areas on
given days, whatever holder extraction put on each sentence."""

from datetime import date

from eventkit import PLACES, day, month
from shapely.geometry import Point

from geo.model import DateSpan, Event, Place, SourceRef
from geo.territory import area_rows, control_features, timeline, timeline_rows
from geo.territory.gate import judge

BAGHDAD = Place("t:baghdad", "Baghdad", "city", "IQ", 33.31, 44.36, "test")
SAMARRA = Place("t:samarra", "Samarra", "city", "IQ", 34.2, 43.87, "test")
TAL_AFAR = Place("t:tal-afar", "Tal Afar", "city", "IQ", 36.38, 42.45, "test")
PLACES_ALL = {**PLACES, "Baghdad": BAGHDAD, "Samarra": SAMARRA, "Tal Afar": TAL_AFAR}


def said(place, holder, span, sentence, doc="h.txt", line=1, actor=None):
    """A territory_change as extraction might emit it for `sentence` (right or wrong)."""
    return Event(f"{place}-{span.start}-{line}", "territory_change", span, PLACES_ALL[place],
                 actor=actor or holder, holder_after=holder, evidence=sentence,
                 sources=(SourceRef(doc, line),), place_text=place)


HISTORY = [
    said("Mosul", "ISIL", day("2014-06-10"), "On 10 June 2014 ISIL fighters captured Mosul.", line=1),
    said("Tikrit", "ISIL", day("2014-06-11"), "Tikrit fell to ISIL on 11 June 2014.", line=2),
    # Attacked, never taken: none of these may give Samarra or Baghdad to ISIL.
    said("Samarra", "ISIL", day("2014-06-05"),
         "On 5 June 2014 ISIL attacked Samarra, but government troops held the city.", line=3),
    said("Baghdad", "ISIL", month(2014, 6),
         "ISIL advanced south with the ultimate goal of capturing Baghdad.", line=4),
    said("Baghdad", "ISIL", month(2014, 7), "The militants threatened to seize Baghdad in July 2014.", line=5),
    said("Kirkuk", "Iraq", day("2014-06-12"),
         "Police captured the highway between Mosul and Kirkuk on 12 June 2014.", line=6),
    said("Ramadi", "ISIL", day("2015-05-17"), "On 17 May 2015, ISIL captured the city of Ramadi.", line=7),
    said("Ramadi", "ISIL", day("2015-04-15"),
         "ISIL captured three villages to the east of Ramadi on 15 April.", line=8),
    said("Tikrit", "Iraq", day("2015-03-31"), "Iraqi forces retook Tikrit from ISIL on 31 March 2015.", line=9),
    said("Ramadi", "Iraq", day("2015-12-28"),
         "On 28 December 2015 Iraqi forces recaptured Ramadi and declared it liberated.", line=10),
    # Extraction put the wrong holder on this one: "from ISIL" says ISIL is not the holder after.
    said("Ramadi", "ISIL", day("2016-02-09"),
         "On 9 February 2016 government forces seized Ramadi's last pocket from ISIL.", line=11),
    said("Mosul", "Iraq", day("2016-10-17"), "On 17 October 2016 Iraqi forces launched an offensive on Mosul.",
         line=12),
    said("Mosul", "Iraq", day("2017-07-10"), "Mosul was declared liberated on 10 July 2017.", line=13),
    said("Raqqa", "ISIL", month(2014, 1), "ISIL took control of Raqqa in January 2014.", line=14),
    said("Raqqa", "Syrian Democratic Forces", day("2017-10-17"),
         "The SDF captured Raqqa on 17 October 2017.", line=15),
]


def holder_on(lines, place_id, when):
    for c in lines.get(place_id, []):
        if c.start <= when and (c.end is None or c.end >= when):
            return c.holder
    return None


def test_gate_counts_completed_changes_only():
    verdicts = {e.evidence[:30]: judge(e, ("ISIS", "Daesh")) for e in HISTORY}
    assert verdicts["On 10 June 2014 ISIL fighters "].counts
    assert verdicts["Tikrit fell to ISIL on 11 June"].counts
    for rejected in ("On 5 June 2014 ISIL attacked S", "ISIL advanced south with the u",
                     "The militants threatened to se", "Police captured the highway be",
                     "ISIL captured three villages t", "On 9 February 2016 government ",
                     "On 17 October 2016 Iraqi force"):
        assert not verdicts[rejected].counts, rejected


def test_city_histories_in_the_control_timeline():
    lines = timeline(HISTORY)
    assert holder_on(lines, "t:mosul", date(2015, 6, 1)) == "ISIL"
    assert holder_on(lines, "t:mosul", date(2017, 1, 1)) == "ISIL"      # the offensive is not a change
    assert holder_on(lines, "t:mosul", date(2017, 7, 10)) == "Iraq"
    assert holder_on(lines, "t:tikrit", date(2015, 3, 30)) == "ISIL"
    assert holder_on(lines, "t:tikrit", date(2015, 6, 1)) == "Iraq"
    assert holder_on(lines, "t:ramadi", date(2015, 5, 1)) is None         # villages near it, not Ramadi
    assert holder_on(lines, "t:ramadi", date(2015, 6, 1)) == "ISIL"
    assert holder_on(lines, "t:ramadi", date(2016, 2, 15)) == "Iraq"       # no wrong-way flip in 2016
    assert holder_on(lines, "t:raqqa", date(2017, 1, 1)) == "ISIL"
    assert holder_on(lines, "t:raqqa", date(2017, 10, 17)) == "Syrian Democratic Forces"
    for never in ("t:samarra", "t:baghdad", "t:kirkuk"):
        assert never not in lines, never


def test_control_rows_never_overlap_and_state_their_rule():
    rows = timeline_rows(HISTORY)
    by_place = {}
    for r in rows:
        by_place.setdefault(r["place_id"], []).append(r)
        assert r["rule"], r
    for periods in by_place.values():
        for a, b in zip(periods, periods[1:]):
            assert a["end"] and a["end"] < b["start"]


def test_disagreeing_reports_stay_visible_as_conflicts():
    events = HISTORY + [
        said("Tikrit", "Popular Mobilization Forces", day("2015-04-01"),
             "Shia militias took control of Tikrit on 1 April 2015.", doc="other.txt", line=3),
        said("Tikrit", "Iraq", day("2015-03-31"), "Iraqi troops retook Tikrit on 31 March 2015.",
             doc="third.txt", line=7),
    ]
    rows = [r for r in timeline_rows(events) if r["place_id"] == "t:tikrit"]
    assert [r["holder"] for r in rows] == ["ISIL", "Iraq"]
    assert rows[1]["rule"].startswith("more documents")
    assert "Popular Mobilization Forces (other.txt:3)" in rows[1]["conflicts"]


def _area_of(features, holder, when):
    iso = when.isoformat()
    return [f for f in features if f["holder"] == holder and f["start"] <= iso <= f["end"]]


def test_areas_on_given_days_hold_the_cities_and_meet_at_a_line():
    feats = control_features(HISTORY, horizon=date(2018, 1, 31))
    june15 = date(2015, 6, 15)
    isil = _area_of(feats, "ISIL", june15)
    iraq = _area_of(feats, "Iraq", june15)
    assert len(isil) == 1 and len(iraq) == 1
    for city in ("Mosul", "Ramadi"):
        p = PLACES[city]
        assert isil[0]["geometry"].contains(Point(p.lon, p.lat)), city
    assert iraq[0]["geometry"].contains(Point(PLACES["Tikrit"].lon, PLACES["Tikrit"].lat))
    assert not isil[0]["geometry"].contains(Point(BAGHDAD.lon, BAGHDAD.lat))
    assert not isil[0]["geometry"].contains(Point(SAMARRA.lon, SAMARRA.lat))
    # One holder per point: the areas do not overlap.
    assert isil[0]["geometry"].intersection(iraq[0]["geometry"]).area < 1e-6
    # January 2016: Ramadi is Iraq's, Mosul still ISIL's.
    jan16 = date(2016, 1, 15)
    ramadi = Point(PLACES["Ramadi"].lon, PLACES["Ramadi"].lat)
    assert _area_of(feats, "Iraq", jan16)[0]["geometry"].contains(ramadi)
    assert not _area_of(feats, "ISIL", jan16)[0]["geometry"].contains(ramadi)
    # Syria: Raqqa is ISIL's until October 2017, then the SDF's; area in km² per month.
    rows = area_rows(feats)
    assert any(r["month"] == "2017-11" and r["holder"] == "Syrian Democratic Forces" and r["km2"] > 100
               for r in rows)
    assert all(r["km2"] < 30_000 for r in rows if r["holder"] == "ISIL")


def test_region_precision_whole_governorate():
    nineveh = Place("t:nineveh", "Nineveh Governorate", "region", "IQ", 36.2, 42.6, "test")
    anbar = Place("t:anbar-gov", "Al Anbar Governorate", "region", "IQ", 33.0, 42.0, "test")
    PLACES_ALL.update({"Nineveh Governorate": nineveh, "Al Anbar Governorate": anbar})
    events = HISTORY + [
        said("Al Anbar Governorate", "ISIL", month(2015, 6), "By June 2015 ISIL controlled most of Al Anbar Governorate."),
        said("Nineveh Governorate", "Iraq", month(2017, 11),
             "In November 2017 the whole of Nineveh Governorate was liberated."),
        said("Sinjar", "ISIL", day("2014-08-03"), "ISIL captured Sinjar on 3 August 2014."),
    ]
    lines = timeline(events)
    assert holder_on(lines, "t:sinjar", date(2017, 12, 15)) == "Iraq"      # region-wide change
    assert holder_on(lines, "t:mosul", date(2017, 12, 15)) == "Iraq"
    feats = control_features(events, horizon=date(2018, 1, 31))
    isil = _area_of(feats, "ISIL", date(2015, 7, 15))[0]["geometry"]
    assert isil.contains(Point(40.5, 33.0))                         # western Anbar desert, far from any town
    assert not isil.contains(Point(PLACES["Tikrit"].lon, PLACES["Tikrit"].lat))


def test_gate_reads_who_left_and_what_a_passive_trigger_governs():
    tactic = "The tactics used in Ramadi were later applied to Fallujah, which was captured by ISIS in January 2014."
    assert not judge(said("Ramadi", "ISIL", month(2014, 1), tactic)).counts
    assert judge(said("Fallujah", "ISIL", month(2014, 1), tactic)).counts
    assert not judge(said("Mosul", "ISIL", month(2015, 3),
                          "The government announced an operation with its allies to regain Mosul.")).counts
    expel = "Government forces seized the last village, thus fully expelling ISIL from the city of Ramadi."
    assert not judge(said("Ramadi", "ISIL", day("2016-02-09"), expel), ("ISIS",)).counts
    assert judge(said("Ramadi", "Iraq", day("2016-02-09"), expel), ("ISIS",)).counts


def test_outside_powers_and_long_spans():
    events = HISTORY + [
        said("Mosul", "Coalition", month(2016, 1),
             "In 2016 an international coalition captured Mosul from the Islamic State."),
    ]
    lines = timeline(events)
    assert holder_on(lines, "t:mosul", date(2016, 6, 1)) == "ISIL"     # the coalition holds no ground
    # "during the battle (2016–17)": a change known only to a long span takes effect at its end.
    battle = DateSpan(date(2016, 1, 1), date(2017, 12, 31), "range", "(2016–17)")
    later = timeline(HISTORY + [said("Tal Afar", "ISIL", month(2014, 6), "ISIL captured Tal Afar in June 2014."),
                                said("Tal Afar", "Iraq", battle, "During the battle (2016–17) Iraqi forces retook Tal Afar.")])
    assert holder_on(later, "t:tal-afar", date(2017, 6, 1)) == "ISIL"
    assert holder_on(later, "t:tal-afar", date(2017, 12, 31)) == "Iraq"


def test_landmarks_and_places_named_as_surroundings_do_not_change_hands():
    bridge = "On 25 November 2015 the army cut the last supply line by seizing the Palestine Bridge."
    ramadi_bridge = said("Ramadi", "Iraq", day("2015-11-25"), bridge.replace("Palestine", "Ramadi"))
    assert not judge(ramadi_bridge).counts
    west = "By January 2017 much of the land west of Raqqa had been seized by the SDF."
    assert not judge(said("Raqqa", "Syrian Democratic Forces", month(2017, 1), west)).counts
    assert judge(said("Raqqa", "Syrian Democratic Forces", month(2017, 10), "Raqqa had been seized by the SDF.")).counts
    claim = "Damascus said the claims about the liberation of Raqqa were lies."
    assert not judge(said("Raqqa", "Syria", month(2017, 10), claim)).counts
    assert judge(said("Mosul", "Iraq", month(2017, 7), "Iraqi forces ousted the militants from Mosul.")).counts


def test_partial_holdings_unfinished_and_landmark_names():
    assert not judge(said("Tikrit", "ISIL", day("2015-04-01"),
                          "Iraqi forces reported that they had captured 95% of Tikrit.")).counts
    assert not judge(said("Tikrit", "Iraq", day("2015-03-19"),
                          "An official said the recapture of Tikrit was at least two weeks away.")).counts
    assert judge(said("Tikrit", "Iraq", day("2015-04-12"),
                      "On 12 April the government declared that Tikrit was free of ISIL forces.")).counts
    assert not judge(said("Fallujah", "Free Syrian Army", day("2012-07-30"),
                          "They also captured Fallujah, an army base northeast of the city.")).counts
    assert judge(said("Mosul", "ISIL", day("2014-06-10"), "The fall of Mosul in June 2014 shocked Baghdad.")).counts
