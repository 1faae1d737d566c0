"""The finder's grammar: one precompiled regular expression that delimits temporal expressions.

Each alternative is a named rule (``md``, ``weekday``, ``duration``...). The rules are ordered so
that, at a given position, the more specific reading wins ("Sept. 11, 2001" as one date before
"Sept." as a month). The pattern only finds and classifies; :mod:`resolve` gives the values.
Month and weekday names are case-sensitive (capitalised) so "may", "march" and "sun" in running
text are never dates. :func:`find` runs the pattern only where a trigger word (a digit, a month,
"week", "today"...) could head an expression, which keeps tagging fast.
"""

from __future__ import annotations

import re
from itertools import accumulate
from operator import add

from timeline.temporal.lexicon import (
    EASTER_HOLIDAYS,
    FIXED_HOLIDAYS,
    LUNAR_HOLIDAYS,
    NTH_WEEKDAY_HOLIDAYS,
    word_list,
    word_set,
)

_MONTH_NAMES = word_list("January February March April May June July August September October "
                         "November December")
_ABBRS = word_list("Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec")
_WEEKDAY_NAMES = word_list("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")


def _cased(words: list[str]) -> str:
    """Title-case and upper-case forms, matched case-sensitively."""
    forms = [w for word in words for w in (word, word.upper())]
    return "(?-i:" + "|".join(forms) + ")"


MONTH_FULL = _cased(_MONTH_NAMES) + r"\b"
MONTH_ABBR_DOT = "(?-i:(?:" + "|".join(_ABBRS) + r")\.)"
MONTH_ANY = rf"(?:{MONTH_FULL}|{MONTH_ABBR_DOT}|(?-i:Sept)\b|(?-i:{'|'.join(_ABBRS)})(?=,?\s+\d))"
MONTH_BEFORE_DAY = rf"(?:{MONTH_FULL}|{MONTH_ABBR_DOT}|(?-i:{'|'.join(_ABBRS)})(?=\s*\d))"
WEEKDAY = _cased(_WEEKDAY_NAMES) + r"\b"
DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|[.,:/]\d|-(?!\d|[A-Z]))"
YEAR = r"(?:1\d|20)\d\d(?![\d%]|,\d|\.\d|-\d)"
SPOKEN_YEAR = (r"(?:nineteen|eighteen)[\s-](?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty"
               r"|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven"
               r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b"
               r"|two\s+thousand(?![\s-]+(?:years|people|miles|dollars|troops|of)\b)"
               r"(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine"
               r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
               r"|twenty(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?))?\b")
YEAR_ANY = rf"(?:{YEAR}|{SPOKEN_YEAR})"
SHORT_YEAR = r"['\u2019]\d\d(?![\d'\u2019%])"
DAYPART = r"(?:morning|afternoon|evening|night|overnight)"
NUMWORD = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
           r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
           r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
           r"|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+hundred|hundred|a\s+dozen|dozen)")
NUM = (rf"(?:(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:\s+1/2)?|{NUMWORD}(?:\s+and\s+a\s+half)?"
       r"|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+few|few|several|many|some|half\s+an?|a|an)"
       r"(?![\w%$])")
UNIT = (r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade"
        r"|centur(?:y|ie)|millenni(?:um|a))s?\b")
UNIT_SG = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century)\b"
SEASON = r"(?:spring|summer|fall|autumn|winter)\b"
REL = (r"(?:this\s+past|this\s+coming|last|next|this|coming|past|previous|preceding|following"
       r"|current|same|that|upcoming|recent|latest|prior|ensuing|subsequent|first|final"
       r"|most\s+recent)")
EDGE = (r"(?:(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle|close|turn|first\s+half"
        r"|second\s+half|last\s+half|latter\s+part|first\s+part)\s+of\s+(?:the\s+)?"
        r"|(?:the\s+)?(?:early|late|mid|earlier|later)(?:\s*-\s*|\s+)|mid(?=\d))")
TZ = (r"(?:\s*\(?(?-i:[ECMP][SD]T|(?:GMT|UTC)(?:\s?[+\u2212-]\s?\d{1,2}(?::?\d\d)?)?|BST|CET"
      r"|CEST|ET|PT)\b\)?"
      r"|\s+(?:Eastern|Pacific|Central|Mountain)(?:\s+(?:Standard|Daylight))?\s+[Tt]ime"
      r"|\s+(?-i:[A-Z][a-z]+)\s+(?-i:time)\b"
      r"|\s+local\s+time)")
