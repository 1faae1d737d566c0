"""The finder's grammar: one precompiled regular expression that delimits temporal expressions.

Each alternative is a named rule (``md``, ``weekday``, ``duration``...). The rules are ordered so
that, at a given position, the more specific reading wins ("Sept. 11, 2001" as one date before
"Sept." as a month). The pattern only finds and classifies; :mod:`resolve` gives the values.
The rules are written with the fragments of :mod:`timeline.temporal.fragments` (where month and
weekday names are case-sensitive, so "may", "march" and "sun" in running text are never dates);
:func:`timeline.temporal.search.find` runs the pattern only where a trigger word (a digit, a
month, "week", "today"...) could head an expression, which keeps tagging fast.
"""

from __future__ import annotations

import re

from timeline.temporal.fragments import (
    CLOCK,
    DAYPART,
    EDGE,
    ERA_AD,
    ERA_BC,
    HOLIDAY,
    HOLIDAY_FIRST,
    MD,
    MONTH_ANY,
    MONTH_FULL,
    NUM,
    NUMWORD,
    REL,
    RELDAY,
    SEASON,
    SHORT_YEAR,
    SPOKEN_YEAR,
    TZ,
    UNIT,
    UNIT_SG,
    WEEKDAY,
    YEAR,
    YEAR_ANY,
)

#: "next", "this"... before a time's weekday ("9 a.m. next Tuesday")
_WHICH = r"(?:(?-i:next|this|last|coming)\s+)?"

_WEEKS_OF = (r"(?:(?:first|last|final)\s+(?:two|three|few)\s+weeks"
             r"|(?:(?:first|second|third|fourth|last|final)\s+)?week)\s+of")


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
    "century": _EDGE_FIRST + r"\dn", "era": r"\dac", "holiday": HOLIDAY_FIRST,
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
