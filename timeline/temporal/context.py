"""What the words around an expression say about it: tense direction, quotations, speech acts,
routines.

News rarely writes the year of "Friday" or "July 20"; whether it is the one before or after the
publication date is read from the governing verb ("said Friday" / "will meet Friday").
"""

from __future__ import annotations

import re

from timeline.temporal.lexicon import word_set

#: A word; a compound joined by "-to-" ("hard-to-reach", "door-to-door") is one word, an
#: adjective: its "to" and verb are not the clause's ("a hard-to-open hatch on May 2").
_WORD = re.compile(r"[A-Za-z]+(?:-to-[A-Za-z]+)+|[A-Za-z]+(?:['\u2019][a-z]+)?")
_SENTENCE_END = re.compile(r"[.!?;:]\s|\n")

#: Words that point to the future when they govern a time expression.
FUTURE_CUES = word_set("""
will 'll wo shall going gonna would plans planned planning scheduled schedule expected
expects expect due intends intend intended hopes hope aims aim begins begin starts start
starting opens resume resumes resuming upcoming next tomorrow await awaits payable effective
awaiting should could may might must deadline ahead later soon reconvene convene meets
arrives leaves takes meet plays faces returns hosts visits travels arrive leave expires
plan supposed runs closes ends concludes kicks debuts premieres airs holds reopens
play open close face host visit return remain remains stay stays need needs possible likely
speaks testifies appears performs departs ending wants seeking seeks can cannot can't
considering consider considers weighing go goes
""")

#: A date describing the noun after it in a phrase of a preposition ("over the April 2 blast",
#: "into its May 3 report") is not when the clause's verb happens: neither the verb's tense nor
#: a modal says which year it is in ("will add it to the toll of the April 2 blast"). As the
#: verb's own object ("faces the July 20 vote", "vowed to win the Nov. 6 election") it may be.
_ATTRIBUTIVE_BEFORE = re.compile(
    r"\b(?:over|about|into|of|after|since|from|for|on|in|at|with|to|by|following|before|behind"
    r"|against|during|despite|under|amid)\s+(?:the|its|their|his|her|our|this|that)\s+$", re.I)
_DAY_NUMBER = re.compile(r"(?<!\w)\d{1,2}(?:st|nd|rd|th)?\b")
_NOUN_AFTER = re.compile(r"\s+[A-Za-z][a-z-]+\b")

#: Verbs of promising: "vowed to", "pledged to" look ahead whatever their tense.
_PROMISES = word_set("""
vowed vows promised promises pledged pledges threatened threatens hoped vowing pledging
promising threatening
""")

#: Future cues that are also nouns, which say nothing about tense after a determiner.
_ALSO_NOUNS = word_set("""
plan plans schedule hope aim start meet play open close face host visit return stay need
""")
#: Setting a date or deadline names a day still ahead, whatever the verb's tense.
_SETTING = word_set("set sets setting")
_DATE_NOUNS = word_set("date deadline target")
_MODALS = word_set("will would could can may might must should shall to 'll")
_DETERMINERS = word_set("the a an its their his her our this that")
#: Of those, the ones that are verbs only after a subject or an auxiliary ("they plan").
_MOSTLY_NOUNS = word_set("plan plans schedule hope aim")
_SUBJECTS_AND_AUXILIARIES = word_set("""
to will 'll would should could may might must can we they i you he she it who which that also
still now and not n't
""")

#: Words that point to the future only when no verb in the clause says otherwise.
WEAK_FUTURE_CUES = word_set("by until till through thru if unless")
_THROUGH = word_set("through thru")
_AS_SOON_AS = re.compile(r"\bas\s+(?:soon|early)\s+as\s+$", re.I)
_FROM_NOW = re.compile(r"\b(?:between\s+now\s+and|from\s+now\s+(?:until|till|to|through))\s+$",
                       re.I)
