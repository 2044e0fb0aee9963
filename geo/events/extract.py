"""Sentence → events: cue words give the type, place mentions the where, date spans the when.

For each cue in a sentence the places in its scope (after it up to the next cue, or before it
for passive cues such as "X fell to ISIL") each give one event, dated by the nearest date
expression, with the subject actor as `actor`. Country or region mentions only give an event
when the scope names nothing finer.
"""

from __future__ import annotations

import re
from functools import partial

from collections.abc import Iterable
from dataclasses import replace

from geo.actors import ActorLexicon, ActorMatch, load_actors
from geo.events.carry import ParagraphTime
from geo.events.cues import CueMatch, Lexicon, load_lexicon
from geo.events.locative import (between_kept, between_pairs, coordinated, district_hosts, locator_spans,
                                  fronted_places, governing, on_route, opens_with_place, own_clause)
from geo.events.passive import defender_named
from geo.events.record import build_event, dominant_country, localize_unplaced
from geo.events.repeats import SentenceMemo
from geo.events.when import background
from geo.events.where import choose_span
from geo.events.filters import (compared, people_taken, delayed, is_water, judicial, lacks_aircraft, modal, names_accord,
                                names_past_event, navigation_section, part_of_target, planned, purpose_edge, topical,
                                cited_in_passing, battle_record, attributive, roster, in_transit, mood_carried,
                                opinion_measured, ground_fire, titled_list, cause_cited, soft_target)
from geo.model import DateSpan, Document, Event, Mention, Sentence
from geo.events.text import (  # place_key, text_index: re-exported for callers
    COUNTED, MASS, LOCATIVE, BACK_REF, BY_AGENT, OCCUPY, AND_ONLY, COMPOUND, ORIGIN, SUPPORT, SENT_FORCE,
    WHERE, TOKEN, AGENT, ANAPHORIC, SEE_ALSO, ONE_VERB, FRONTED, Spot, IRREALIS_TYPES, OBJECT_GAP,
    AFTER_WINDOW, BASE_WINDOW, BEFORE_WINDOW, TARGET_WINDOW, HOSTILE_TYPES, FINE_LEVEL,
    COUNTRY_LEVEL, place_key, drop_covered, named_spot, spots_of, all_spots, kept_spots, text_index,
    PASSIVE_BY, POSSESSOR, SUBORDINATE, ANNOUNCED, relative_head, home_base,
)


# "forces loyal to the unity government recaptured": "to" before a noun phrase is no infinitive.
PREPOSITIONAL_TO = re.compile(r"to\s+(?:the|a|an|its|their|his|her)\b", re.IGNORECASE)
STATE_SIDES = ("coalition", "Iraqi government", "Syrian government and allies")
RELATIVE_CLAUSE = re.compile(r",\s+(?:which|who|whose|whom)\b")
# "was shot down", "were ambushed": a passive cue; its subject was hit, its doer follows "by".
PASSIVE_AUX = re.compile(r"\b(?:was|were|been|being|got)\s+(?:left\s+)?(?:\w+ly\s+)?$", re.IGNORECASE)
CLAIMED_BY = re.compile(r"\bclaimed\s+by\s+(?:the\s+)?$", re.IGNORECASE)
NAMED_AS = re.compile(r"\b(?:named|nicknamed|dubbed|code-?named)\b")
# "a rocket attack", "the shelling": a cue used as a noun; "on a school in Idlib by": its phrase up to "by".
NOMINAL_LEAD = re.compile(r"\b(?:an?|the|of|rocket|mortar|suicide|car|chemical|bomb|artillery|air)\s+$", re.IGNORECASE)
CUE_BY = re.compile(r"\s+by\s+(?:the\s+|an?\s+)?")
NOUN_PHRASE_BY = re.compile(r"\s+(?:on|against|in|at|near)\s[^,;:()]*?\bby\s+(?:the\s+|an?\s+)?")
RELATIVE_HEAD = re.compile(r"\s*,?\s*(?:which|that|who)\s+(?:[\w-]+\s+){0,2}", re.IGNORECASE)
# "U.S. military officials", "Russian defence ministry spokesman": a state's own voices.
OFFICIALS = re.compile(r"\s+(?:(?:military|defen[cs]e|army|government|security|senior)\s+){0,2}"
                       r"(?:officials?|ministry|spokes(?:man|woman|person)|commanders?|sources)\b", re.IGNORECASE)
# "... said that troops", "said the ships of the flotilla": an unnamed force as the reported subject.
BARE_FORCES = re.compile(r"\w+\s+(?:that\s+)?(?:the\s+|its\s+|their\s+)?(?:troops|forces|soldiers|ships|jets|"
                         r"warplanes|aircraft|units|bombers)\b")
# "in order to cut the supply line to Aleppo": what the act was for, not where it happened.
PURPOSE_CLAUSE = re.compile(r"\b(?:in\s+order\s+to|so\s+as\s+to|with\s+the\s+(?:aim|goal|intention)\s+of|aiming\s+to)\b",
                            re.IGNORECASE)
# "during the government siege of Yarmouk", "Ba'athist Government airstrikes", "a five-day Army assault".
GOVERNMENT_MODIFIER = re.compile(r"(?:\b(?:the|a|an)\s+(?:[\w-]+\s+)?|^|[,;(]\s*|Ba'athist\s+)"
                                 r"(?:government|Government|regime|Army)\s+"
                                 # "by an Army surface-to-surface missile fired at": the army's weapon
                                 r"(?:(?:[\w-]+\s+){0,2}(?:missiles?|rockets?|shells?|bombs?|artillery|tanks?|jets?|"
                                 r"helicopters?|aircraft|warplanes?|snipers?|mortars?)\s+)?$")
