"""A document's result keeps its mentions without their other candidates, field for field."""

from dataclasses import fields, replace

from geo.docwork import _without_alternatives
from geo.model import Mention, Place


def test_a_mention_without_alternatives_is_the_same_record_as_replace_gives():
    town = Place("p1", "Tall Afar", "town", "IQ", 36.37, 42.45, "curated", 100000, "Nineveh")
    other = Place("p2", "Tal Afar", "town", "SY", 36.0, 40.0, "geonames")
    built = object.__new__(Mention)          # as the recogniser builds them: no `via` key of its own
    built.__dict__.update(doc="d", line=3, start=10, end=19, text="Tall Afar", sentence=2, place=town,
                          confidence=0.9, alternatives=(other,), role="place")
    for mention in (built, Mention("d", 1, 0, 5, "Mosul", 0, town, 0.5, (other, town), "place", "anaphora")):
        copy = _without_alternatives(mention)
        assert copy == replace(mention, alternatives=())
        assert [getattr(copy, f.name) for f in fields(Mention)] == \
            [getattr(replace(mention, alternatives=()), f.name) for f in fields(Mention)]
        assert copy.alternatives == () and mention.alternatives   # the original is untouched