#: Putting something off sends it to a later day, whatever the verb's tense: "postponed until
#: Monday", "delayed to Tuesday", "pushed back to Thursday", "extended through March".
POSTPONED = re.compile(
    r"\b(?:postpon\w*|delay\w*|push\w*\s+back|put\s+off|puts\s+off|putting\s+off|defer\w*"
    r"|adjourn\w*|extend\w*|reschedul\w*|recess\w*|suspend\w*|moved?\s+back|pushed"
    r"|bumped|shifted|set\s+back)(?:\s+(?!until\b|till\b|to\b|through\b|into\b|for\b)[\w'-]+)"
    r"{0,3}\s+(?:until|till|to|through|into|for)\s+(?:the\s+)?(?:(?:next|following|coming)\s+)?$",
    re.I)
#: "not before Wednesday", "no earlier than June 3", "not until Monday": the earliest it can be.
_NOT_BEFORE = re.compile(r"\b(?:not|no|n't|never)\s+(?:\w+\s+)?(?:before|until|till|earlier\s+than"
                         r"|sooner\s+than)\s+$", re.I)

#: Words that point to the past (besides verbs ending in -ed).
PAST_CUES = word_set("""
said was were had did been ago last told met went took came made gave left began saw spoke
wrote became held won lost fell rose paid sold bought got brought announced reported found
caught fought ran sent struck thought knew led broke flew hit killed shot since earlier
drew grew threw rode wore stood sat kept felt meant fled fed built dealt hid lent sought swore
tore forgot froze shook sang sank spent stole stuck swept taught understood woke
""")

#: -ed words that are not past-tense verbs (or are future-looking participles).
_NOT_PAST = word_set("""
scheduled expected planned proposed intended slated set red bed need feed speed seed indeed
hundred united based related limited succeed proceed exceed breed bleed
""")

#: Words that follow a past-tense verb but not an -ed adjective ("announced the plan").
_AFTER_VERB = word_set("""
the a an on in at to his her its their that this these those with by for from last it he she
they we about over as up out off down into him them us our its early late earlier later
percent points cents until till through
""")

ABBREVIATIONS = word_set("""
mr mrs ms dr gen sen rep gov st jan feb mar apr jun jul aug sep sept oct nov dec no inc corp co
ltd jr sr lt col capt sgt adm prof rev vs mt ft
""")

SPEECH_VERBS = word_set("""
said says say told tells tweeted wrote writes announced announces stated declared added
insisted argued warned explained noted asked replied according spoke speaking remarked
""")

#: A reporting clause set off by a comma after the expression (", a county spokesman told").
_SPEECH_TAG = re.compile(r"\s*,\s*(?:[\w.'-]+\s+){0,4}(?:" + "|".join(sorted(SPEECH_VERBS))
                         + r")\b", re.I)

_QUOTE_MARKS = re.compile(r"[\u201c\u201d\"]|``|''|\n\s*\n")
_OPENING = {"\u201c": "\u201d", "``": "''", '"': '"'}
_LONGEST_QUOTE = 3000


def describes_noun(text: str, start: int, end: int) -> bool:
    """Whether the expression at ``[start, end)``, a date with its day of the month, describes
    the noun after it in a phrase of a preposition ("lawsuits over the April 2 blast"): then
    the clause's verb and modals are not its time. (A month or a season so placed is most
    often still ahead: "ahead of the November elections", "ready in the late autumn".)"""
    return bool(_DAY_NUMBER.search(text, start, end)
                and _ATTRIBUTIVE_BEFORE.search(text, max(0, start - 40), start)
                and _NOUN_AFTER.match(text, end))