CLOCK = (r"(?:(?:[01]?\d|2[0-3])(?:[:.][0-5]\d(?::[0-5]\d)?)?\s*(?:a\.m\.?|p\.m\.?|am|pm)(?![\w])"
         # "0600 GMT", "1400 BST": wire copy's 24-hour time, only with its zone; not the
         # conversion in "9:20 a.m. (0620 GMT)", which restates the time before it
         r"|(?<![(\d])(?:[01]\d|2[0-3])[0-5]\d(?=\s*(?-i:GMT|UTC|BST|CES?T|[ECMP][SD]T|Z)\b)"
         # "at 0600 hours": military time, after a preposition of time
         r"|(?:(?<=\bat\s)|(?<=\bby\s)|(?<=\buntil\s)|(?<=\btill\s)|(?<=\bfrom\s)"
         r"|(?<=\bto\s)|(?<=\bbefore\s)|(?<=\bafter\s)|(?<=\bsince\s)|(?<=\baround\s))"
         r"(?:[01]\d|2[0-3])[0-5]\d\s+hours\b"
         r"|(?<![(\d])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?![\d:]|\.\d|\s*(?:percent|%|-\d))"
         r"|(?:[1-9]|1[0-2]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
         r"\s+o'clock|noon|midnight|midday"
         r"|(?:[1-9]|1[0-2])(?=\s+in\s+the\s+(?:morning|afternoon|evening))"
         # "from 6 to 9 p.m.": the range's start takes the half of the day of its end
         r"|(?:(?<=from\s)|(?<=between\s))(?:[1-9]|1[0-2])(?::[0-5]\d)?"
         r"(?=\s*(?:-|\u2013|to|and)\s*(?:[1-9]|1[0-2])(?::[0-5]\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)))"
         r"(?:\s+in\s+the\s+(?:morning|afternoon|evening))?")
RELDAY = r"(?:today|tonight|tomorrow|yesterday)\b"
#: The second day of "June 3-5", "June 3–5", "May 12 and 13.", "May 7 to 9," (not "May 12
#: and 13 people", "June 3 to 5 p.m.").
DAY_RANGE_END = (rf"(?:\s*[-\u2013]\s*{DAYNUM}|\s+(?:and|to|through|thru|until|till)\s+"
                 rf"{DAYNUM}(?=\s*[.,;:)]|\s+(?:in|at|on|to|for|with|when|as|this|next|last|and"
                 r"|or|but|while|each|every|before|after)\b))")
MD = (rf"(?:{MONTH_BEFORE_DAY}\s*{DAYNUM}{DAY_RANGE_END}?(?:(?:,\s*|\s+){YEAR})?"
      rf"|(?:the\s+)?(?<![\d,.$])(?:{DAYNUM}(?:\s*[-\u2013]\s*|\s+(?:and|&|to|through|till"
      r"|until)\s+(?:the\s+)?))?"
      rf"(?:{DAYNUM})(?:\s+of)?\s+{MONTH_ANY}"
      rf"(?:,?\s+{YEAR})?)")


def _names(table: dict) -> str:
    names = sorted(table, key=len, reverse=True)
    return "|".join(re.escape(n).replace("'", "['\u2019]?").replace(r"\ ", r"\s+") for n in names)


_HOLIDAYS = {**FIXED_HOLIDAYS, **NTH_WEEKDAY_HOLIDAYS, **EASTER_HOLIDAYS, **LUNAR_HOLIDAYS}
HOLIDAY = _names(_HOLIDAYS)


def _holiday_words() -> tuple[frozenset[str], frozenset[str], str]:
    """The search's view of the holiday names, derived so that a name added to the lexicon is
    found without touching this module: each name's last word triggers a match, the words
    before it may open one, and its first letter guards the rule."""
    triggers, prefixes, first = set(), set(), set("lnt")  # "last/next/this Christmas"
    for name in _HOLIDAYS:
        words = re.findall(r"\w+(?:'\w+)*", name)
        triggers.add(words[-1])
        prefixes.update(words[:-1])
        first.add(name[0])
    return frozenset(triggers), frozenset(prefixes), "".join(sorted(first))


_HOLIDAY_TRIGGERS, _HOLIDAY_PREFIXES, _HOLIDAY_FIRST = _holiday_words()

#: "next", "this"... before a time's weekday ("9 a.m. next Tuesday")
_WHICH = r"(?:(?-i:next|this|last|coming)\s+)?"

_WEEKS_OF = (r"(?:(?:first|last|final)\s+(?:two|three|few)\s+weeks"
             r"|(?:(?:first|second|third|fourth|last|final)\s+)?week)\s+of")

#: Eras: "300 BC", "44 BCE", "AD 79". Values before year 1 are written "BC0300" (TimeML).
ERA_BC = r"(?-i:BC|B\.C\.|BCE|B\.C\.E\.)(?![\w])"
ERA_AD = r"(?-i:AD|A\.D\.|CE|C\.E\.)(?![\w])"

#: "the winter of 1991-92", "the fall of '98"
_SEASON_YEAR = rf"(?:(?:1\d|20)\d\d[-\u2013/]\d\d(?!\d)|{YEAR_ANY}|{SHORT_YEAR})"

