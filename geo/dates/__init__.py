"""Dates: every temporal expression in a sentence as an honest DateSpan, resolved against the
paragraph, the enclosing dated heading and the document date."""

from geo.dates.context import heading_date, parse_iso_or_partial, section_date, tag_document
from geo.dates.resolve import DateContext, find_dates

__all__ = ["DateContext", "find_dates", "heading_date", "parse_iso_or_partial", "section_date",
           "tag_document"]