def direction(text: str, start: int, end: int) -> int:
    """+1 when the clause points to the future, -1 to the past, 0 when it does not say.

    The nearest cue before the expression decides ("said he will meet Friday" is future); a
    reporting verb counts only right next to it ("said Friday"), since it dates the saying,
    not what was said. Without a cue before, the first cue after it ("In January, the
    company brought in...") decides; only it, when the expression describes a noun in a
    preposition's phrase ("lawsuits over the April 2 blast").
    """
    left = text[max(0, start - 100):start]
    if _AS_SOON_AS.search(left) or _FROM_NOW.search(left) or POSTPONED.search(left) or (
            _NOT_BEFORE.search(left)):
        return 1  # "as early as Tuesday", "between now and November", "postponed until Monday"
    clause = _lower_words(_after_last_quote_mark(left[_last_boundary(left):]))
    weak = 0  # "by"/"until" lean to the future unless a verb says otherwise
    # A date describing a noun in a preposition's phrase: only the words after it may say.
    attributive = describes_noun(text, start, end)
    for index in range(len(clause) - 1, max(len(clause) - 8, 0) - 1, -1):  # the last 8 words
        if attributive:
            break
        if clause[index] in WEAK_FUTURE_CUES:
            # "through" only right before the expression ("closed through Tuesday", not
            # "through the second half"), and "until"/"by" anywhere in the last words
            weak = weak or int(clause[index] not in _THROUGH or index == len(clause) - 1)
            continue
        cue = _cue(clause, index, len(clause) - index)
        if cue:
            return cue
    if weak and "to" not in clause[-14:]:
        # "had burned across 38,000 acres of timber and grassland by Thursday": the verb decides
        # (not in "ordered the office to complete a report by mid-July", whose task is ahead)
        for index in range(max(len(clause) - 8, 0) - 1, max(len(clause) - 14, 0) - 1, -1):
            cue = _cue(clause, index, len(clause) - index)
            if cue:
                return cue
    right = text[end:end + 60]
    bound = _SENTENCE_END.search(right)
    right = right[: bound.start() if bound else None]
    after = _lower_words(right)[:6]
    tagged = _SPEECH_TAG.match(right)
    for index, word in enumerate(after):
        if word in ("will", "'ll", "shall", "wo", "deadline"):
            return 1
        if tagged and word in SPEECH_VERBS:
            continue  # "until March 31, a spokesman told the Sun": the telling, not the date
        cue = _cue(after, index, 1)
        if cue < 0:  # after the expression only a plain past verb is trusted
            return cue
    if not weak and not attributive:
        far = clause[:-8]
        for index in range(len(far) - 1, -1, -1):
            if far[index] in ("will", "'ll", "shall", "would"):
                return 1
    return weak


#: Asides that hold a clause of their own: parentheses, dash pairs, and relative clauses set
#: off by commas (", who will meet Monday,"), which may also run to the sentence end.
_ASIDES = re.compile(
    r"\([^()]*\)|\s[\u2014\u2013]\s[^\u2014\u2013]*?\s[\u2014\u2013]\s|\s--\s.*?\s--\s"
    r"|,\s*(?:who|whom|whose|which|where)\b[^,;:.!?]*(?:,|(?=[;:.!?]|$))")
#: A relative clause without commas ("officials who will meet next week said..."): after the
#: expression it is another clause, up to the next comma or the sentence end. Lower case only:
#: "WHO" is the health organisation.
_RELATIVE_AFTER = re.compile(r"\b(?:who|whom|whose|which|where)\b[^,;:.!?]*")


def own_clause(text: str, start: int, end: int) -> str:
    """``text`` with the clauses that do not hold the expression at ``[start, end)`` blanked
    out: asides before or after it ("officials, who will meet Monday, said on Friday") and a
    relative clause after it; when an aside holds the expression, everything outside that
    aside. Same length as ``text``, so offsets still hold; the tense and modality
    :func:`direction` then reads are those of the expression's own clause.
    """
    blanked = list(text)
    asides = [m.span() for m in _ASIDES.finditer(text)]
    asides += [m.span() for m in _RELATIVE_AFTER.finditer(text, end)]
    holding = [(lo, hi) for lo, hi in asides if lo <= start and end <= hi]
    if holding:
        lo, hi = min(holding, key=lambda span: span[1] - span[0])
        blanked[:lo] = " " * lo
        blanked[hi:] = " " * (len(text) - hi)
    for lo, hi in asides:
        if hi <= start or lo >= end:
            blanked[lo:hi] = " " * (hi - lo)
    return "".join(blanked)


def clause_direction(text: str, start: int, end: int) -> int:
    """:func:`direction` of the expression's own clause (see :func:`own_clause`): "will" in a
    relative clause or an aside says nothing about when the expression's verb happens."""
    return direction(own_clause(text, start, end), start, end)


def _after_last_quote_mark(clause: str) -> str:
    """The clause after a quotation that ends in it: '"...would arrive," Crowe said Monday'
    is dated by "said", not by the quotation's "would"."""
    marks = [m.end() for m in _QUOTE_MARKS.finditer(clause)]
    return clause[marks[-1]:] if marks else clause