#: (rule name, pattern) in priority order.
RULES: list[tuple[str, str]] = [
    # "2059 A spokesman said...", "20.59 Talks resume": a live blog's post opening with its
    # time; whether it is one (or a year heading a line) is for the resolver to judge
    ("stamp", r"(?<![^\n])(?:[01]\d|2[0-3])[.h]?[0-5]\d"
              r"(?=[ \t]*\n|[ \t]*[-\u2013\u2014:|][ \t]|[ \t]+(?-i:[A-Z]))"),
    # "2:04:31", "a 3:59.4 mile": a race or record time, a duration; one with seconds is a
    # clock time only with its zone or half of the day, or after "at" ("at 08:14:22 UTC")
    ("racetime", r"(?<![\d:.])(?<!\bat\s)\d{1,2}:[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?|\.\d{1,3})"
                 r"(?![\d:]|\s*(?:[ap]\.?m\b|(?-i:GMT|UTC|Z|BST|CES?T|[ECMP][SD]T)\b|local\b))"),
    ("clock", rf"(?:(?:about|around|approximately|shortly\s+(?:before|after))\s+)?{CLOCK}{TZ}?"
              # a day right after the time is part of it ("9 a.m. Tuesday"); after "on" it is
              # an expression of its own, as prepositions never are in a timex ("5 p.m. on
              # Tuesday" is two), which still dates the time
              rf"(?:,?\s+(?:(?:{_WHICH}{WEEKDAY},?\s+)?{MD}|{_WHICH}{WEEKDAY}|{RELDAY}"
              # "11:19 p.m. that night", "12:06 a.m. the next day": on a day told before
              r"|(?:that|the\s+(?:next|following|previous))\s+"
              r"(?:day|morning|afternoon|evening|night)\b))?"),
    ("md", rf"(?:{WEEKDAY},?\s+)?{MD}(?:\s+{DAYPART}\b|\s+of\s+(?:last|this|next)\s+year\b)?"),
    # "on the 5th," alone: a day of the month around the anchor (not "the 5th floor")
    ("ordday", r"(?<=\bon\s)the\s+(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)(?![\w-]|\s+(?:floor|hole"
               r"|anniversary|birthday|century|amendment|time|place|day|week|month|year|round"
               r"|annual|street|avenue|minute|inning|edition|district|division|fleet|army"
               r"|infantry|precinct|congress|ward|grade|lap|stage|of|(?-i:[A-Z])))"),
    ("iso", r"(?<![\d/-])(?:1\d|20)\d\d(?P<isosep>[-/])[01]\d(?P=isosep)[0-3]\d(?![\d/-])"),
    ("numdate", r"(?<![\d/.,])(?:\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{1,2}\.\d{1,2}\.\d{4}|9/11"
                # a year-less "11/14" only after a preposition, where it cannot be a fraction
                r"|(?:(?<=\bon\s)|(?<=\bby\s)|(?<=\buntil\s)|(?<=\bthrough\s)|(?<=\bbefore\s)"
                r"|(?<=\bafter\s)|(?<=\bsince\s)|(?<=\bfrom\s)|(?<=\bto\s)|(?<=\bbegins\s)"
                r"|(?<=\bstarts\s)|(?<=\bends\s)|(?<=\bopens\s)|(?<=\bcloses\s))"
                r"\d{1,2}/\d{1,2}(?!\s+of\b))"
                r"(?![\d/]|\.\d)"),
    ("monthyear", rf"{EDGE}?{MONTH_ANY},?\s+(?:of\s+)?(?:{YEAR_ANY}|(?:this|last|next)\s+year\b)"),
    ("yearago", r"(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?(?:year|year's)[\s-]"
                r"(?:earlier|ago|before)(?:\s+(?:third|second|first|fourth|fiscal|nine|six)"
                r"(?:[\s-](?:quarter|months?))?|\s+(?:quarter|period|months?|year|level))?"),
    ("quarter", rf"(?:(?:the|its|this\s+year's|last\s+year's|next\s+year's|(?:the\s+)?{YEAR})"
                r"\s+)?(?:(?:fiscal|calendar)[\s-]+)?(?:first|second|third|fourth|1st|2nd|3rd"
                r"|4th|final)(?:[\s-]+(?:fiscal[\s-]+)?)(?:quarter|half)\b"
                rf"(?!\s+of\s+{MONTH_ANY})"  # "the first half of February": the month's
                rf"(?:(?:\s+of|,)?\s+(?:fiscal\s+)?(?:{YEAR}|the\s+year|this\s+year|last\s+year"
                r"|next\s+year))?"
                r"|(?<![\w-])[QH][1-4](?:\s+" + YEAR + ")?"
                # "the first two quarters of 2011": a half year ("the last two quarters" alone
                # are the six months just gone)
                rf"|(?:the\s+)?(?:first\s+two\s+quarters(?=\s+of\s+)?|(?:last|final)\s+two"
                rf"\s+quarters(?=\s+of\s+))(?:\s+of\s+(?:fiscal\s+)?{YEAR}"
                r"|\s+of\s+(?:this|last|next|the)\s+year)?"
                # "the July-September quarter": a quarter told by its months
                rf"|(?:the\s+)?{MONTH_FULL}\s*[-\u2013]\s*{MONTH_FULL}\s+(?:quarter|period)\b"),
    ("theyear", r"the\s+(?:full\s+|entire\s+|whole\s+|calendar\s+|fiscal\s+)?year\b"
                r"(?![\s-]+(?:\d|(?:earlier|ago|before|after|end|old|long|or|and|two\s+thousand"
                r"|nineteen)\b))"
                rf"|the\s+{YEAR}\s+(?:quarter|period)\b"
                # "in the new year": the year about to begin, or just begun
                r"|the\s+new\s+year\b(?!['\u2019]s|\s+(?:holidays?|celebrations?|resolutions?"
                r"|eve|day|party)\b)"
                # "its full-year outlook", "up 22% year-to-date": the year under way
                r"|full-year\b(?=\s+[a-z])|year[\s-]to[\s-]date\b"),
    ("qref", r"(?:the\s+)?(?:same|corresponding|comparable)\s+(?:quarter|period)\s+(?:of\s+)?"
             r"last\s+year\b|last\s+year's\s+(?:quarter|period)\b"
             r"|(?:the\s+)?(?:latest|most\s+recent|current|past|previous|last|this|next|same|that)"
             r"\s+(?:fiscal\s+)?(?:quarter|period|fiscal\s+year)\b(?![s-])|the\s+quarter\b(?![s-])"
             r"(?:\s+a\s+year\s+(?:ago|earlier))?"),
    ("decade", rf"(?:{EDGE}|the\s+)?(?:(?:early|late|mid)[\s-]+|mid-?)?"
               r"(?:(?:1\d|20)\d0['\u2019]?s\b|['\u2019]\d0s\b|(?<=the )\d0s\b"
               r"|(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)"),
    ("century", rf"(?:the\s+)?{EDGE}?(?:\d{{1,2}}(?:st|nd|rd|th)|first|second|third|fourth"
                r"|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth"
                r"|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
                r"|twenty-first)[\s-]+century\b"
                rf"(?:\s+(?:{ERA_BC}|{ERA_AD}))?"),
    # "300 BC", "c. 44 BCE", "AD 79", "79 AD": years of an era, written with it
    ("era", rf"(?:(?:about|around|circa|c\.)\s*)?(?:\d{{1,4}}(?:,\d{{3}})?\s*(?:{ERA_BC}|{ERA_AD})"
            rf"|(?-i:AD|A\.D\.)\s*\d{{1,4}}\b)"),
    ("holiday", rf"(?:(?:last|next|this)\s+)?(?:{HOLIDAY})\b(?:,?\s+{YEAR}|\s+week(?:end)?\b"
                r"|\s+(?-i:morning|afternoon|evening|night)\b)?"),
    ("season", rf"{EDGE}?(?:(?:this\s+past|this\s+coming|last|next|this|the|early|late)\s+)"
               rf"{SEASON}(?:(?:\s+of)?\s+{_SEASON_YEAR})?|{SEASON}(?:\s+of)?\s+{_SEASON_YEAR}"
               rf"|{YEAR}\s+{SEASON}"
               # a bare season after a preposition, where it cannot be "a fall" or "spring water"
               r"|(?:(?<=\bby\s)|(?<=\buntil\s)|(?<=\bsince\s)|(?<=\bin\s)|(?<=\bduring\s)"
               r"|(?<=\bbefore\s)|(?<=\bafter\s))(?-i:spring|summer|fall|autumn|winter)"
               r"(?=\s*[,.;:)]|\s+(?:and|or|when|as|with|if|but)\b)"),
    ("ago", rf"(?:(?:about|almost|nearly|some|roughly|more\s+than|less\s+than|over)\s+)?"
            rf"{NUM}[\s-]+(?:(?:more|full|long)\s+)?{UNIT}(?:\s+or\s+so)?"
            r"\s+(?:ago\s+(?:today|yesterday)|ago|earlier|later"
            rf"|from\s+(?:now|today|tomorrow|{WEEKDAY})|hence|before(?=\s*[,.;])"
            r"|after(?=\s*[,.;])|previously)\b"),
    ("weekendrule", r"(?:the|this|last|next|this\s+past|this\s+coming|coming|past|previous"
                    r"|following|that)\s+weekends?\b"),
    ("reltoday", rf"{EDGE}?(?:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|{RELDAY})"
                 rf"(?:\s+{DAYPART}\b)?|(?:this|last|tomorrow|yesterday)\s+{DAYPART}\b"
                 rf"|(?:(?:early|late)\s+|mid-?)?(?:morning|afternoon|evening)\s+{RELDAY}"),
    # "the first Saturday of every month": a recurrence, before "the first Saturday" is read
    ("monthlyday", rf"the\s+(?:first|second|third|fourth|fifth|last)\s+{WEEKDAY}"
                   r"\s+of\s+(?:each|every)\s+month\b"),
    # "the last Friday of the month", "the first Monday in May": that day
    ("nthweekday", rf"the\s+(?:first|second|third|fourth|fifth|last)\s+{WEEKDAY}"
                   rf"\s+(?:of|in)\s+(?:the\s+month\b|{MONTH_FULL}(?:,?\s+{YEAR})?)"),
    # "the week of Oct. 23", "the first week of May", "the last two weeks of August"
    ("weekof", rf"(?:the\s+)?(?:{_WEEKS_OF}"
               # "the week ending Feb. 16": health and economic data, by the week's last day
               rf"|week\s+(?:ending|ended|beginning|starting))\s+{MD}"
               rf"|(?:the\s+)?{_WEEKS_OF}\s+{MONTH_ANY}(?:,?\s+{YEAR})?"),
    # before "relunit", which would read "that night" as a day
    ("thatday", rf"{EDGE}?(?:(?:the\s+)?(?:next|following|previous|same)|that)\s+{DAYPART}\b"
                # "the day before", "the day after her arrest": next to the last date told
                r"|(?:the\s+)?day\s+(?:before|after)(?=\s*[,.;]|\s+(?:the|his|her|its|their)"
                r"\s+(?!day\b|week\b)(?-i:[a-z]))"
                # "up 9 percent from the week before", "only to abandon it the year after"
                r"|the\s+(?:week|month|year)\s+(?:before|after)(?=\s*[,.;)]|\s+(?:and|but)\b)"
                rf"|(?:(?:the\s+)?day|the\s+(?:{WEEKDAY}|week))\s+(?:before|after)\s+"
                r"(?:(?:last|next|this)\s+)?"
                rf"(?:{WEEKDAY}|{MD}|(?:{HOLIDAY})\b)"),
    # "up 2.7 percent on the day", "throughout the day": the day being told about
    ("theday", r"(?:(?<=\bon\s)|(?<=\bfor\s)|(?<=\bduring\s)|(?<=\bthroughout\s)"
               r"|(?<=\bthrough\s)|(?<=\bover\s)|(?<=\bacross\s)|(?<=\ball\s))the\s+day\b"
               r"(?=\s*[,.;:)]|\s+(?:and|but|as|while|with|in|on|at|to|from|when|amid)\b)"),
    ("relunit", rf"{EDGE}?(?:the\s+)?{REL}\s+(?:(?:{NUM}|few|several)\s+)?"
                r"(?:(?:fiscal|calendar|trading|business)\s+)?(?:" + UNIT + r"|weekends?\b|"
                + SEASON + "|" + MONTH_FULL + "|" + WEEKDAY + rf"(?:\s+{DAYPART}\b)?)"
                r"(?:\s+or\s+so\b)?"),
    ("edgeunit", rf"{EDGE}(?:in\s+)?(?:the\s+)?(?:year|month|week|quarter|decade|century|day)\b"
                 r"|year[\s-]end\b|year's\s+end\b|month[\s-]end\b"),
    ("daypart", r"(?:(?<=in\s)|(?<=by\s)|(?<=during\s)|(?<=until\s)|(?<=before\s)|(?<=after\s)"
                r"|(?<=through\s)|(?<=throughout\s)|(?<=into\s)|(?<=from\s))"
                r"(?:the\s+)?(?:(?:early|late|mid)[\s-]?)?(?:morning|afternoon|evening)\b"
                r"(?!\s+(?:of|paper|papers|news|show|edition|session|rush|commute|flight|prayers?"
                r"|star|call|light|mist)\b)|mid-?(?:morning|afternoon)\b"
                r"|(?:(?<=at\s)|(?<=by\s)|(?<=until\s)|(?<=before\s)|(?<=after\s)|(?<=since\s))"
                r"(?-i:dawn|daybreak|dusk|sunrise|sunset|nightfall)\b"
                # "results came in slowly through the night", "many spent the night at a school"
                r"|(?:(?<=through\s)|(?<=throughout\s)|(?<=spent\s))the\s+night\b(?!\s+of\b)"),
    ("weekday", r"(?:(?:last|next|this|this\s+past|this\s+coming|coming|the\s+previous"
                r"|the\s+following|early|late|earlier|later)\s+)?"
                + WEEKDAY[:-2] + rf"s?\b(?:\s+{DAYPART}s?\b)?"),
    ("set", r"(?:every|each)\s+(?:other\s+)?weekend\b|(?<=\bon\s)weekends\b"
            rf"|(?:every|each)\s+(?:first|second|third|fourth|fifth|last)\s+{WEEKDAY}"
            r"(?:\s+of\s+(?:the|each|every)\s+month\b)?"

            rf"|(?:every|each|per)\s+(?:other\s+)?(?:{NUM}\s+)?(?:{UNIT}|{WEEKDAY}"
            rf"(?:\s+{DAYPART}\b)?"
            rf"|{MONTH_FULL}(?!\s+\d)"
            rf"|{SEASON}|{DAYPART})|(?:daily|weekly|monthly|annually|yearly|hourly|nightly"
            r"|quarterly|biweekly|semiannually|biannually)\b"
            # "twice a week", "six days a week", "four mornings a week": how often, one SET
            rf"|(?:once|twice|{NUM}\s+(?:times|days|nights|mornings|afternoons|evenings))"
            rf"\s+(?:a|an|per)\s+{UNIT_SG}"),
    ("duration", rf"(?:(?:about|around|almost|nearly|roughly|approximately|some|more\s+than"
                 r"|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|over|under|no\s+more"
                 r"\s+than|no\s+less\s+than|a\s+full|the\s+full|an\s+additional"
                 r"|another|the\s+entire|the\s+whole|the\s+first|the)\s+)?"
                 rf"{NUM}(?:\s+to\s+{NUM})?[\s-]+(?:more\s+|full\s+|long\s+|straight\s+"
                 rf"|consecutive\s+|trading\s+|business\s+|working\s+)?{UNIT}"
                 r"(?:\s+and\s+a\s+half)?(?!-)"
                 r"(?:[\s-]+(?:long|old)\b)?"
                 r"|(?:(?<=for\s)|(?<=within\s)|(?<=\bin\s)|(?<=take\s)|(?<=takes\s)|(?<=took\s))"
                 r"(?:years|months|weeks|days|hours|decades|centuries)\b"
                 rf"|(?:an\s+additional|another|a\s+further)\s+{UNIT_SG}"
                 r"|the\s+(?:days|weeks|months|years)\s+ahead\b"
                 rf"|(?<![\w-])(?:(?:{NUMWORD}|\d+)-)?(?:minute|hour|day|week|month|year|decade)s?"
                 r"-long\b"
                 r"|(?:several|many|a\s+few)[\s-]+(?:years|months|weeks|days|hours)\b"),
    # "current" before a noun ("its current position", "the then current price") is the
    # present (the past after "then"), except in set phrases that are not about time.
    ("vague", r"(?:right\s+)?now\b|currently\b|(?:(?-i:then)[\s-]+)?(?-i:current)"
              r"(?=\s+(?-i:[a-z]))(?!\s+(?:accounts?|affairs|events|assets|liabilities"
              r"|sea|flow|flows|density|source|sources|issue|issues|directions?)\b)"
              r"|recently\b|lately\b|nowadays\b|these\s+days\b|at\s+present\b|presently\b"
              r"|the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future\b"
              r"|the\s+past\b(?!\s+(?:\d|few|several|" + NUMWORD + r"))"
              r"|the\s+(?:near|short)[\s-]term\b(?![\s-][a-z])|a\s+later\s+date\b"
              # "said on a recent afternoon": some day lately
              rf"|a\s+recent\s+(?:{DAYPART}|day|weekday|weekend|{WEEKDAY})\b"),
    ("month", rf"{EDGE}?{MONTH_ANY}"),
    ("yearrange", r"(?<![\w$#.,/-])(?:1[5-9]|20)\d\d\s*[-\u2013]\s*(?:(?:1[5-9]|20)\d\d|\d\d)"
                  r"(?![\w%$/-])"),
    ("spokenyear", rf"{EDGE}?(?:the\s+year\s+)?{SPOKEN_YEAR}"),
    ("year", rf"{EDGE}?(?:(?:fiscal|calendar|the\s+year|model\s+year)\s+)?(?<![\w$#.,/])(?<!\d-)"
             rf"{YEAR}"
             r"(?![\w$/-])|(?-i:FY)\s?\d{2,4}\b|the\s+year\s+(?:two\s+thousand|2000)\b"),
    ("shortyear", rf"(?<![\w'\u2019]){SHORT_YEAR}(?!\w)"),
    # the next item of a list whose first item was a date: "June 3, 4 and 6", "on the 5th and
    # 6th", "in 1990, '91 and '92", "the 1980s and 90s"; the resolver checks the list's head
    ("listed", r"(?:(?<=,\s)|(?<=\sand\s)|(?<=\sor\s)|(?<=\s&\s))"
               r"(?:(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?|['\u2019]\d\d|\d0s)"
               r"(?=\s*(?:[,.;:)]|and\b|or\b|&|$)|\s+(?:in|at|to|for|on|when|as)\b)"),
]

