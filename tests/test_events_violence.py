"""News violence as events: shootings, bombs, rockets, kidnappings and clashes are attacks and
battles; a toll ("killing five") belongs to the cue before it; peaceful uses of the same words
("shot a film", "killed in a car accident") are no events; where the rules leave several places
in separate phrases the learned chooser picks one. Sentences written for these tests."""

import pytest
from eventkit import make_doc

from geo.events import extract_events

CASES = [
    # a bomb that exploded is one attack, its toll no second event
    ("On 3 May 2016, a car bomb exploded in Ramadi, killing five soldiers.", "3 May 2016", ["Ramadi"],
     [("attack", "Ramadi")]),
    ("Gunmen shot dead two police officers in Kirkuk on 9 June 2016.", "9 June 2016", ["Kirkuk"],
     [("attack", "Kirkuk")]),
    ("Militants fired rockets at Fallujah on 5 May 2016.", "5 May 2016", ["Fallujah"], [("attack", "Fallujah")]),
    ("Masked men kidnapped three engineers in Hawija on 10 July 2016.", "10 July 2016", ["Hawija"],
     [("attack", "Hawija")]),
    ("Kurdish forces clashed with ISIL fighters near Makhmur on 1 March 2016.", "1 March 2016", ["Makhmur"],
     [("battle", "Makhmur")]),
    ("Heavy fighting broke out in Tikrit on 2 April 2016.", "2 April 2016", ["Tikrit"], [("battle", "Tikrit")]),
    # an outcome word with no cue before it is the event's own word
    ("Three soldiers were killed in Tikrit on 2 April 2016.", "2 April 2016", ["Tikrit"], [("attack", "Tikrit")]),
    # the toll of an airstrike is no second event
    ("On 4 May 2016, coalition airstrikes near Mosul killed 20 fighters.", "4 May 2016", ["Mosul"],
     [("airstrike", "Mosul")]),
    # ... nor is the toll told before its cue
    ("Four soldiers were killed in clashes near Makhmur on 1 March 2016.", "1 March 2016", ["Makhmur"],
     [("battle", "Makhmur")]),
    ("Two commanders were killed in an airstrike on Raqqa on 6 June 2016.", "6 June 2016", ["Raqqa"],
     [("airstrike", "Raqqa")]),
    # peaceful uses of the same words
    ("The crew shot a film about Erbil on 3 March 2016.", "3 March 2016", ["Erbil"], []),
    ("Two tourists were killed in a car accident near Tikrit on 2 April 2016.", "2 April 2016", ["Tikrit"], []),
    ("The ministry executed the contract for a new bridge in Mosul on 4 May 2016.", "4 May 2016", ["Mosul"], []),
    ("Soldiers fighting ISIL were praised in Erbil on 4 May 2016.", "4 May 2016", ["Erbil"], []),
    # "from Erbil" is where the traders came from; "in Tikrit" where they were shot: the chooser picks
    ("Gunmen shot two traders from Erbil in Tikrit on 8 May 2016.", "8 May 2016", ["Erbil", "Tikrit"],
     [("attack", "Tikrit")]),
    # one list of places still gives an event each
    ("Militants fired rockets at Fallujah and Ramadi on 5 May 2016.", "5 May 2016", ["Fallujah", "Ramadi"],
     [("attack", "Fallujah"), ("attack", "Ramadi")]),
]


@pytest.mark.parametrize("text, date_text, places, expected", CASES)
def test_news_violence(text, date_text, places, expected):
    from datetime import datetime
    iso = datetime.strptime(date_text, "%d %B %Y").date().isoformat()
    doc, mentions = make_doc("news.txt", [(text, [(iso, date_text)], places)])
    assert sorted((e.event_type, e.place_text) for e in extract_events(doc, mentions)) == expected