def _lower_words(text: str) -> list[str]:
    """The words of ``text`` in lower case; "May" with a capital is the month, not the modal."""
    return ["<month>" if w == "May" else w.lower() for w in _WORD.findall(text)]


def _cue(words: list[str], index: int, distance: int) -> int:
    """The direction one word gives: +1, -1, or 0 (an -ed adjective, a distant "said")."""
    word = words[index]
    if word in SPEECH_VERBS and word not in FUTURE_CUES and not _after_be(words, index):
        return -1 if distance <= 2 else 0
    if word in FUTURE_CUES:
        return _future_cue(words, index)
    return _past_cue(words, index)


def _after_be(words: list[str], index: int) -> bool:
    """ "be paid", "being held", "be fully recovered": a passive, whose tense the auxiliary
    before it decides."""
    before = index - 1
    while before > 0 and (words[before].endswith("ly") or words[before] in ("not", "still")):
        before -= 1  # an adverb between
    return before >= 0 and words[before] in ("be", "being")


def _future_cue(words: list[str], index: int) -> int:
    """+1 for "plans", "scheduled", "due", unless the word is a noun or a plan overtaken."""
    word = words[index]
    before = words[index - 1] if index > 0 else ""
    if before == "been" and index > 1 and words[index - 2] == "had":
        return -1  # "had been due to close Monday": a plan already overtaken, the past
    if word in _ALSO_NOUNS and (before in _DETERMINERS or words[index - 2:index - 1] in (
            ["a"], ["an"])):
        # "unveiled the plan May 4": a noun, not "plan to"; so is "a shaky start", as a
        # singular subject would take "starts"
        return 0
    if word in _MOSTLY_NOUNS and before not in _SUBJECTS_AND_AUXILIARIES:
        return 0  # "resumed a normal schedule Thursday": a noun after its adjective
    if word == "going" and words[index + 1:index + 2] != ["to"]:
        return 0  # "began going door to door Tuesday": on the move, not "going to"
    return 1


def _past_cue(words: list[str], index: int) -> int:
    """-1 for a past-tense verb; 0 for an adjective; +1 for a promise or a passive schedule."""
    word = words[index]
    before = words[index - 1] if index > 0 else ""
    following = words[index + 1] if index + 1 < len(words) else None
    if word in _PROMISES and following == "to":
        return 1  # "vowed to win the Nov. 6 election": what was promised is still ahead
    if word == "set" and "for" in words[index + 1:index + 4]:
        return 1  # "set sentencing for Aug. 23", "a vote set for Tuesday": the date is ahead
    if word in _SETTING and _DATE_NOUNS.intersection(words[index + 1:index + 4]):
        return 1  # "setting a decision date of Sept. 17", "set a deadline of June 1"
    if word == "set" and following in ("in", "on") and index > 0 and before not in (
            "be", "is", "are", "been", "being", "to", "will"):
        return -1  # "the record close it set in late July" (not "is set for", "have set a")
    if word == "last" and before in _MODALS:
        return 0  # "could last into Thursday": the verb, whose modal decides
    regular = len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST
    if word not in PAST_CUES and not regular:
        return 0
    if regular and following is not None and following not in _AFTER_VERB:
        return 0  # "an unspecified date", "the planned merger": an adjective
    if word == "held" and before in ("is", "are"):
        return 1  # "the fair is held July 4": a schedule, not a past event
    if _after_be(words, index):
        if index > 1 and words[index - 2] in ("could", "couldn't"):
            return -1  # "could not be located Wednesday": a past attempt
        return 1  # "will be paid March 3", "to be finished by May 30"
    if regular and before in ("is", "are", "remains", "remain", "stays", "stay"):
        return 0  # "the road is closed until Friday": a present state, which "until" leads on
    return -1


def _last_boundary(left: str) -> int:
    """Offset just after the last sentence end in ``left`` ("Mr." and "P." are not ends)."""
    ends = sentence_ends(left)
    return ends[-1] if ends else 0