_EDGE_FIRST = "tbsemcfl"
#: The first characters each rule can start with. A failed one-character look-ahead is much
#: cheaper than failing inside a rule's optional prefixes, so every rule is guarded by one.
FIRST_CHARS = {
    "stamp": r"\d", "racetime": r"\d", "clock": r"\dasnmotfe", "md": r"\dmtwfsjaond",
    "ordday": "t", "iso": r"\d", "numdate": r"\d",
    "monthyear": _EDGE_FIRST + "jaond", "yearago": "tcsy", "quarter": r"tilnfc\dsqhjamod",
    "theyear": "tfy", "qref": "tlmcpns", "decade": _EDGE_FIRST + "\\d'\u2019n",
    "century": _EDGE_FIRST + r"\dn", "era": r"\dac", "holiday": _HOLIDAY_FIRST,
    "season": _EDGE_FIRST + r"naw\d", "ago": r"\dabcdefhjlmnorst", "weekendrule": "tlncpf",
    "reltoday": _EDGE_FIRST + "ya", "relunit": _EDGE_FIRST + "npure",
    "thatday": _EDGE_FIRST + "npd", "theday": "t", "edgeunit": _EDGE_FIRST + "y",
    "monthlyday": "t", "nthweekday": "t", "weekof": "tfslw", "daypart": "telmadsn",
    "yearrange": r"\d", "weekday": "lntcemwfs",
    "set": "epdwmayhnqbsotf",
    "duration": r"\dabcdefhjlmnorstuwy", "vague": "rnctlapt", "spokenyear": _EDGE_FIRST + "n",
    "month": _EDGE_FIRST + "jaond", "year": _EDGE_FIRST + r"\dm", "shortyear": "'\u2019",
    "listed": "\\d'\u2019",
}

