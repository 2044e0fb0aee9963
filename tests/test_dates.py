"""Date expressions taken from the five corpus documents, with the context they sit in."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from geo.dates import (DateContext, find_dates, heading_date, parse_iso_or_partial, section_date,
                       tag_document)
from geo.errors import InputError
from geo.model import DateSpan, Document, Sentence


def _span(s: str) -> DateSpan:
    """"2014-08-05" or "2014-06-11..2014-06-20" as a context span."""
    if ".." in s:
        a, b = s.split("..")
        return DateSpan(parse_iso_or_partial(a).start, parse_iso_or_partial(b).end, "range")
    return parse_iso_or_partial(s)


def _ctx(spec: str) -> DateContext:
    """"doc=2021; head=September 2014; prev=2014-08-05; sec=2014-06" -> DateContext
    (sec: the last date of an earlier paragraph)."""
    kw: dict[str, DateSpan | None] = {}
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        key, value = part.split("=", 1)
        if key == "head":
            hd = heading_date(value)
            assert hd is not None, value
            kw["heading"] = hd
        else:
            kw[{"doc": "document", "prev": "previous", "sec": "earlier"}[key]] = _span(value)
    return DateContext(**kw)


def _got(text: str, spec: str) -> list[str]:
    out = []
    for s in find_dates(text, _ctx(spec)):
        assert text[s.start_char:s.end_char] == s.text
        rng = s.start.isoformat() if s.start == s.end else f"{s.start}..{s.end}"
        out.append(f"{rng} {s.precision}")
    return out


# (sentence from the corpus, context "key=value; ...", expected spans "start[..end] precision")
CASES: list[tuple[str, str, list[str]]] = [
    # 000: American-led intervention in Iraq (document date 2021)
    ("On 15 June 2014 U.S. President Barack Obama ordered United States forces", "doc=2021",
     ["2014-06-15 day"]),
    ("in response to the Northern Iraq offensive (June 2014) of the Islamic State", "doc=2021",
     ["2014-06-01..2014-06-30 month"]),
    ("In early August 2014, ISIL began its Northern Iraq offensive.", "doc=2021",
     ["2014-08-01..2014-08-10 range"]),
    ("On 5 August, the United States started supplying the Kurdish Peshmerga forces with weapons.",
     "doc=2021; prev=2014-08-01..2014-08-10", ["2014-08-05 day"]),
    ("By December 2017, ISIL had no remaining territory in Iraq, following the 2017 Western Iraq campaign.",
     "doc=2021", ["2017-12-01..2017-12-31 month", "2017-01-01..2017-12-31 year"]),
    ("was officially announced at ~$3.5 billion by March 2019. 189,000 Iraqi soldiers and police officers",
     "doc=2021", ["2019-03-01..2019-03-31 month"]),
    ("the Iraqi parliament demanded U.S. troops to withdraw in January 2020 following the deaths", "doc=2021",
     ["2020-01-01..2020-01-31 month"]),
    ("In 2003, the United States led a controversial invasion of Iraq", "doc=2021",
     ["2003-01-01..2003-12-31 year"]),
    ("By 2007, the number of U.S. forces in Iraq peaked at 170,000 soldiers.", "doc=2021",
     ["2007-01-01..2007-12-31 year"]),
    ("After the December 2011 withdrawal of U.S. troops from Iraq", "doc=2021",
     ["2011-12-01..2011-12-31 month"]),
    ("Between 5 and 11 June 2014, Sunni Islamic, jihadist, 'Islamic State of Iraq and the Levant' (ISIL) militants",
     "doc=2021", ["2014-06-05..2014-06-11 range"]),
    ("Internet beheading video campaign 2014–2015", "doc=2021", ["2014-01-01..2015-12-31 range"]),
    ("(announced 12 August, James Foley 19 August, Steven Sotloff 2 September, David Haines 13 September",
     "doc=2021; prev=2014-08-12", ["2014-08-12 day", "2014-08-19 day", "2014-09-02 day", "2014-09-13 day"]),
    ("Haruna Yukawa sometime January 2015, Kenji Goto 30 January 2015) marketed via the internet.", "doc=2021",
     ["2015-01-01..2015-01-31 month", "2015-01-30 day"]),
    ("On 5 September, 15 September and 3 December 2014, different sets of countries came together", "doc=2021",
     ["2014-09-05 day", "2014-09-15 day", "2014-12-03 day"]),
    ("no name was initially given to the 2014 military operation in Iraq and Syria by the U.S. government, "
     "until mid-October.", "doc=2021", ["2014-01-01..2014-12-31 year", "2014-10-11..2014-10-20 range"]),
    ("On 15 October 2014, two months after the first airstrikes by the U.S., the operation was named",
     "doc=2021", ["2014-10-15 day"]),
    ("President Barack Obama end of September planned to send 1,600 troops to Iraq",
     "doc=2021; prev=2014-06", ["2014-09-21..2014-09-30 range"]),
    ("8–9 November Obama authorized the deployment", "doc=2021; prev=2014-09-21..2014-09-30",
     ["2014-11-08..2014-11-09 range"]),
    ("Canadian Prime Minister Harper announced on 4 September 2014 that Canada would deploy \"about 100\" "
     "military advisers", "doc=2021", ["2014-09-04 day"]),
    ("Australia in April 2015 committed 300 military personnel to the BPC training mission in Iraq.",
     "doc=2021", ["2015-04-01..2015-04-30 month"]),
    ("by May 2015 a dozen countries had committed themselves to the BPC program", "doc=2021",
     ["2015-05-01..2015-05-31 month"]),
    ("On 5 October 2015, CJTF-OIR announced that it had given 50,000 rifles and machine guns, 56 million rounds",
     "doc=2021", ["2015-10-05 day"]),
    ("The United States had begun on 5 August 2014, with the direct supply of munitions to the Iraqi Kurdish "
     "Peshmerga forces and the following days the American CIA secretly sent arms to the Kurds.", "doc=2021",
     ["2014-08-05 day", "2014-08-06..2014-08-12 range"]),
    ("Before 11 August, U.S. and allies had started rushing antitank weapons", "doc=2021; prev=2014-08-05",
     ["2014-08-11 day"]),
    ("Australia in September began using RAAF C-17s and C-130Js to airlift arms", "doc=2021; sec=2014-08-11",
     ["2014-09-01..2014-09-30 month"]),
    ("Croatia in late August began sending arms to the Kurds.", "doc=2021; sec=2014-09",
     ["2014-08-21..2014-08-31 range"]),
    ("In September 2014 with the help of Royal Canadian Air Force it sent 8 millions rounds for machine guns "
     "to Iraq and in December 2014 another supply flight", "doc=2021",
     ["2014-09-01..2014-09-30 month", "2014-12-01..2014-12-31 month"]),
    ("Turkey in early November 2014 began training Kurdish Peshmerga fighters in northern Iraq", "doc=2021",
     ["2014-11-01..2014-11-10 range"]),
    ("While some U.S. troops were already active in Iraq for several purposes since June 2014 (see section "
     "Background), on 13 August, the U.S. deployed another 130 military advisers", "doc=2021",
     ["2014-06-01..2014-06-30 month", "2014-08-13 day"]),
    ("On 3 September, an increase of 350 servicemen was announced to be sent to Baghdad, increasing U.S. "
     "forces in Iraq to 1,213.", "doc=2021; prev=2014-08-13", ["2014-09-03 day"]),
    ("At the end of September, Obama planned to send 1,600 troops to Iraq", "doc=2021; prev=2014-09-10",
     ["2014-09-21..2014-09-30 range"]),
    ("By early December 2014, the number of U.S. ground troops in Iraq had increased to 3,100", "doc=2021",
     ["2014-12-01..2014-12-10 range"]),
    ("by 4 February 2015, the U.S. had 4,500 troops in Iraq. Over the next two years, this number seemed to "
     "plateau", "doc=2021", ["2015-02-04 day"]),
    ("As of Sept 28, 2016, according to the DOD, the United States authorized additional troops", "doc=2021",
     ["2016-09-28 day"]),
    ("As of April 2017, according to the Los Angeles Times, there had been two non-disclosed troop "
     "deployments in the month of March", "doc=2021",
     ["2017-04-01..2017-04-30 month", "2017-03-01..2017-03-31 month"]),
    ("As of 2 July 2018, the U.S. still maintained a limited military presence of 5,000 troops", "doc=2021",
     ["2018-07-02 day"]),
    ("The U.S. ended its combat mission in Iraq on 9 December 2021, leaving 2,500 troops in the country",
     "doc=2021", ["2021-12-09 day"]),
    ("USS George H.W. Bush (CVN-77) in the Persian Gulf until mid October 2014", "doc=2021",
     ["2014-10-11..2014-10-20 range"]),
    ("Thunderbolt II's from the USAF's 163d Expeditionary Fighter Squadron were deployed on 17 November 2014.",
     "doc=2021", ["2014-11-17 day"]),
    ("but changed their position in July 2015 when they allowed U.S. fighters to use both it and Diyarbakır.",
     "doc=2021", ["2015-07-01..2015-07-31 month"]),
    ("At least until 2 November, dozens of those airstrikes held on", "doc=2021; prev=2014-10-03",
     ["2014-11-02 day"]),
    ("Morocco in late November 2014, as the first Arab state joining, carried out airstrikes around "
     "10 December 2014.", "doc=2021", ["2014-11-21..2014-11-30 range", "2014-12-10 day"]),
    ("Probably between 15 and 26 June, the U.S. also began to fly missions with manned aircraft",
     "doc=2021; sec=2014-06-15", ["2014-06-15..2014-06-26 range"]),
    ("On 29–30 June 2014, the U.S. increased the number of its troops in Iraq from 180 to 480", "doc=2021",
     ["2014-06-29..2014-06-30 range"]),
    ("In July, Obama announced that due to the continuing violence in Iraq", "doc=2021; sec=2014-06-29..2014-06-30",
     ["2014-07-01..2014-07-31 month"]),
    ("Around 13 July, a classified military report concluded", "doc=2021; sec=2014-07",
     ["2014-07-13 day"]),
    ("During the first 15 days of August 2014, ISIL expanded its territories in northern Iraq. On 3 August, "
     "they conquered Sinjar", "doc=2021", ["2014-08-01..2014-08-15 range", "2014-08-03 day"]),
    ("On the evening of 7 August 2014, U.S. President Barack Obama gave a live address to the nation.",
     "doc=2021", ["2014-08-07 day"]),
    ("On Friday, 8 August 2014, U.S. Navy F-18 Hornet fighters used 500-pound laser-guided bombs", "doc=2021",
     ["2014-08-08 day"]),
    ("On 8 and 9 August, Obama extended the purposes of the airstrikes of 8 August as to be: 1.) protecting",
     "doc=2021; sec=2014-08-08", ["2014-08-08 day", "2014-08-09 day", "2014-08-08 day"]),
    ("On Saturday, 9 August, U.S. forces launched 4 airstrikes. The U.S. airstrikes that day killed 16 ISIL "
     "fighters", "doc=2021; sec=2014-08-08", ["2014-08-09 day", "2014-08-09 day"]),
    ("An Iraqi airstrike conducted 9–11 August in Sinjar killed 45 ISIL militants", "doc=2021; prev=2014-08-10",
     ["2014-08-09..2014-08-11 range"]),
    ("Between 9 and 13 August, the Kurds and Americans enabled possibly 35,000 to 45,000 of the Yazidis",
     "doc=2021; sec=2014-08-10", ["2014-08-09..2014-08-13 range"]),
    ("On 16 August there were 9 U.S. airstrikes in northern Iraq, on 17 August 2014.", "doc=2021; sec=2014-08-13",
     ["2014-08-16 day", "2014-08-17 day"]),
    # 000 timeline, under "==== 2014 ====" / "===== September 2014 =====" and the like
    ("On 8 September, the Iraqi Army with close air support from U.S. F-18 aircraft managed to retake the key "
     "Haditha Dam.", "doc=2021; head=September 2014", ["2014-09-08 day"]),
    ("On 30 September, the U.S. launched eleven airstrikes, the highest number of strikes against ISIL on one "
     "day since 8 August.", "doc=2021; head=September 2014", ["2014-09-30 day", "2014-08-08 day"]),
    ("By the end of September 2014, the United States Navy and Air Force had conducted 240 airstrikes",
     "doc=2021; head=September 2014", ["2014-09-21..2014-09-30 range"]),
    ("12 October, ISIL came within 25 km (15.5 miles) of the Baghdad airport", "doc=2021; head=October 2014",
     ["2014-10-12 day"]),
    ("By 22 October, the U.S. had spent $424 million on both of its bombing campaigns", "doc=2021; head=October 2014",
     ["2014-10-22 day"]),
    ("Late November 2014, Morocco responded to an American appeal and sent several F-16 jets",
     "doc=2021; head=November 2014", ["2014-11-21..2014-11-30 range"]),
    ("In the Kurdish Sinjar offensive, 17–22 December, Kurdish troops, aided by U.S. airstrikes",
     "doc=2021; head=December 2014", ["2014-12-17..2014-12-22 range"]),
    ("In mid-January 2015, Canadian soldiers at the front lines exchanged fire", "doc=2021; head=January 2015",
     ["2015-01-11..2015-01-20 range"]),
    ("By late February, it was reported that ISIL was beginning to use chemical weapons, and that the Iraqi "
     "Army was expected to join the Liberation of Mosul sometime in April 2015.", "doc=2021; head=February 2015",
     ["2015-02-21..2015-02-28 range", "2015-04-01..2015-04-30 month"]),
    ("At the beginning of March, the Iraqi government announced an operation to regain the city of Mosul, "
     "which was under ISIL control since 10 June 2014.", "doc=2021; head=March 2015",
     ["2015-03-01..2015-03-10 range", "2014-06-10 day"]),
    ("which was under ISIL control since 10 June 2014. On 10 March, U.S.-led warplanes dropped scraps of paper",
     "doc=2021; head=March 2015", ["2014-06-10 day", "2015-03-10 day"]),
    ("In late-February, they were ready to take place.", "doc=2021; head=February 2016; prev=2015-05",
     ["2016-02-21..2016-02-29 range"]),
    ("18 March 2015 Coalition airstrike at the al-Baaj District, in the Nineveh Governorate", "doc=2021",
     ["2015-03-18 day"]),
    ("The US-led Coalition continued conducting airstrikes in Tikrit until 31 March, when Iraqi forces entered",
     "doc=2021; head=March 2015", ["2015-03-31 day"]),
    ("That night, U.S. aircraft carried out 17 airstrikes in the center of Tikrit",
     "doc=2021; prev=2015-03-25; head=March 2015", ["2015-03-25 day"]),
    ("By mid-April 2015, ISIL had lost 25–30%, 5,000 to 6,500 square miles, in Iraq since their peak "
     "territorial influence in August 2014", "doc=2021; head=April 2015",
     ["2015-04-11..2015-04-20 range", "2014-08-01..2014-08-31 month"]),
    ("injured between June 10, 2014 and February 3, 2015", "doc=2021", ["2014-06-10..2015-02-03 range"]),
    ("killed in Iraq and Syria between 8 August 2014 and 18 October 2016", "doc=2021",
     ["2014-08-08..2016-10-18 range"]),
    ("according to two top CENTCOM officials from mid-2014 to mid-2015 were", "doc=2021; head=August 2015",
     ["2014-05-01..2015-08-31 range"]),
    ("paratroopers will temporarily deploy to Iraq in summer 2017", "doc=2021; head=March 2017",
     ["2017-06-01..2017-08-31 season"]),
    ("bombers' use in offensive operations earlier this year", "doc=2021; head=May 2016",
     ["2016-01-01..2016-12-31 year"]),
    ("reportedly killing 6 ISIL members, on the same day ISIL detonated a roadside bomb",
     "doc=2021; prev=2018-10-05", ["2018-10-05 day"]),
    ("the withdrawal of U.S. troops from Iraq in late 2011", "doc=2021", ["2011-09-01..2011-12-31 range"]),
    ("On the night of 13–14 August, the British Royal Air Force", "doc=2021; sec=2014-08-12",
     ["2014-08-13..2014-08-14 range"]),
    # 001: wikitext version (document date 2023)
    ("In mid-2016, the number of Coalition airstrikes began to decline", "doc=2023",
     ["2016-05-01..2016-08-31 range"]),
    ("to restore its capabilities by around 2019–2020", "doc=2023", ["2019-01-01..2020-12-31 range"]),
    ("As of December 2017, the coalition had conducted thousands of strikes", "doc=2023",
     ["2017-12-01..2017-12-31 month"]),
    # 002: 2015 version (document date 2015)
    ("16–19 August, according to the U.S., Kurdish and Iraqi forces took back the Mosul Dam", "doc=2015; sec=2014-08",
     ["2014-08-16..2014-08-19 range"]),
    ("On the margins of the 4/5 September 2014 NATO summit in Wales", "doc=2015",
     ["2014-09-04..2014-09-05 range"]),
    ("For the U.S. campaign against ISIL, see Iraq War (2014–present)", "doc=2015",
     ["2014-01-01..2015-12-31 range"]),
    ("Since late 2014, eight F-16s have been based in Jordan", "doc=2015", ["2014-09-01..2014-12-31 range"]),
    ("It was also revealed during the same month that the Royal Navy had been", "doc=2015; prev=2015-10-21",
     ["2015-10-01..2015-10-31 month"]),
    ("In March and May 2015, Iraqi forces pushed north", "doc=2015",
     ["2015-03-01..2015-03-31 month", "2015-05-01..2015-05-31 month"]),
    ("In October and November 2015, the coalition struck oil facilities", "doc=2015",
     ["2015-10-01..2015-10-31 month", "2015-11-01..2015-11-30 month"]),
    ("ISIL forces besieged the town of Sinjar throughout late July and early August 2014", "doc=2015",
     ["2014-07-21..2014-07-31 range", "2014-08-01..2014-08-10 range"]),
    ("Coalition airstrikes continued throughout December and into January 2015", "doc=2015",
     ["2014-12-01..2014-12-31 month", "2015-01-01..2015-01-31 month"]),
    ("From 2 Nov 2014 to 13 May 2015 Canadian jets flew sorties", "doc=2015", ["2014-11-02..2015-05-13 range"]),
    ("during the course of 3 days, from 5 to 7 February 2015", "doc=2015", ["2015-02-05..2015-02-07 range"]),
    ("By September, according to the Pentagon", "doc=2015; prev=2015-07", ["2015-09-01..2015-09-30 month"]),
    # 003: scraped variant (document date 2016-02-08)
    ("Map of the situation in Iraq, Syria, and Lebanon, as of February 8, 2016.", "doc=2016-02-08",
     ["2016-02-08 day"]),
    ("Date | 13 June 2014 – present | ||", "doc=2016-02-08", ["2014-06-13..2016-02-08 range"]),
    ("From April 2016 UN Peacekeeping forces begun to enter Syria, Iraq and Kurdistan.", "doc=2016-02-08",
     ["2016-04-01..2016-04-30 month"]),
    ("On the 5th of September at the 2014 NATO summit in Wales, U.S. Secretary of State John Kerry",
     "doc=2016-02-08; head=5 September 2014", ["2014-09-05 day", "2014-01-01..2014-12-31 year"]),
    ("On 3rd December 2014, diplomats and (foreign) ministers from 59 countries gathered", "doc=2016-02-08",
     ["2014-12-03 day"]),
    ("On 15th September 2014, 26 countries were represented. They reaffirmed their commitment to UNSC "
     "Resolution 2170 of 15th August, which condemned all trade with Da'esh", "doc=2016-02-08",
     ["2014-09-15 day", "2014-08-15 day"]),
    ("Towards the end of September 2015, Russia, Iraq, Iran and Syria set up a 'joint information center' in "
     "Baghdad. On 30th September Russia began its air campaign", "doc=2016-02-08",
     ["2015-09-21..2015-09-30 range", "2015-09-30 day"]),
    ("On the 14th March 2016, Vladimir Putin announced a partial withdrawal", "doc=2016-02-08",
     ["2016-03-14 day"]),
    ("The Resolution was passed on 10th April 2016. Preparations were made and on the 12th April units from "
     "around the world, lead by Scotland, landing from 26th April 2016.", "doc=2016-02-08",
     ["2016-04-10 day", "2016-04-12 day", "2016-04-26 day"]),
    ("the terrorist attacks in Turkey in May 2013 in Reyhanli, kidnapping 49 Turkish diplomats in June 2014, "
     "the 5th June 2015 Diyarbakir rally bombing, and the 20 July 2015 Suruc bombing", "doc=2016-02-08",
     ["2013-05-01..2013-05-31 month", "2014-06-01..2014-06-30 month", "2015-06-05 day", "2015-07-20 day"]),
    ("In mid-June 2014, American and British sources show that Iran sent Major General Qasem Soleimani",
     "doc=2016-02-08", ["2014-06-11..2014-06-20 range"]),
    ("In July, Iran sent several Su-25 aircraft to Iraq, and in early August they began combat against ISIL.",
     "doc=2016-02-08; sec=2014-06-11..2014-06-20",
     ["2014-07-01..2014-07-31 month", "2014-08-01..2014-08-10 range"]),
    # with only the document date, a month is the latest one not after it (July 2015, not July 2016)
    ("In July, Iran sent several Su-25 aircraft to Iraq, and in early August they began combat against ISIL.",
     "doc=2016-02-08", ["2015-07-01..2015-07-31 month", "2015-08-01..2015-08-10 range"]),
    # 004: blog post written in November 2025
    ("On November 27 it was announced that the U.S. led Coalition had ended its mission in federal Iraq. "
     "Only 4-5 personnel were left in Baghdad. The rest of the 1,500 Coalition troops", "doc=2025-11",
     ["2025-11-27 day"]),
    ("At the start of January 2024 the government of Prime Minister Mohammed Sudani said", "doc=2025-11",
     ["2024-01-01..2024-01-10 range"]),
    ("That month the first round of talks were held", "doc=2025-11; prev=2024-01-01..2024-01-10",
     ["2024-01-01..2024-01-31 month"]),
    ("By 2025 PM Sudani wanted U.S. forces to stay", "doc=2025-11", ["2025-01-01..2025-12-31 year"]),
    ("pulling out of Ain Al-Asad airbase in Anbar which was supposed to happen in September.",
     "doc=2025-11; prev=2025", ["2025-09-01..2025-09-30 month"]),
    ("In October the Pentagon said it would be scaling back its military mission", "doc=2025-11",
     ["2025-10-01..2025-10-31 month"]),
    ("The U.S. was initially slow to respond to the resurgence of the Islamic State in 2014", "doc=2025-11",
     ["2014-01-01..2014-12-31 year"]),
    ("after Iran and its Hashd allies failed to take over the war with the 2015 Battle of Tikrit.", "doc=2025-11",
     ["2015-01-01..2015-12-31 year"]),
    ("After 2017 when the Islamic State lost all its territory", "doc=2025-11", ["2017-01-01..2017-12-31 year"]),
    ("This whole drama may finally be coming to an end next year.", "doc=2025-11",
     ["2026-01-01..2026-12-31 year"]),
    ("Agence France Presse, “Iraq keeping a small contingent of US military advisers,” 10/20/25", "doc=2025-11",
     ["2025-10-20 day"]),
    ("Al Arabiya, “Pentagon says Iraq mission being scaled back,” 10/1/25", "doc=2025-11", ["2025-10-01 day"]),
    ("Chalak, Chenar, “Coalition mission will end during current cabinet: Iraqi govt spox,” Rudaw, 1/29/24",
     "doc=2025-11", ["2024-01-29 day"]),
    ("Lambeth, Benjamin, Airpower in the War Against ISIS, Annapolis: Naval Institute Press, 2021",
     "doc=2025-11", ["2021-01-01..2021-12-31 year"]),
    # offsets from the previous date in the paragraph (or the sentence): vague ones are ranges
    ("killed nine other ISIL members in retaliation for the Baghdad bombings that killed 32 Iraqis "
     "a week prior, officials added.", "doc=2021; prev=2021-01-27", ["2021-01-18..2021-01-22 range"]),
    ("The first Reaper drone strike occurred weeks later in Bayji, north of Baghdad",
     "doc=2023; prev=2014-10-16", ["2014-10-23..2014-11-27 range"]),
    ("Weeks later, Parliament was recalled and Members debated", "doc=2023; prev=2014-09-01..2014-09-10",
     ["2014-09-08..2014-10-22 range"]),
    ("On 21 February, it was reported that just over a week before, Afghan forces supported by U.S. "
     "airstrikes pushed ISIL militants out, killing a total 43 ISIL militants by 22 February.",
     "doc=2023; prev=2016-02-01",
     ["2016-02-21 day", "2016-02-11..2016-02-13 range", "2016-02-22 day"]),
    ("On 31 December, angry protestors attacked the United States embassy in Baghdad, in response to "
     "the U.S. airstrike two days earlier against Kata'ib Hezbollah militia.", "doc=2021; prev=2019-12-29",
     ["2019-12-31 day", "2019-12-29 day"]),
    ("In February 2015, ISIL-KP deputy commander Mullah Abdul Rauf Khadim was killed, his successor met "
     "the same fate a month later, and since then", "doc=2023", ["2015-02-01..2015-02-28 month",
                                                               "2015-03-01..2015-03-31 month"]),
    ("Two days later, a US drone strike targeted what was believed to be a member of IS-K",
     "doc=2023; prev=2021-08-26", ["2021-08-28 day"]),
    ("Three months later the base was handed over.", "doc=2023; prev=2014-10-16",
     ["2015-01-01..2015-01-31 month"]),
    ("The next day, U.S. aircraft struck again.", "doc=2023; prev=2014-08-08", ["2014-08-09 day"]),
    ("Rebels had taken the town months before.", "doc=2023; prev=2012-08-11", ["2011-11-01..2012-06-30 range"]),
    # "since <month>" looks back: never after the date that lends the year (000:285)
    ("There are already more than 4,000 Marines who have been deployed to Iraq since October.",
     "doc=2021; head=March 2016; prev=2016-03-19", ["2015-10-01..2015-10-31 month"]),
    ("deployed to Iraq since October.", "doc=2021; head=March 2016", ["2015-10-01..2015-10-31 month"]),
    ("As of February, the base had been handed over.", "doc=2021; prev=2016-03-19",
     ["2016-02-01..2016-02-29 month"]),
    ("In October the base was handed over.", "doc=2021; prev=2016-03-19", ["2016-10-01..2016-10-31 month"]),
]


@pytest.mark.parametrize("text,spec,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_corpus_expressions(text: str, spec: str, expected: list[str]) -> None:
    assert _got(text, spec) == expected


def test_table_is_large_enough() -> None:
    assert sum(len(c[2]) for c in CASES) >= 80


NOT_DATES = [
    "The rest of the 1,500 Coalition troops", "189,000 Iraqi soldiers and police officers",
    "at ~$3.5 billion", "Two U.S. Air Force F-15E Strike Eagle aircraft", "No. 1 Squadron",
    "Iran sent several Su-25 aircraft", "Only 4-5 personnel were left", "UN Security Council Resolution 2249",
    "B-52 bombers", "the 9/11 attacks", "the 5,000–10,000 IEDs left behind", "had lost 25–30%",
    "500-pound laser-guided bombs", "eight Dassault Mirage 2000 jets", "USS George H.W. Bush (CVN-77)",
    "22 million rounds of AK-47 7.62 millimeter bullets", "killing possibly 2,000 Yazidi men",
    "The Islamic State Is Also on the March", "the Arab Winter", "Over the next two years",
    "the 82nd Airborne Division", "UNSCR 2281 established a peacekeeping force", "CH-53E aircraft",
    "Carrier Air Wing 8", "sent 2000 troops", "between 5,000 and 10,000 Yazidis",
    "Air Superiority Under 2000 Feet", "carried out over 1800 air strikes", "about 1000 civilians",
    "more than 2100 missions", "agreed that 2000 MNLF fighters would join the army", "sent 1500 U.S. troops",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    ctx = DateContext(document=parse_iso_or_partial("2021"))
    assert find_dates(text, ctx) == []


def test_missing_year_without_context_is_skipped() -> None:
    assert find_dates("On 5 August, the U.S. started supplying weapons.", DateContext()) == []
    assert find_dates("That month the first round of talks were held", DateContext()) == []


def test_offsets_without_a_stated_date_are_skipped() -> None:
    """Offsets count from a date the text states, never from a heading or the document date;
    "two days before the attack" counts from the attack."""
    ctx = DateContext(document=parse_iso_or_partial("2021"), heading=heading_date("March 2016"))
    assert find_dates("A week later, the Marines left.", ctx) == []
    ctx = replace(ctx, previous=parse_iso_or_partial("2016-03-19"))
    assert find_dates("They set up their howitzers 2 or 3 days before the attack.", ctx) == []
    assert find_dates("Weeks later, the Marines left.",
                      replace(ctx, previous=parse_iso_or_partial("2016"))) == []
    # a counted offset that points at another event's day counts from that event
    assert find_dates("The convoy left 12 days after the ceasefire.", ctx) == []


COUNTED = [
    ("Ten days later, the garrison surrendered.", ["2016-03-29 day"]),
    ("The garrison surrendered 10 days later.", ["2016-03-29 day"]),
    ("Thirty-one days later the siege was lifted.", ["2016-04-19 day"]),
    ("Four weeks later the bridge was repaired.", ["2016-04-12..2016-04-20 range"]),
    ("Three weeks earlier, engineers had mined the bridge.", ["2016-02-24..2016-03-01 range"]),
    ("Eleven months later the airport reopened.", ["2017-02-01..2017-02-28 month"]),
    ("Five years later the town was rebuilt.", ["2021-01-01..2021-12-31 year"]),
]


@pytest.mark.parametrize("text,expected", COUNTED, ids=[c[0][:30] for c in COUNTED])
def test_a_counted_offset_counts_from_the_previous_date(text: str, expected: list[str]) -> None:
    """Any count of days, weeks, months or years "later"/"earlier" is measured from the previous
    stated date, at the precision the count and that date allow."""
    assert _got(text, "doc=2021; prev=2016-03-19") == expected
    assert _got(text, "doc=2021") == []


def test_a_flashback_is_not_the_paragraph_time():
    """001:380: "the previous year" does not move the story back: "On 11 June" stays in 2016;
    001:406: nor does it change what "this year" means."""
    got = _tag([("In June 2016, ISIL militants were retreating from Sirte.", 0),
                ("The militias are allied to the government installed in Tripoli the previous year.", 0),
                ("On 11 June, the BBC reported that Libyan forces retook part of Sirte.", 0),
                ("On 24 December 2016, strength fell from 3,000 members the previous year.", 1),
                ("U.S. troops conducted more than 350 operations this year.", 1),
                ("On 21 February 2016, it was reported that a week earlier, Afghan forces pushed "
                 "ISIL out; 43 were killed by 22 February.", 2),
                ("On 3 March, the operation ended.", 2)], doc_date="2023")
    assert got == [[(date(2016, 6, 1), "month")], [(date(2015, 1, 1), "year")],
                   [(date(2016, 6, 11), "day")],
                   [(date(2016, 12, 24), "day"), (date(2015, 1, 1), "year")],
                   [(date(2016, 1, 1), "year")],
                   [(date(2016, 2, 21), "day"), (date(2016, 2, 12), "range"), (date(2016, 2, 22), "day")],
                   [(date(2016, 3, 3), "day")]]


def test_offsets_and_qualifiers() -> None:
    text = "By December 2017, ISIL had no territory; as of February 8, 2016 and since 2014."
    spans = find_dates(text, DateContext())
    assert [(s.text, s.qualifier) for s in spans] == [
        ("December 2017", "by"), ("February 8, 2016", "as of"), ("2014", "since")]
    assert all(text[s.start_char:s.end_char] == s.text for s in spans)


def test_numeric_order() -> None:
    assert find_dates("20/10/25", DateContext())[0].start == date(2025, 10, 20)
    assert find_dates("5/6/25", DateContext(us_order=False))[0].start == date(2025, 6, 5)
    assert find_dates("5/6/25", DateContext())[0].start == date(2025, 5, 6)
    assert find_dates("2014-08-08", DateContext())[0].precision == "day"


def test_seasons_and_year_parts() -> None:
    got = [(s.start, s.end, s.precision) for s in find_dates(
        "summer 2015, the spring of 2016, early 2015, the end of 2017", DateContext())]
    assert got == [
        (date(2015, 6, 1), date(2015, 8, 31), "season"), (date(2016, 3, 1), date(2016, 5, 31), "season"),
        (date(2015, 1, 1), date(2015, 4, 30), "range"), (date(2017, 10, 1), date(2017, 12, 31), "range")]


def test_month_range_across_years() -> None:
    (s,) = find_dates("December 2015–January 2016", DateContext())
    assert (s.start, s.end, s.precision) == (date(2015, 12, 1), date(2016, 1, 31), "range")


@pytest.mark.parametrize("title,expected", [
    ("===== September 2014 =====", (date(2014, 9, 1), date(2014, 9, 30), "month")),
    ("==== 2015 ====", (date(2015, 1, 1), date(2015, 12, 31), "year")),
    ("5 September 2014", (date(2014, 9, 5), date(2014, 9, 5), "day")),
    ("June–July 2020", (date(2020, 6, 1), date(2020, 7, 31), "range")),
    ("Timeline", None),
    ("July 2015 special forces operation", None),
    ("Internet beheading video campaign 2014–2015", None),
    ("September", None),
])
def test_heading_date(title: str, expected: tuple | None) -> None:
    hd = heading_date(title)
    got = (hd.start, hd.end, hd.precision) if hd is not None else None
    assert got == expected


@pytest.mark.parametrize("path,expected", [
    (("Timeline", "2014", "September"), (date(2014, 9, 1), "month")),
    (("Timeline", "2015", "March 2015"), (date(2015, 3, 1), "month")),
    (("Turkish intervention", "July 2015 special forces operation"), (date(2015, 7, 1), "month")),
    (("Internet beheading video campaign 2014–2015",), None),
    (("Background", "Old enemies"), None),
])
def test_section_date(path: tuple[str, ...], expected: tuple | None) -> None:
    sd = section_date(path)
    assert ((sd.start, sd.precision) if sd is not None else None) == expected


def test_bare_month_heading_takes_outer_year() -> None:
    hd = heading_date("September", heading_date("2014"))
    assert hd is not None and (hd.start, hd.end) == (date(2014, 9, 1), date(2014, 9, 30))


def test_parse_iso_or_partial() -> None:
    assert parse_iso_or_partial("2014").precision == "year"
    assert parse_iso_or_partial("2014-08").end == date(2014, 8, 31)
    assert parse_iso_or_partial("2014-08-08").precision == "day"
    for bad in ("", "August 2014", "2014-13", "2014-02-30"):
        with pytest.raises(InputError):
            parse_iso_or_partial(bad)


def _sent(text: str, paragraph: int, section: tuple[str, ...], index: int) -> Sentence:
    return Sentence(text=text, line=index + 1, start=0, end=len(text), section=section,
                    paragraph=paragraph, index=index)


def test_tag_document_context_order() -> None:
    span = ("Timeline", "2014–2015")
    sents = [
        _sent("In July, Iran sent aircraft.", 0, ("Iran",), 0),              # only the document date
        _sent("On 8 August 2014, something happened.", 1, span, 1),
        _sent("On 9 August, more happened. That day was long.", 1, span, 2),  # paragraph beats heading
        _sent("On 10 August, it rained.", 2, span, 3),                       # new paragraph: heading
        _sent("Control since 10 June 2013. On 10 March, it ended.", 3, ("Timeline", "2016", "March"), 4),
        _sent("In July, a second event.", 4, ("Other",), 5),                 # an earlier paragraph
        _sent("Nothing dated here.", 5, ("Other",), 6),
    ]
    doc = Document(id="t.txt", path="t.txt", title="t", format="text",
                   date=parse_iso_or_partial("2016-02-08"), sentences=tuple(sents))
    tagged = tag_document(doc)
    got = [[(d.start, d.precision) for d in s.dates] for s in tagged.sentences]
    assert got == [
        [(date(2015, 7, 1), "month")],
        [(date(2014, 8, 8), "day")],
        [(date(2014, 8, 9), "day"), (date(2014, 8, 9), "day")],
        [(date(2015, 8, 10), "day")],
        [(date(2013, 6, 10), "day"), (date(2016, 3, 10), "day")],   # a flashback does not set the year
        [(date(2016, 7, 1), "month")],
        [],
    ]
    assert doc.sentences[0].dates == ()          # the input is left untouched


def test_dotted_capital_i_in_a_cue_does_not_crash_tagging():
    """'İn July' (Turkish dotted İ, whose lower() is not 'in') once raised KeyError."""
    context = DateContext(document=parse_iso_or_partial("2015"))
    spans = find_dates("İn July 2015 the strikes went on.", context)
    assert [(s.start, s.end, s.precision) for s in spans] == [
        (date(2015, 7, 1), date(2015, 7, 31), "month")]


def _tag(sents: list[tuple[str, int]], doc_date: str = "2021",
         section: tuple[str, ...] = ("Operations",)) -> list[list[tuple[date, str]]]:
    """Tag (text, paragraph) sentences of one document; (start, precision) per date."""
    doc = Document(id="t.txt", path="t.txt", title="t", format="text",
                   date=parse_iso_or_partial(doc_date),
                   sentences=tuple(_sent(t, p, section, i) for i, (t, p) in enumerate(sents)))
    return [[(d.start, d.precision) for d in s.dates] for s in tag_document(doc).sentences]


def test_year_from_a_later_date_in_the_same_paragraph():
    """000:118 and 000:456: no earlier date in the paragraph, so the next dated one lends its
    year, not an earlier paragraph's date (2016) or the document date (2021)."""
    got = _tag([
        ("In June 2016 the F-16s returned.", 0),
        ("France (Opération Chammal)On 15 September, Dassault Rafale fighter aircraft flew.", 1),
        ("On 19 September 2014, France conducted its first airstrike.", 1),
        ("On 7 August, two Lockheed C-130 Hercules's dropped meals.", 2),
        ("It was hot.", 2),
        ("On 9 August 2014, U.S. aircraft again dropped humanitarian supplies.", 2),
    ])
    assert got == [
        [(date(2016, 6, 1), "month")],
        [(date(2014, 9, 15), "day")],
        [(date(2014, 9, 19), "day")],
        [(date(2014, 8, 7), "day")],
        [],
        [(date(2014, 8, 9), "day")],
    ]