def _is_abbreviation(text: str, dot: int) -> bool:
    head = text[max(0, dot - 6):dot].split()
    word = head[-1] if head else ""
    word = word.split(".")[-1] if "." in word else word
    if not word:
        return False
    return len(word) == 1 and word.isalpha() or word.lower() in ABBREVIATIONS


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations (curly, straight and ``TeX'' quotes), in one pass.

    A quotation closes with its own closing mark; a paragraph break or an over-long run drops
    an unclosed one. The spans are sorted and never overlap.
    """
    spans = []
    opened, closing = -1, ""
    for m in _QUOTE_MARKS.finditer(text):
        mark = m.group()
        if opened >= 0 and (mark == closing or mark.strip() == ""):
            if mark == closing and m.end() - opened <= _LONGEST_QUOTE:
                spans.append((opened, m.end()))
            opened = -1
        elif opened < 0 and mark in _OPENING:
            opened, closing = m.start(), _OPENING[mark]
    return spans


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """A cheap sentence window around ``[start, end)``: up to 300 characters either side."""
    left = text[max(0, start - 300):start]
    lo = max(0, start - 300) + _last_boundary(left)
    right = text[end:end + 300]
    stop = next((m.start() for m in _SENTENCE_END.finditer(right)  # past "p.m." and "Mr."
                 if not (right[m.start()] == "." and _is_abbreviation(right, m.start()))),
                len(right))
    return lo, end + stop


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end in ``text`` ("Mr." and "P." are not ends)."""
    return [m.end() for m in _SENTENCE_END.finditer(text)
            if not (text[m.start()] == "." and _is_abbreviation(text, m.start()))]


def same_sentence(text: str, first: int, second: int) -> bool:
    """True when no sentence ends between offsets ``first`` and ``second``."""
    if not 0 <= first <= second or second - first > 300:
        return False
    return _last_boundary(text[first:second]) == 0


def has_speech_verb(text: str, lo: int, hi: int) -> bool:
    return any(w.lower() in SPEECH_VERBS for w in _WORD.findall(text[lo:hi]))


# -- routines ------------------------------------------------------------------------------
# A time in a routine recurs ("open daily from noon to 6 p.m."), so it names no one day.

#: Words that make the clock times of their sentence a routine: "every morning at 5:30", "sets
#: begin at 10:30 p.m. every Friday", "matinees at 2 p.m. on Saturdays"; or tell a time of
#: several days ("from 9 a.m. to 6 p.m. both days").
_ROUTINE_WORDS = re.compile(
    r"\b(?:daily|nightly|weekly|every|weekdays|weeknights|weekends|usually|normally|typically"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)days"
    r"|(?:mornings|afternoons|evenings|nights)\b(?!\s+(?:ago|later|earlier))"
    r"|(?:once|twice|times)\s+a\s+(?:day|week)|each\s+day|both\s+days"
    r"|(?:those|these)\s+(?:days|dates))\b", re.I)
_WEEKDAY_WORD = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
#: Lists and spans of weekdays that name a routine: "every Wednesday and Thursday", "open
#: Tuesday to Sunday".
_EVERY_DAY_AND = re.compile(
    rf"\b(?:every|each)\s+{_WEEKDAY_WORD}(?:\s+[a-z]+)?,?\s+(?:and|or|&)\s+$", re.I)
_OPEN_FROM = re.compile(rf"\bopen\s+(?:{_WEEKDAY_WORD}\s*(?:to|through|thru|-|\u2013)\s*)?$",
                        re.I)
_OPEN_TO = re.compile(rf"\s*(?:to|through|thru|-|\u2013)\s*{_WEEKDAY_WORD}\b", re.I)
#: Nouns after a weekday that make it a routine: "Sunday hours", "a new Friday market".
_ROUTINE_NOUN = re.compile(r"(?:\s+night)?\s+(?:hours|markets?|matinees?|services?|brunch"
                           r"|shifts?|classes)\b", re.I)


def is_routine_word(phrase: str) -> bool:
    """True when ``phrase`` opens with a word of recurrence ("Saturdays", "every", "daily")."""
    return bool(_ROUTINE_WORDS.match(phrase))


def in_routine_sentence(text: str, start: int, end: int) -> bool:
    """True when the sentence around ``[start, end)`` tells a routine ("The gallery is open
    daily from noon to 6 p.m.")."""
    return has_routine_word(text, *sentence_bounds(text, start, end))