FINDER = re.compile("|".join(f"(?P<{name}>(?=[{FIRST_CHARS[name]}]){pattern})"
                             for name, pattern in RULES), re.I)

# -- trigger-directed search -------------------------------------------------------------------
# Scanning the whole grammar at every character is slow; instead, tokens that can head a
# temporal expression (digits, month/weekday names, unit words...) trigger an anchored match
# starting at the leftmost of the few modifier words before them ("the past", "about two").

TRIGGERS = word_set("""
january february march april may june july august september october november december jan feb
mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
mondays tuesdays wednesdays thursdays fridays saturdays sundays
today tonight tomorrow yesterday now currently current recently lately nowadays presently
present future past term second seconds minute minutes hour hours day days night nights week
weeks weekend weekends fortnight month months quarter quarters year years decade decades century
centuries millennium period daily weekly monthly annually yearly hourly nightly quarterly
biweekly semiannually biannually spring summer fall autumn winter morning afternoon evening
overnight noon midnight midday o'clock
twenties thirties forties fifties sixties seventies eighties nineties year's date fy
q1 q2 q3 q4 h1 h2 year-end half nineteen eighteen thousand
dawn daybreak dusk sunrise sunset nightfall
""") | _HOLIDAY_TRIGGERS

#: Words that may open an expression before its trigger ("the past", "about two", "early").
PREFIXES = word_set("""
the a an early late mid earlier later last next this coming past previous preceding following
about around nearly almost some roughly approximately more less than fewer at least most up to
over under just only barely full entire whole first second third fourth final fiscal calendar
of end beginning start middle close turn half part latter very right every each per other once
twice three four times its year's comparable corresponding same latest recent current that
upcoming prior ensuing subsequent new may in shortly additional another
one two three five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty
seventy eighty ninety hundred dozen couple few several many model trading business working
straight consecutive these near distant foreseeable immediate short long two then and
mornings afternoons evenings ad circa c
""") | _HOLIDAY_PREFIXES