def test_later_date_after_the_year_less_one_means_the_year_before():
    """Stories go forward: "On 9 August ... On 23 February 2015" puts 9 August in 2014."""
    got = _tag([("On 9 August, U.S. airstrikes killed 16 ISIL fighters.", 0),
                ("Between 9–11 August, an Iraqi airstrike killed 45 ISIL men.", 0),
                ("On 23 February 2015, it was revealed that 8,500 had been killed.", 0)])
    assert got == [[(date(2014, 8, 9), "day")], [(date(2014, 8, 9), "range")],
                   [(date(2015, 2, 23), "day")]]
    # in one sentence too, and a later month that contains the day keeps its year
    spans = find_dates("On 9 August, strikes began; on 23 February 2015 the count came.",
                       DateContext(document=parse_iso_or_partial("2021")))
    assert [s.start for s in spans] == [date(2014, 8, 9), date(2015, 2, 23)]
    spans = find_dates("On 15 September, flights; in September 2014 the strikes.",
                       DateContext(document=parse_iso_or_partial("2021")))
    assert spans[0].start == date(2014, 9, 15)


def test_a_later_date_does_not_override_an_earlier_one_or_a_heading_or_the_news_day():
    # an earlier date in the paragraph still comes first
    assert _tag([("On 8 August 2014, strikes.", 0), ("On 9 August, more.", 0),
                 ("On 3 March 2016, the end.", 0)])[1] == [(date(2014, 8, 9), "day")]
    # a bare later year is background, not an anchor: the earlier paragraph's 2014 stays
    assert _tag([("On 8 August 2014, strikes.", 0),
                 ("On the night of 13–14 August, aircraft airdropped supplies, the first "
                  "since the violence in East Timor in 1999.", 1)])[1] == [
        (date(2014, 8, 13), "range"), (date(1999, 1, 1), "year")]
    # a later date outside the dated heading is a flashback: the heading's year wins
    got = _tag([("On 10 March, Tikrit fell.", 0), ("ISIL had held it since 10 June 2014.", 0)],
               section=("Timeline", "March 2015"))
    assert got[0] == [(date(2015, 3, 10), "day")]
    # a news story's year-less dates are its present, whatever background follows
    got = _tag([("On November 20 the mission ended.", 0),
                ("It had begun on 3 December 2014.", 0)], doc_date="2025-11-27")
    assert got[0] == [(date(2025, 11, 20), "day")]