def has_routine_word(text: str, lo: int, hi: int) -> bool:
    """True when ``text[lo:hi]`` has a word of recurrence ("daily", "every", "Saturdays")."""
    return bool(_ROUTINE_WORDS.search(text, lo, hi))


def weekday_in_routine_list(text: str, start: int, end: int) -> bool:
    """True for the weekday at ``[start, end)`` in a recurring list or span: "every Wednesday
    and Thursday", "open Tuesday to Sunday" (but not "the store will open Sunday")."""
    before = text[max(0, start - 40):start]
    if _EVERY_DAY_AND.search(before):
        return True
    opening = _OPEN_FROM.search(before)
    return bool(opening and (opening.group().lower() != "open " or _OPEN_TO.match(text, end)))


def routine_noun_after(text: str, end: int) -> bool:
    """True when a noun of routine follows the weekday ending at ``end``: "Sunday hours"."""
    return bool(_ROUTINE_NOUN.match(text, end))


# -- a season naming a kind of thing ------------------------------------------------------------
# "The spring fair opens", "the fall collection", "the summer youth programme": a season word
# before a noun says which kind of fair, collection or programme, and names no time. After
# "this", "last", "next" or a year it still names one ("last summer heat", "spring 2013"), and so
# it does before a noun of time ("the summer term", "the winter season": when), a verb ("the
# spring brought rain"), a word of the clause around it ("in the spring when...") or a clause
# that a preposition of time opens ("in the spring Congress will vote").

#: Words after a season that belong to the clause around it, not to a noun it modifies.
_CLAUSE_WORDS = word_set("""
of in on at to for from by with without about into onto over under after before during since
until till through throughout across against along among around between beyond near toward
towards upon within per via despite like than as and or but nor so yet when while if because
although though unless whereas where whether the a an this that these those his her its their
our my your we they he she it i you who whom which what whose there here is are was were be
been being am has have had do does did will would shall should can could may might must also
already again still then too not never ever just only even now later soon ago ahead alone
itself each every all both most more less
come comes go goes get gets make makes take takes see sees give gives look looks seem seems
become becomes bring brings keep keeps turn turns
""")
#: Nouns of time a season can modify and still name a time: "the summer term", "the winter
#: season", "the spring semester", "the summer months", "miss the spring window".
_TIME_NOUNS = word_set("""
season seasons semester semesters term terms session sessions recess break breaks holiday
holidays vacation vacations month months week weeks day days quarter half period time window
solstice equinox
""")
_AUXILIARIES = word_set("is are was were will would has have had can could may might should must")
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][A-Za-z'\u2019-]*)\b(?![-'\u2019])")
_TIME_PREPOSITION = re.compile(r"\b(?:in|during|by|until|till|since|before|after|through"
                               r"|throughout|over|into|from)\s+$", re.I)


def season_names_a_kind(text: str, start: int, end: int) -> bool:
    """True when the season at ``text[start:end]`` modifies the noun after it ("the spring fair",
    "the Winter Olympics") rather than naming a time. The caller leaves out seasons told with
    "this", "last", "next" or a year, which always name a time."""
    match = _NEXT_WORD.match(text, end)
    if match is None:
        return False
    word = match[1]
    lower = word.lower()
    if (lower in _CLAUSE_WORDS or lower in _TIME_NOUNS or lower in PAST_CUES
            or lower in SPEECH_VERBS or lower in FUTURE_CUES and lower not in _ALSO_NOUNS
            or lower.endswith(("ed", "ly")) and lower not in _NOT_PAST):
        return False  # a verb, an adverb or a word of the clause: the season is a time
    if lower.endswith("ing"):
        # "spent the summer working", "the spring selling season": a verb, or a noun of time
        # after it; "the spring meeting will vote": the noun that a verb follows.
        after = _NEXT_WORD.match(text, match.end())
        return after is not None and after[1].lower() in _AUXILIARIES
    if word[0].isupper() and not text[start:end].split()[-1][0].isupper():
        # "the spring Congress": a name after a lower-case season opens a clause after a
        # preposition of time; "the summer Olympics" is a name the season is part of.
        return _TIME_PREPOSITION.search(text, max(0, start - 12), start) is None
    return True