OBJECT_LEAD = re.compile(r"\s*(?:the\s+)?")
AGENT_BY = re.compile(r"\bby\s+(?:the\s+|an?\s+)?$", re.IGNORECASE)   # "... by government forces": a doer
# "rebel coalition Army of Conquest", "rebels, known as the Army of Conquest": a kind, then its name.
APPOSED_NAME = re.compile(r"(?:\s+of(?:\s+[A-Za-z-]+){1,3})?\s*,?\s*(?:(?:called|named|known\s+as)\s+)?(?:the\s+)?")
# "its capture of Mosul", "ISIL's seizure of Ramadi", "the group's offensive": a possessor before the cue's noun.
POSSESSIVE = re.compile(r"(?:\b(?P<pro>its|their)|(?P<gen>['’]s?))\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)


class Extractor:
    """Holds the lexicons and the per-document actor context (for "they", "it")."""

    def __init__(self, actors: ActorLexicon | None = None, lexicon: Lexicon | None = None) -> None:
        self.actors = actors or load_actors()
        self.lex = lexicon or load_lexicon()
        self.memo = SentenceMemo()   # sentences repeated word for word are read once

    def document(self, doc: Document, mentions: Iterable[Mention]) -> list[Event]:
        """All events stated by `doc`, given its place mentions (any order)."""
        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        doc_country = dominant_country(m for ms in by_sentence.values() for m in ms)
        para_mentions: list[Mention] = []

        def flush(block: list[Event]) -> list[Event]:
            # An unplaced event's generic actor ("government troops") is read in the paragraph's country.
            country = dominant_country(para_mentions) or doc_country
            return localize_unplaced(self.actors, drop_covered(block), country)
        events: list[Event] = []
        block: list[Event] = []      # the current paragraph's events
        context_actor, context_section, paragraph = "", (), None
        last_dates: tuple[DateSpan, ...] = ()
        para_time = ParagraphTime()  # what an undated sentence of the paragraph inherits (carry.py)
        lead_date: tuple[tuple[str, ...], DateSpan] | None = None   # section and last date told
        for sentence in doc.sentences:
            if sentence.section != context_section:
                context_actor, context_section = "", sentence.section
            same_paragraph = sentence.paragraph == paragraph
            if not same_paragraph:
                last_dates, para_time = (), ParagraphTime()
                events.extend(flush(block))
                block, para_mentions = [], []
            paragraph = sentence.paragraph
            para_mentions.extend(by_sentence.get(sentence.index, ()))
            if not sentence.dates and not last_dates and lead_date is not None and under(lead_date[0], sentence):
                # "On December 19, Coalition forces conducted 15 strikes ... ## Strikes in Iraq - Near
                # Mosul, ...": the sub-sections under a dated lead tell that lead's day.
                last_dates = lead_date[1:]
            if not sentence.dates and last_dates:
                # "Another round of airstrikes in the afternoon ...": the paragraph's last date holds.
                held = para_time.held() if para_time.stated else tuple(replace(d, start_char=-1, end_char=-1)
                                                             for d in last_dates[-1:])
                if held:
                    sentence = replace(sentence, dates=held)
            elif any(d.start_char >= 0 and not background(sentence.text, d) for d in sentence.dates):
                last_dates = tuple(d for d in sentence.dates if d.start_char >= 0 and not background(sentence.text, d))
                lead_date = (sentence.section, last_dates[-1])
                para_time.told(sentence.text, last_dates)
            if navigation_section(self.lex, sentence.section):
                continue   # "See also", "Order of battle": lists of links and forces
            found, subject = self._remembered(doc, sentence, by_sentence.get(sentence.index, []), context_actor,
                                              same_paragraph)
            block.extend(found)
            if subject:
                context_actor = subject
        events.extend(flush(block))
        return events

    def _remembered(self, doc: Document, sentence: Sentence, mentions: list[Mention], context_actor: str,
                    same_paragraph: bool) -> tuple[list[Event], str]:
        """`sentence`'s reading, from the memo when the same sentence came before in the same context.
        `sentence` reads only doc.id, doc.line_of and doc.date of its document: anything more it
        comes to read must join SentenceMemo.key (tests/test_repeats.py compares both ways)."""
        key = self.memo.key(doc, sentence, mentions, context_actor, same_paragraph)
        found = self.memo.get(key, doc, sentence)
        if found is None:
            found = self.sentence(doc, sentence, mentions, context_actor, same_paragraph)
            self.memo.put(key, sentence, *found)
        return found

    def sentence(self, doc: Document, sentence: Sentence, mentions: list[Mention],
                 context_actor: str = "", same_paragraph: bool = False) -> tuple[list[Event], str]:
        """Events of one sentence and the subject actor it leaves as context for the next."""
        text = sentence.text
        actor_matches = self.actors.find(text)
        subject_all = self._subject(text, actor_matches, 0, len(text))
        if roster(text):
            return [], ""                   # "* Syrian Armed Forces ** Republican Guard ...": a list, no event
        if not any(m.role == "place" for m in mentions) and not opens_with_place(text, self.lex.fronted):
            return [], subject_all          # no place, no event: skip the cue scan (half the time)
        cues = self.lex.find(text)
        if not cues:
            return [], subject_all
        # A cue inside an actor's name ("UN Peacekeeping forces") is a name, not an event; nor is
        # one inside a cross-reference "(see Sinjar massacre)".
        refs = [(m.start(), m.end()) for m in SEE_ALSO.finditer(text)]
        cues = [c for c in cues if not any(a.start <= c.start and c.end <= a.end for a in actor_matches)
                and not any(s <= c.start < e for s, e in refs)]
        if not cues:
            return [], subject_all
        every = all_spots(sentence, mentions)
        spots, hosts = district_hosts(text, kept_spots(sentence, every))   # "the Damascus district of X"
        locators = locator_spans(every, spots)   # "Constanta, Romania": a place's country, no actor
        actor_matches = [a for a in actor_matches if not any(s <= a.start and a.end <= e for s, e in locators)]
        # "Canada conducted ...", "U.S. forces": a country name used as an actor is not a place.
        listed = coordinated(text, spots, LOCATIVE)
        spots = [s for s in spots if s.level == FINE_LEVEL or LOCATIVE.search(text[max(0, s.start - 30):s.start])
                 or s.start in listed or not any(a.start < s.end and s.start < a.end for a in actor_matches)]
        # "Nour al-Din al-Zenki" unresolved, "Idlib" in "Free Idlib Army": a group's name, not a place.
        spots = [s for s in spots if not any(a.start <= s.start and s.end <= a.end and (
            s.mention.place is None or a.end - a.start > s.end - s.start) for a in actor_matches)]
        # "the U.S.-made airstrip", "Raqqa-based fighters": a name made an adjective is no place.
        spots = [s for s in spots if not COMPOUND.match(text, s.end)]
        # A river is no point on land where something happened ("near the Tigris river").
        spots = [s for s in spots if not is_water(self.lex, sentence, s) and not names_accord(self.lex, text, s)]
        spot_spans = [(s.start, s.end) for s in spots]
        pairs = between_pairs(text, spots, self.lex.between)   # "between Azaz and al-Rai": near the first
        taken = [(d.start_char, d.end_char) for d in sentence.dates] + [(a.start, a.end) for a in actor_matches]
        # "said", "told": speakers before; "were reported to have struck" is no speaker's verb.
        speech = [m.start() for m in self.lex.speech.finditer(text)
                  if not PASSIVE_AUX.search(text, max(0, m.start() - 25), m.start())]
        fronts = fronted_places(text, spots, self.lex.fronted, partial(unnamed_spot, doc, sentence), taken)
        # A cue word inside a place name is the name: the town of Hit, "Raqqa Offensive" ...
        cues = [c for c in cues if not any(s <= c.start and c.end <= e for s, e in spot_spans)]
        cues = tolls_dropped(self.lex, text, cues)
        if not cues:
            return [], subject_all
        # An alias that is also a place in the text ("in Syria") names a place, not an actor.
        actor_matches = [a for a in actor_matches
                         if not any(a.start < e and s < a.end for s, e in spot_spans)
                         or not self.lex.subject_skip.search(text[max(0, a.start - 30):a.start])]
        events: list[Event] = []
        seen: dict[tuple[str, str, str], int] = {}
        previous_actor = ""
        aims = purpose_edge(self.lex, text)
        unreal_end = -1   # where the last cue told as a plan, demand or aim ended
        for k, cue in enumerate(cues):
            lead = text[max(0, cue.start - 40):cue.start]
            if self.lex.negation.search(lead[-25:]) and not delayed(self.lex, text, cue):
                continue
            if self._unreal(text, cue, lead) or mood_carried(text, unreal_end, cue):
                unreal_end = cue.end   # "urged the army to stop the offensive and withdraw": both unreal
                continue
            if compared(self.lex, text, cue) or people_taken(self.lex, text, cue):
                continue   # "the deadliest attack since 2009", "captured 112 soldiers": not this event
            if self.lex.peaceful.match(text, cue.end):
                continue   # "shot a film", "killed in a car accident": no act of war
            if (cited_in_passing(self.lex, text, cue) or battle_record(self.lex, text, cue, cues)
                    or titled_list(text, cue, cues)):
                continue   # "(the First Battle of Kharkov)", "was involved in the Siege of Homs, ...": cited names
            if attributive(self.lex, text, cue):
                continue   # "broke through to besieged Warsaw": a state, not the act
            if 0 <= aims <= cue.start:
                continue   # "the purposes ... as to be: ... break the siege of Mount Sinjar": aims, not events
            if ground_fire(self.lex, text, cue) or soft_target(self.lex, text, cue):
                # "struck by an anti-tank missile", "gunmen stormed a restaurant": an attack
                cue = replace(cue, cue=replace(cue.cue, event_type="attack"))
            if cause_cited(text, cue):
                continue   # "in retaliation for the army's attack on ...": an earlier act, the reason
            if topical(self.lex, text, cue) or lacks_aircraft(self.lex, text, cue) or opinion_measured(self.lex, text, cue):
                continue   # "speaking about airstrikes", "forces were targeting"
            prev_end = cues[k - 1].end if k else 0
            next_start = cues[k + 1].start if k + 1 < len(cues) else len(text)
            if aims > cue.end:
                next_start = min(next_start, aims)
            aim = PURPOSE_CLAUSE.search(text, cue.end, next_start)
            if aim is not None:
                next_start = aim.start()   # "attacked the road in order to cut the supply line to Aleppo"
            other = own_clause(text, cue.end, next_start, [(a.start, a.end) for a in actor_matches],
                               self.lex.clause_opener)
            if other >= 0 and cue.cue.place == "after":
                next_start = other   # "launched an offensive, after government forces reached X": not at X
            actor, target, holder, chosen = self._who(text, cue, actor_matches, prev_end, next_start,
                                                      previous_actor, context_actor, cues[k + 1:],
                                                      same_paragraph, governing(fronts, cue.start), speech)
            if judicial(self.lex, text, cue) and self.actors.side(actor) != "ISIL":
                continue   # "a moratorium on executions was lifted": a state's court, not a war attack
            if not SUPPORT.search(text[max(0, cue.start - 60):cue.start].rsplit(",", 1)[-1] + "") or not actor:
                previous_actor = actor or previous_actor
            near_run, last = False, None
            own_named = named_spot(text, [s for s in spots if s.start >= prev_end], cue)
            if own_named is not None and names_past_event(self.lex, text, own_named, cue_words=True):
                continue   # "a week before the Mosul offensive ended": an event recalled, not dated here
            # "a convoy carrying missiles to Lebanon": where it went, not where it was hit.
            reachable = [s for s in spots if cue.cue.event_type not in HOSTILE_TYPES or not in_transit(self.lex, text, s)]
            # "clashed at the Azaz border gate with Kilis": Kilis is across the border, not where they clashed.
            reachable = [s for s in reachable if not self.lex.far_side.search(text, max(0, s.start - 30), s.start)]
            if cue.cue.event_type == "deployment":   # "crossed into Turkey, then drove to Kobani": not in Turkey
                reachable = [s for s in reachable if not on_route(text, s, spots, self.lex.route)]
            for spot in between_kept(chosen(reachable, prev_end, next_start), pairs):
                if spot.start >= cue.end and names_past_event(self.lex, text, spot):
                    continue   # "two days after the Paris attacks": Paris is not where the jets bombed
                # "near Irbil and Mount Sinjar": one "near" governs the whole pair.
                near_run = near_run and last is not None and bool(AND_ONLY.fullmatch(text[last.end:spot.start]))
                ev = self._event(doc, sentence, cue, spot, actor, target, holder, near_run or spot.start in pairs or spot.start in hosts,
                                 prev_end)
                last = spot
                if ev is not None and ev.geo_precision == "near":
                    near_run = True
                if ev is None:
                    continue
                key = (ev.event_type, place_key(ev.place, ev.place_text), ev.date.start.isoformat())
                if key not in seen:
                    seen[key] = len(events)
                    events.append(ev)
                elif ev.actor and not events[seen[key]].actor:
                    events[seen[key]] = ev
        return events, previous_actor or subject_all

    def _unreal(self, text: str, cue: CueMatch, lead: str) -> bool:
        """True for a cue told as a demand, plan, decision or aim, not as something that happened."""
        if modal(self.lex, text, cue):
            return True   # "demanded that X withdraw", "attempted to advance"
        if ((self.lex.plan.search(text[max(0, cue.start - 80):cue.start]) and not self.lex.realis.search(lead))
                or self.lex.plan_after.match(text, cue.end)):
            return True   # "Parliament authorized airstrikes", "promised to send": decisions, not events
        if planned(self.lex, text, cue):
            return True   # "promised ... to launch airstrikes"
        irrealis = self.lex.irrealis.search(lead) if cue.cue.event_type in IRREALIS_TYPES else None
        # "to retake Mosul", "from taking control of the airport": not (yet) an event
        return bool(irrealis and not self.lex.realis.search(lead) and not PREPOSITIONAL_TO.match(irrealis.group(0)))

    # --- who ------------------------------------------------------------------------------

    def _subject(self, text: str, matches: list[ActorMatch], lo: int, hi: int,
                 usable=lambda a: True) -> str:
        inside = [a for a in matches if lo <= a.start and a.end <= hi]
        for k, a in enumerate(inside):
            # "the Iraqi Counter Terrorism Service (CTS)": a restatement of the name just given.
            restated = text[max(0, a.start - 2):a.start].endswith("(") and k and inside[k - 1].end >= a.start - 3
            if (self._doer(text, a) and usable(a.actor) and not restated
                    and not self.lex.victim.search(text[a.end:hi])):
                named = inside[k + 1] if k + 1 < len(inside) else None
                if (named is not None and a.text[:1].islower() and named.text[:1].isupper()
                        and APPOSED_NAME.fullmatch(text, a.end, named.start) and usable(named.actor)):
                    return named.actor   # "the Islamist rebel coalition Army of Conquest": the name, not the kind
                return a.actor
        return ""

    def _list_gap(self, gap: str) -> bool:
        """True when `gap` only joins two places of one list ("and", ", including", "the towns of")."""
        return all(t.lower() in self.lex.list_glue or t[0].isupper() for t in TOKEN.findall(gap))

    def _doer(self, text: str, a: ActorMatch) -> bool:
        """False for a name that is not the doer: "with support from U.S. aircraft", "killing 2,000
        Yazidi men", "targeting ISIL positions", "PMU spokesman", "two Americans were killed"."""
        lead = text[max(0, a.start - 30):a.start]
        if COMPOUND.match(text, a.end):
            return False   # "UK-born fighters", "U.S.-backed forces": an adjective, not the doer
        return not (self.lex.subject_skip.search(lead) or COUNTED.search(lead)
                    or self.lex.target_end.search(text[max(0, a.start - 14):a.start])
                    or self.lex.not_doer_after.match(text[a.end:a.end + 30]))

    def _who(self, text: str, cue: CueMatch, matches: list[ActorMatch], prev_end: int,
             next_start: int, previous_actor: str, context_actor: str, later: list[CueMatch],
             same_paragraph: bool = False, fronted: list[Spot] = (), speech: list[int] = ()):
        """Actor, target and holder rule of one cue, and a chooser of the places it governs."""
        nxt = later[0] if later else None
        cues_after = later[1:]
        # "German government spokesperson Steffen Seibert said that ... the fighting for Aleppo": a
        # speaker before the cue is no party to it.
        speakers = [a for a in matches if a.end <= cue.start and any(a.end <= at < cue.start for at in speech)]
        matches = [a for a in matches if a not in speakers]
        before = [a for a in matches if a.end <= cue.start]
        after = [a for a in matches if a.start >= cue.end and a.start < next_start]
        etype = cue.cue.event_type
        # The first name after "against"/"on" is the target; the same name cannot be the doer
        # ("... combating ISIL, ... the offensive against ISIL in Mosul").
        named_target = next((a.actor for a in after if a.start - cue.end <= TARGET_WINDOW and etype in HOSTILE_TYPES
                             and not COMPOUND.match(text, a.end) and not AGENT_BY.search(text, max(0, a.start - 8), a.start)
                             and self.lex.target_lead.search(text[max(cue.start, a.start - 25):a.start])), "")

        def usable(name: str) -> bool:
            if not name or name == named_target:
                return False
            # "al-Baghdadi, the leader of ISIL, was wounded in an airstrike": ISIL struck nothing.
            return etype not in ("airstrike", "airdrop") or self.actors.has_air_power(name)

        actor = ""
        # "Iraqi forces in their ongoing offensive": the possessor does the cue's noun.
        owner = next((a for a in reversed(before) if POSSESSOR.fullmatch(text, a.end, cue.start)), None)
        if owner is not None and etype != "territory_change" and usable(owner.actor):
            actor = owner.actor
        if not actor:
            actor = self._possessor(text, cue, matches, before, context_actor, usable)
        inner = [a for a in matches if cue.start <= a.start and a.end <= cue.end]
        if inner and etype in ("base_use", "deployment") and usable(inner[0].actor):
            actor = inner[0].actor   # "allowed U.S. fighters to use ...": the user is named inside the cue
        # "an air strike by US forces", "the withdrawal of Russian forces": the agent after the cue.
        by = BY_AGENT.match(text, cue.end) if etype != "deployment" else SENT_FORCE.match(text, cue.end)
        if by and etype != "territory_change" and not actor:
            agent_match = next((a for a in after if a.start == by.end()), None)
            if agent_match and usable(agent_match.actor):
                actor = agent_match.actor
        if not actor and etype != "territory_change" and NOMINAL_LEAD.search(text, max(0, cue.start - 20), cue.start):
            # "a rocket attack on a school in Idlib by government forces": the agent closes the noun phrase.
            agent_match = next((a for a in after if a.start - cue.end <= 80 and usable(a.actor)
                                and NOUN_PHRASE_BY.fullmatch(text, cue.end, a.start)), None)
            actor = agent_match.actor if agent_match is not None else actor
        by_actor = actor
        if not actor and etype != "territory_change":
            # "The siege of Kobani was launched by the Islamic State": the passive's agent is the doer.
            agent_match = next((a for a in after if a.start - cue.end <= 80 and usable(a.actor)
                                and PASSIVE_BY.search(text, cue.end, a.start)
                                and not re.search(r"[;.]", text[cue.end:a.start])), None)
            if agent_match is None and PASSIVE_AUX.search(text, max(0, cue.start - 25), cue.start):
                # "the convoy was struck by an ISIL missile": the cue is the participle, its agent follows "by".
                agent_match = next((a for a in after if usable(a.actor) and CUE_BY.fullmatch(text, cue.end, a.start)), None)
            if agent_match is not None:
                actor = by_actor = agent_match.actor
        # "Canadian airstrike", "Egypt conducted airstrikes": the name right before the cue (at most
        # one verb between, not an auxiliary as in "ISIL had ended") is the doer.
        if before and not actor:
            gap = text[before[-1].end:cue.start].strip(" -")
            lead = text[max(0, before[-1].start - 14):before[-1].start]
            if ((gap == "" or ONE_VERB.fullmatch(gap)) and not self.lex.target_end.search(lead)
                    and before[-1].start >= prev_end and not COMPOUND.match(text, before[-1].end)
                    and not self.lex.not_doer_after.match(text[before[-1].end:cue.start] + " ")
                    and not self.lex.join_lead.search(text[max(0, before[-1].start - 30):before[-1].start])
                    and usable(before[-1].actor)):
                actor = before[-1].actor
        # Last resort: the nearest name before the cue, unless it is a target ("against ISIL").
        nearest = [a for a in before if usable(a.actor) and not self.lex.target_end.search(text[max(0, a.start - 14):a.start])
                   and not self.lex.victim.search(text[a.end:cue.start]) and not COMPOUND.match(text, a.end)
                   and not self.lex.not_doer_after.match(text[a.end:a.end + 30])
                   and not MASS.search(text[max(0, a.start - 30):a.start])
                   and not part_of_target(self.lex, text, a.start)]
        # "After ISIL killed 21 Copts in Libya, Egypt conducted airstrikes": skip the fronted clause.
        main = FRONTED.match(text)
        start = main.end() if main and main.end() < cue.start and not prev_end else prev_end
        if prev_end:
            # "attacked Iraqi forces ... and captured Najaf's airfield": the previous verb's object is
            # not this cue's subject.
            obj = next((a for a in matches if a.start >= prev_end and OBJECT_LEAD.fullmatch(text, prev_end, a.start)), None)
            start = obj.end if obj is not None and obj.end <= cue.start else start
        group = None if actor else self.lex.group.search(text, max(start, text.rfind(";", 0, cue.start) + 1), cue.start)
        if group is not None:
            # "nine countries, allied with the US in some coalition, have executed airstrikes": a group of
            # states acts; it is the coalition when the phrase says so, else nobody named.
            phrase = text[group.start():cue.start]
            in_coalition = any(a.actor == "Coalition" for a in matches if group.start() <= a.start < cue.start)
            actor = "Coalition" if in_coalition or self.lex.coalition_word.search(phrase) else ""
        else:
            actor = (actor or self._subject(text, matches, start, cue.start, usable)
                     or (previous_actor if usable(previous_actor) else "")
                     or self._subject(text, matches, 0, cue.start, usable) or (nearest[-1].actor if nearest else ""))
        if not actor and etype in HOSTILE_TYPES and GOVERNMENT_MODIFIER.search(text, max(0, cue.start - 60), cue.start):
            actor = "Government forces"   # "the government siege of X", "Government airstrikes": localized later
        if not actor and speakers:
            actor = self._own_forces(text, cue, speakers[-1], speech)
        if not actor and etype == "attack":
            # "a suicide bomber killed 30 people ..., in an attack claimed by ISIL": the claimant did it.
            actor = next((a.actor for a in matches if CLAIMED_BY.search(text, max(0, a.start - 30), a.start)
                          and usable(a.actor)), "")
        anaphor = ANAPHORIC.match(text)
        # "The second airstrike ...": the anaphor heads the cue's own phrase; "This strategy was tested
        # during the May 2015 raid" refers to something else, so the paragraph's actor does not carry over.
        pronoun = self.lex.pronoun.search(text[prev_end:cue.start])
        # "the militants", "the group" name an armed group: never a state actor of the paragraph.
        militant = pronoun is not None and not pronoun.group(0).lower() in ("they", "it", "he", "she")
        fits = usable(context_actor) and not (militant and self.actors.side(context_actor) in STATE_SIDES)
        if not actor and group is None and fits and ((same_paragraph and anaphor and cue.start - anaphor.end() <= 25)
                                                     or pronoun):
            actor = context_actor   # "they conquered ...", "The second airstrike ..."
        holder_rule = cue.cue.holder
        agent = ""
        loser = ""
        announcer = ""
        if holder_rule == "agent_loser":
            # "ISIL fighters were driven out of Tikrit (by Iraqi forces)": the subject lost the place.
            loser, actor, holder_rule = actor, "", "agent"
        if holder_rule == "agent":
            # The agent follows "by"/"to" ("fell to ISIL"), never "from" ("retaking of Mosul from IS").
            window = [a for a in after if a.start - cue.end <= 60
                      and (text[cue.end:a.start].strip().lower() in ("", "the")
                           or AGENT.search(text[max(cue.end, a.start - 15):a.start]))]
            agent = window[0].actor if window else ""
            if (agent and any(w in cue.text.lower() for w in ANNOUNCED)
                    and self.lex.title.match(text[window[0].end:window[0].end + 40])):
                # "Mosul was declared liberated ... by Prime Minister al-Abadi": the announcer took nothing.
                agent, actor, announcer = "", "", agent
        elif holder_rule.startswith("="):
            agent = self.actors.normalize(holder_rule[1:]) or holder_rule[1:]
        if agent:
            actor = agent
        elif holder_rule == "agent" and cue.cue.place == "before" and defender_named(self.lex, text, cue.start,
                                                                                      matches, actor):
            actor = ""   # "Mosul, held by ISIL, was recaptured", "..., but the city was taken": no taker named
        side = self.actors.side(actor)
        target = ""
        for a in after:
            if a.start - cue.end > TARGET_WINDOW or etype not in HOSTILE_TYPES:
                break   # "... following an announcement from the Libyan government": another clause
            compound = COMPOUND.match(text, a.end)
            if a.actor == announcer:
                continue
            if compound and compound.group(1).lower() not in ("held", "controlled", "occupied", "run"):
                continue   # "against two UK-born ISIL fighters": the target is ISIL, not the UK
            lead = text[max(cue.start, a.start - 25):a.start]   # "offensive against ISIL": the cue's own word
            if a.actor != actor and self.actors.side(a.actor) != side and self.lex.target_lead.search(lead):
                target = a.actor
                break
        target = target or loser
        if etype in ("attack", "battle", "airstrike"):
            actor, target = self._turned(text, cue, matches, start, actor, by_actor, target, usable)
        # "drove ISIL out of X" names the side the place was taken from inside the cue itself.
        taken_from = bool(target) or any(cue.start <= a.start and a.end <= cue.end for a in matches)
        if (not target and actor != "ISIL" and etype in HOSTILE_TYPES
                and any(a.actor == "ISIL" for a in matches)):
            target = "ISIL"
        holder = ""
        if cue.cue.event_type == "territory_change":
            if holder_rule in ("actor", "agent") or holder_rule.startswith("="):
                holder = actor
                # "X was liberated" (or "liberated X") without a named taker: the place went back to
                # its government.
                if (holder_rule == "agent" and not agent) or (holder_rule == "actor" and not actor):
                    liberated = any(w in cue.text.lower() for w in self.lex.liberation)
                    holder = "<gov>" if liberated else ""
            elif holder_rule == "gov":
                holder = "<gov>"   # "Tikrit was declared free of ISIL": back to its government
            elif holder_rule == "country":
                # "ISIL was defeated territorially in Syria (by the SDF)": the named taker, else the
                # government if actors.csv says it retook the country (Iraq), else "unknown".
                takers = [a for a in after if a.start - cue.end <= 90 and a.actor != actor
                          and AGENT.search(text[max(cue.end, a.start - 15):a.start])
                          and self.actors.contests_territory(a.actor)]
                holder = takers[0].actor if takers else "<region>"
            if (holder and holder not in ("<gov>", "<region>") and not taken_from
                    and not self.actors.contests_territory(holder)
                    and not any(w in cue.text.lower() for w in self.lex.conquest)):
                # "U.S. troops secured ... the Baghdad airport in cooperation with Iraqi troops": an
                # outside power taking a place from nobody is a deployment, not a change of control.
                holder = OCCUPY

        def chosen(spots: list[Spot], lo: int, hi: int) -> list[Spot]:
            if cue.cue.place == "before":
                picked = [s for s in spots if s.end <= cue.start and s.start >= max(lo, cue.start - BEFORE_WINDOW)]
                if picked and RELATIVE_HEAD.fullmatch(text, picked[-1].end, cue.start):
                    picked = picked[-1:]   # "applied in Ramadi to Fallujah, which was captured by ISIS": Fallujah
            else:
                window = BASE_WINDOW if cue.cue.event_type == "base_use" else AFTER_WINDOW
                named_as = NAMED_AS.search(text, cue.end, min(hi, cue.end + window))
                hi = named_as.start() if named_as else hi   # "an operation named ..., after ... in Romania"
                told = self.lex.report.search(text, cue.end, min(hi, cue.end + window))
                hi = told.start() if told else hi   # "dropped 100 bombs, Carter said they planned attacks in Europe"
                relative = RELATIVE_CLAUSE.search(text, cue.end, min(hi, cue.end + window))
                if relative and any(cue.end <= s.start < relative.start() for s in spots):
                    # "to capture Maarrat al-Nu'man, which ... reinforcements from Damascus": the relative
                    # clause describes the object; its places are not where the cue happened.
                    hi = relative.start()
                picked = [s for s in spots if s.start >= cue.end and s.start < min(hi, cue.end + window)
                          and not any(named_spot(text, [s], c) for c in later)]
                own = named_spot(text, [s for s in spots if s.start >= lo], cue)
                if own is not None:
                    return [own]   # "the Diyarbakır rally bombing", "the Sinjar offensive": the named place
                if cue.cue.event_type in ("airstrike", "airdrop"):
                    # "airstrikes from an allied air base in Kuwait": where they flew from, not where they hit.
                    picked = [s for s in picked if not ORIGIN.search(text[max(cue.end, s.start - 50):s.start])
                              and not home_base(text, cue.end, s)]
                if cue.cue.event_type == "withdrawal":
                    # "transferring its troops stationed in Iraq to Kuwait": they left Iraq, not Kuwait.
                    picked = [s for s in picked
                              if not self.lex.destination.search(text[max(cue.end, s.start - 14):s.start])]
                if holder_rule == "country":   # "no remaining territory in Iraq"
                    picked = [s for s in picked if s.start - cue.end <= 8]
                if cue.cue.event_type == "territory_change" and holder_rule != "country":
                    # Direct objects only: "captured Sleiman al-Afari ... in a raid in Badoosh" is no
                    # conquest, and the list ends at the next verb ("Mosul and Tikrit, and threatened
                    # the Mosul Dam"): only list words may stand between two places.
                    chain, edge = [], cue.end
                    for s in picked:
                        gap = text[edge:s.start]
                        if len(gap) > OBJECT_GAP or (chain and not self._list_gap(gap)):
                            break
                        chain.append(s)
                        edge = s.end
                    picked = chain
                if (not picked and nxt is not None and nxt.start - cue.end <= 60
                        and cue.cue.event_type in ("airstrike", "attack", "battle")
                        and not SUBORDINATE.search(text, cue.end, nxt.start)):
                    # "to strike an ISIL artillery piece shelling Erbil": share the next clause's place.
                    nxt_end = cues_after[0].start if cues_after else len(text)
                    picked = [s for s in spots if s.start >= nxt.end and s.start < min(nxt_end, nxt.end + AFTER_WINDOW)]
                if not picked and cue.cue.event_type == "territory_change" and BACK_REF.match(text[cue.end:]):
                    # "pushed into the city of Sinjar, taking control of much of the city"
                    prior = [s for s in spots if s.end <= cue.start and cue.start - s.end <= 80]
                    picked = prior[-1:]
                if not picked and cue.cue.event_type == "territory_change" and holder_rule == "actor":
                    # "... and Kirkuk, where Peshmerga troops took control from the government"
                    prior = [s for s in spots if s.end <= cue.start
                             and WHERE.match(text[s.end:cue.start])]
                    picked = prior[-1:]
                if not picked and cue.cue.event_type == "territory_change" and holder_rule == "actor":
                    # "Qaraqosh, a Christian town ... that Islamic State seized in August 2014"
                    picked = relative_head(text, spots, cue.start, self.lex.near)
            # After a fronted place, only a place the clause itself locates overrides it: "Near Bayji,
            # airstrikes struck two ISIL Stryker vehicles" is at Bayji whatever "Stryker" resolves to.
            located = [s for s in picked if LOCATIVE.search(text[max(cue.end, s.start - 30):s.start])]
            by_front = bool(fronted) and (not located or (min(s.level for s in located) > min(s.level for s in fronted)
                                                          and all(s.mention.place is not None for s in fronted)))
            if by_front:
                picked = list(fronted)   # "Near Mosul, three airstrikes struck ...": the clause's place
            if not picked:
                return []
            finest = min(s.level for s in picked)
            if holder_rule == "country":
                finest = COUNTRY_LEVEL if any(s.level == COUNTRY_LEVEL for s in picked) else finest
            elif cue.cue.event_type == "territory_change" and finest == COUNTRY_LEVEL:
                return []   # "captured its pilot over Syria": nobody conquers a whole country in a clause
            picked = [s for s in picked if s.level == finest]
            if by_front or len(picked) < 2 or all(self._list_gap(text[a.end:b.start]) for a, b in zip(picked, picked[1:])):
                return picked   # one place, a fronted one, or one list of places: an event for each
            # "killed two men in a market in Karrada, near the Baghdad airport": the rules leave
            # several places in separate phrases; the learned chooser (geo/events/where.py) picks one.
            return [pick_spot(text, cue, spots, picked)]

        return actor, target, holder, chosen

    def _own_forces(self, text: str, cue: CueMatch, speaker: ActorMatch, speech: list[int]) -> str:
        """"Senior U.S. military officials said that troops abandoned bases": a state's officials telling
        what unnamed troops did speak of their own forces. Only a government's officials, only a bare
        force noun as the reported subject."""
        told = [at for at in speech if speaker.end <= at < cue.start]
        if (not told or not OFFICIALS.match(text, speaker.end)
                or speaker.actor not in self.actors.by_iso.values()):
            return ""
        return speaker.actor if BARE_FORCES.match(text, told[0], cue.start) else ""

    def _possessor(self, text: str, cue: CueMatch, matches: list[ActorMatch], before: list[ActorMatch],
                   context_actor: str, usable) -> str:
        """The doer of a possessed cue noun: "ISIL's seizure of Ramadi" (the name before 's), "its
        capture of Mosul" (the sentence's subject before it, else the paragraph's), "the group's
        offensive" (the paragraph's armed group). "" when no possessor stands before the cue."""
        poss = POSSESSIVE.search(text, max(0, cue.start - 40), cue.start)
        if poss is None or not cue.text[:1].isalpha():
            return ""
        if poss.group("gen"):
            owner = next((a for a in reversed(before) if a.end == poss.start()), None)
            if owner is not None:
                return owner.actor if usable(owner.actor) else ""
            militant = self.lex.pronoun.search(text, max(0, poss.start() - 16), poss.start())
            fits = militant is not None and militant.end() == poss.start() and usable(context_actor)
            return context_actor if fits and self.actors.side(context_actor) not in STATE_SIDES else ""
        subject = self._subject(text, matches, 0, poss.start(), usable)
        return subject or (context_actor if usable(context_actor) else "")

    def _turned(self, text: str, cue: CueMatch, matches: list[ActorMatch], start: int, actor: str,
                by_actor: str, target: str, usable) -> tuple[str, str]:
        """Actor and target where the grammar turns them round: "the army repelled the ISIL assault"
        (the repeller acts on ISIL), "the jet was shot down by ground fire" (the jet's side is hit)."""
        repel = self.lex.repel.search(text, max(start, cue.start - 60), cue.start)
        if repel is not None:
            assailant = next((a.actor for a in matches if repel.end() - 40 <= a.start and a.end <= cue.start
                              and a.start >= repel.start()), "")
            repeller = self._subject(text, matches, start, repel.start(), usable)
            return repeller, assailant or (actor if actor != repeller else target)
        if PASSIVE_AUX.search(text, max(0, cue.start - 25), cue.start) and not by_actor and not progressive(cue):
            subject = self._subject(text, matches, start, cue.start, usable) or actor
            return "", subject or target
        return actor, target

    # --- one event -------------------------------------------------------------------------

    def _event(self, doc: Document, sentence: Sentence, cue: CueMatch, spot: Spot, actor: str,
               target: str, holder: str, near: bool = False, prev_end: int = 0) -> Event | None:
        return build_event(self.actors, self.lex, doc, sentence, cue, spot, actor, target, holder, near, prev_end)


def progressive(cue: CueMatch) -> bool:
    """"ISIL forces were heavily shelling the city": 'were' + a gerund is the active voice, not a passive."""
    return cue.text.split(None, 1)[0].lower().endswith("ing")


def unnamed_spot(doc: Document, sentence: Sentence, start: int, end: int) -> Spot:
    """A spot for a name no place mention covers (the frame's place; left unresolved)."""
    begin = sentence.to_original(start)
    mention = Mention(doc.id, doc.line_of(begin), begin, sentence.to_original_end(end), sentence.text[start:end],
                      sentence.index)
    return Spot(start, end, mention)


def tolls_dropped(lex: Lexicon, text: str, cues: list[CueMatch]) -> list[CueMatch]:
    """Without the outcome cues ("killed", "wounded") that tell the toll of another cue of the same
    clause: "a car bomb exploded in Kirkuk, killing five" is one attack, not two, and "were killed
    in clashes near Baiji" or "killed in an airstrike in Raqqa" are the clash and the airstrike."""
    def toll(k: int) -> bool:
        cue = cues[k]
        if not lex.outcome.fullmatch(cue.text):
            return False
        before = next((c for c in reversed(cues[:k]) if not lex.outcome.fullmatch(c.text)), None)
        after = cues[k + 1] if k + 1 < len(cues) else None
        return ((before is not None and cue.start - before.end <= 120 and ";" not in text[before.end:cue.start])
                or (after is not None and after.cue.event_type in ("airstrike", "battle")
                    and after.start - cue.end <= 40 and not re.search(r"[;,]", text[cue.end:after.start])))
    return [cue for k, cue in enumerate(cues) if not toll(k)]


def pick_spot(text: str, cue: CueMatch, spots: list[Spot], among: list[Spot]) -> Spot:
    """The spot of `among` the event-location chooser finds likeliest, all `spots` describing the sentence."""
    places = [(s.start, s.end, s.mention.place.kind if s.mention.place is not None else "unresolved") for s in spots]
    best = choose_span(text, (cue.start, cue.end), places, [(s.start, s.end) for s in among])
    return next((s for s in among if (s.start, s.end) == best), among[0])


def under(section: tuple[str, ...], sentence: Sentence) -> bool:
    """True when `sentence` sits in a sub-section of `section` (a strict descendant heading path)."""
    return len(sentence.section) > len(section) and sentence.section[:len(section)] == section


def extract_events(doc: Document, mentions: Iterable[Mention], extractor: Extractor | None = None) -> list[Event]:
    """Events stated by one document (unmerged; one per type, place and date per sentence)."""
    return (extractor or Extractor()).document(doc, mentions)