def test_mosul_liberation_day():
    (span,) = find_dates("Mosul was declared fully liberated on July 10, 2017 by Iraqi Prime "
                         "Minister Haider al-Abadi.", DateContext(document=parse_iso_or_partial("2021")))
    assert (span.start, span.end, span.precision) == (date(2017, 7, 10), date(2017, 7, 10), "day")


def test_a_paragraph_opening_with_the_next_day_counts_from_the_paragraph_before():
    """A narrative told a paragraph per day: "The next day," or "Three days later," opening a
    paragraph counts from the day the paragraph before ended on; not from an undated or a
    month-only paragraph, and not past the opening sentence."""
    got = _tag([("On 4 May 2016, engineers reached the dam.", 0),
                ("The following morning, the militia shelled the dam.", 1),
                ("Three days later, the engineers withdrew.", 2),
                ("The same day, a ferry sank.", 2),
                ("In June 2016 the floods came.", 3),
                ("The next day, the road closed.", 4),
                ("Pumps were installed.", 5),
                ("The next day, the pumps failed.", 6)])
    assert got == [[(date(2016, 5, 4), "day")], [(date(2016, 5, 5), "day")], [(date(2016, 5, 8), "day")],
                   [(date(2016, 5, 8), "day")], [(date(2016, 6, 1), "month")], [], [], []]


def test_a_year_after_a_cue_stays_a_year_before_a_named_force():
    """"In 2015 ISIL fighters ...": a count needs no "in" before it; a year does."""
    ctx = DateContext(document=parse_iso_or_partial("2021"))
    assert [d.text for d in find_dates("In 2015 ISIL fighters seized the town.", ctx)] == ["2015"]