#: A word, with inner apostrophes ("year's", "o'clock"). The group makes ``split`` keep the words;
#: the possessive quantifiers match the same words as greedy ones (nothing follows them to
#: backtrack for) but spare the engine its backtracking bookkeeping: a fifth faster.
_TOKEN = re.compile(r"(\w++(?:['\u2019]\w++)*+)")
_DIGITS = frozenset("0123456789")
_NOT_DECIMAL = re.compile(r"[.:][0-5]\d\s*[ap]\.?m|\.\d{1,2}\.\d{4}(?!\.?\d)"
                          rf"|,\d{{3}}\s*{ERA_BC}"  # "10,000 BC" is a year
                          r"|\.\d+\s*(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b",
                          re.I)  # "in 9.58 seconds" is a duration
_STAMP_DOT = re.compile(r"(?:[01]\d|2[0-3])\.[0-5]\d(?=[ \t]+[A-Z]|[ \t]*\n)")
#: Words that join an expression's modifiers but never start one ("the end OF", "more THAN").
_CONNECTORS = frozenset(("of", "in", "to", "than", "and", "least", "most", "other", "times"))


def _forms(words) -> frozenset[str]:
    """The spellings a trigger word is found in: as is, capitalised, upper case, possessive."""
    out = set()
    for word in words:
        for form in (word, word.capitalize(), word.upper()):
            out.update((form, form + "'s", form + "\u2019s"))
    return frozenset(out)


