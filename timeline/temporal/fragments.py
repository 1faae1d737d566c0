"""The pieces the grammar of :mod:`timeline.temporal.patterns` is written with.

One job: the regular-expression fragments for months, weekdays, days of the month, years (in
digits, spoken or clipped), parts of the day, numbers, units, seasons, relative words, edges
("early", "the end of"), clock times, zones, holiday names and eras. Month and weekday names
are case-sensitive (capitalised), so "may", "march" and "sun" in running text are never dates.
Also the words of holiday names that trigger the search and may open an expression.
"""

from __future__ import annotations

import re

from timeline.temporal.lexicon import (
    EASTER_HOLIDAYS,
    FIXED_HOLIDAYS,
    LUNAR_HOLIDAYS,
    NTH_WEEKDAY_HOLIDAYS,
    word_list,
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


HOLIDAY_TRIGGERS, HOLIDAY_PREFIXES, HOLIDAY_FIRST = _holiday_words()


#: Eras: "300 BC", "44 BCE", "AD 79". Values before year 1 are written "BC0300" (TimeML).
ERA_BC = r"(?-i:BC|B\.C\.|BCE|B\.C\.E\.)(?![\w])"
ERA_AD = r"(?-i:AD|A\.D\.|CE|C\.E\.)(?![\w])"