_TRIGGER_FORMS = _forms(TRIGGERS)
_PREFIX_FORMS = _forms(PREFIXES)


#: Characters tokenised at a time. The word list costs ~20 bytes per character of text, so a
#: 50 MB article tokenised whole needed a gigabyte; in pieces it needs a few megabytes.
CHUNK = 1 << 16


def find(text: str):
    """Yield ``(rule, start, end)`` for each expression, left to right, never overlapping."""
    taken = 0
    fiscal = "FY" in text  # rare, so looked for apart: fiscal years in one word ("FY2014")
    for lo, hi in chunks(text):
        words, starts = _tokens(text, lo, hi)
        for index in _heads(words, fiscal):
            pos = starts[index]
            if pos < taken:
                continue
            if _is_numeral(words[index]) and _is_number(text, pos, pos + len(words[index])):
                continue
            # The grammar runs on the whole text, so an expression may run on past ``hi``.
            for start in _starts(words, starts, index, taken, text):
                match = FINDER.match(text, start)
                if match and text.find("\n", start, match.end()) >= 0:
                    match = _within_lines(text, start, match.end())
                if match and match.end() > pos:
                    taken = match.end()
                    yield match.lastgroup, match.start(), match.end()
                    break


#: A line at least this long that a match runs on from is prose wrapped by hand ("...the
#: deadline of March\n3, 2014"); a shorter one is a date line, a heading or a list item.
WRAPPED_LINE = 50


def _within_lines(text: str, start: int, end: int) -> re.Match[str] | None:
    """The match at ``start``, cut before the first line break it may not run across."""
    return FINDER.match(text, start, line_stop(text, start, end))


def line_stop(text: str, start: int, end: int) -> int:
    """Where an expression starting at ``start`` must stop, at most ``end``: before a paragraph
    break, or at the end of a short line ("LONDON, June\n3 people were hurt" is no date, nor
    is "Updated 15 June\n2014 was a record year")."""
    newline = text.find("\n", start, end)
    while newline >= 0:
        line_start = text.rfind("\n", 0, newline) + 1
        paragraph = text[newline + 1:end].lstrip(" \t\r").startswith("\n")
        if paragraph or newline - line_start < WRAPPED_LINE:
            return newline
        newline = text.find("\n", newline + 1, end)
    return end


def chunks(text: str, size: int = CHUNK):
    """``(lo, hi)`` pieces of ``text`` of about ``size`` characters, cut where no expression
    is split from its modifiers: at a paragraph break, else a line break, else a space."""
    lo, end = 0, len(text)
    while end - lo > size:
        hi = lo + size
        cut = -1
        for mark in ("\n\n", "\n", " "):
            cut = text.rfind(mark, lo + size // 2, hi)
            if cut >= 0:
                break
        if cut < 0:  # one immense word (or other spacing): cut where it ends
            space = _SPACE.search(text, hi)
            cut = space.start() if space else end
        yield lo, cut
        lo = cut
    if lo < end:
        yield lo, end


_SPACE = re.compile(r"\s")


def _tokens(text: str, lo: int, hi: int) -> tuple[list[str], list[int]]:
    """The words of ``text[lo:hi]`` and the offset in ``text`` each starts at.

    A news text has ~90k words of which one in sixteen can head an expression. ``split`` lists
    the words and ``accumulate`` sums their offsets, both in C: ``finditer``'s match objects
    cost more to make, and their number sets off the garbage collector again and again.
    """
    parts = _TOKEN.split(text[lo:hi])  # gap, word, gap, word, ..., gap
    words = parts[1::2]
    # A word starts after everything before it: the first gap, then each word and the next gap.
    starts = list(accumulate(map(add, map(len, words), map(len, parts[2::2])),
                             initial=lo + len(parts[0])))
    return words, starts


def _heads(words: list[str], fiscal: bool) -> list[int]:
    """Indices of the words that can head an expression: trigger words and numerals (and
    "FY2014" when ``fiscal``)."""
    heads = [i for i, word in enumerate(words) if word in _TRIGGER_FORMS or word[0] in _DIGITS]
    if fiscal:
        heads = sorted({*heads, *(i for i, word in enumerate(words) if _is_numeral(word))})
    return heads


def _is_numeral(word: str) -> bool:
    """A word that is a number ("1998"; "3,000" starts so) or a fiscal year ("FY2014")."""
    return word[0] in _DIGITS or word[:2] == "FY" and word[2:3].isdigit()


def _is_number(text: str, start: int, end: int) -> bool:
    """Money, percentages and decimals ("$1.5", "25%", "3,000") never head an expression."""
    before = text[start - 1:start] if start else ""
    after = text[end:end + 2]
    if _NOT_DECIMAL.match(text, end):  # "7.30pm" is a time and "4.3.2019" a date
        return False
    if before in ("", "\n") and _STAMP_DOT.match(text, start):
        return False  # "20.59 Talks resume": a live blog's post opening with its time
    return before in ("$", "#", "\u00a3", "\u20ac") or after[:1] == "%" or (
        after[:1] in ",." and after[1:2].isdigit())


def _starts(words: list[str], starts: list[int], index: int, taken: int, text: str) -> list[int]:
    """Candidate start offsets for the trigger ``words[index]``, leftmost first: up to five
    modifier words before it (not before ``taken``), and an opening apostrophe ("'90s")."""
    first = index
    while (first > 0 and index - first < 5 and starts[first - 1] >= taken
           and words[first - 1] in _PREFIX_FORMS):
        first -= 1
    candidates = []
    for k in range(first, index + 1):
        if k < index and words[k].lower() in _CONNECTORS:
            continue
        pos = starts[k]
        if pos > 0 and text[pos - 1] in "'\u2019" and pos - 1 >= taken:
            candidates.append(pos - 1)
        candidates.append(pos)
    return candidates
