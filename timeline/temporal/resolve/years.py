"""Years named by the calendar: "2003", "fiscal 2013", "1990-95", "'98", "nineteen eighty-four",
the decades ("the 1990s", "the mid-'80s"), centuries and eras ("300 BC"); and the next items of
a list headed by a date ("June 3, 4 and 6", "in 1990, '91 and '92")."""

from __future__ import annotations

import re

from timeline.temporal.lexicon import DECADE_WORDS, ORDINALS, word_set
from timeline.temporal.resolve.base import _YEAR, Resolution, _edge_mod, _find_year, _words

_POSSESSIVE_YEAR = re.compile(r"\d{4}['\u2019]s")
_DECADE_CONTEXT = re.compile(r"\b(?:the|in|of|during|since|by|from|to|through|until)\s+$", re.I)
_AGE_OWNER = re.compile(r"\b(?:their|his|her|my|your|our)\s+$", re.I)
_AFTER_A_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d,?\s+(?:and|or|&)\s+$")
_BETWEEN_ABOUT = re.compile(r"\b(?:between|from|since|in)\s+(?:roughly|about|around|circa)\s+$",
                            re.I)
_LIST_LINK = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or|&)\s+)(?:the\s+)?")
_BC = re.compile(r"\s*(?-i:BC|B\.C\.|BCE|B\.C\.E\.)")
_EARLY_DECADE = re.compile(r"\b(\d\d\d)0['\u2019]?s\b")
_TIME_PREPOSITION = re.compile(r"\b(?:in|during|by|since|until|from|to|through|of|before|after"
                               r"|throughout)\s+$", re.I)


_YEAR_CUES = word_set("""
in since until till by from to through throughout during before after between of early
late mid fiscal year end beginning middle start circa c. around spring summer fall autumn winter
the its his her their our a an post pre that this full-year fiscal-year
""")

_FUNCTION_WORDS = word_set("for with and but as at on by unlike like than")

_AFTER_YEAR_OK = word_set("""
and or to through when as after before the that with for until in on at was were is will had
has have levels level figures budget election elections season campaign crop census law act
budgets compared because but while amid from by then
""")


class YearRules:
    """Handlers for years, decades, centuries and eras, and for the items of a list of dates."""

    def _year(self, text, start, end):
        """ "2003", "fiscal 2013", "FY2023", "mid-1996", "the first half of 1989"."""
        words = _words(text)
        if re.match(r"(?-i:FY)", text):
            digits = re.search(r"\d+", text).group()
            year = int(digits) if len(digits) == 4 else 2000 + int(digits)
            return self._result(start, end, f"{year:04d}")
        if "thousand" in text.lower():
            return self._result(start, end, "2000")
        year = int(_YEAR.search(text).group())
        if not words[0].isdigit() or self._year_context_ok(start, end, year):
            lower = text.lower()
            if self.text[max(0, start - 5):start].lower() == "post-":  # "the post-1959 politics"
                return self._result(start, end, f"{year:04d}", "AFTER")
            if "half of" in lower:
                half = "1" if "first" in lower else "2"
                return self._result(start, end, f"{year:04d}-H{half}")
            return self._result(start, end, f"{year:04d}", _edge_mod(words[:-1]))
        return None

    def _year_context_ok(self, start, end, year) -> bool:
        """A bare four-digit number is a year only where the words around say so."""
        if _BC.match(self.text, end):
            return False  # "1500 BC" is no year of the calendar the values use
        before = self.text[max(0, start - 25):start]
        prev = before.split()[-1].lower().strip("(\"'`-") if before.split() else ""
        if prev in _YEAR_CUES or prev.endswith(("'s", "\u2019s")) or prev.endswith("post"):
            return year >= 1000
        if _AFTER_A_YEAR.search(before) or _BETWEEN_ABOUT.search(before):
            return True  # "between 1996 and 2001", "in 2002, 2003 and 2006", "between roughly"
        if not 1900 <= year <= 2099:
            return False
        raw = before.split()[-1] if before.split() else ""
        if raw[:1].isupper() and not raw.endswith((".", ",", ";", ":")) and (
                prev not in _FUNCTION_WORDS):  # "For 1988, it earned": a sentence opener
            return False  # "Room 1915", "Windows 2000": a name's number, not a year
        after = self.text[end:end + 25]
        if not after or after[0] in ".,;:)'\"!?\u201d\u2019":
            return not before.rstrip().endswith(("No.", "no.", "#", "$"))
        following = after.split()[0].lower().strip(".,;:") if after.split() else ""
        return following in _AFTER_YEAR_OK

    def _yearrange(self, text, start, end):
        """ "1990-95", "2010\u20132015": the two years, as two points; "the 2019-20 season" is one
        season, dated by the year it starts."""
        m = re.match(r"(\d{4})\s*[-\u2013]\s*(\d{2,4})$", text)
        first = int(m.group(1))
        second = int(m.group(2))
        if second < 100:
            second += first // 100 * 100
            second += 100 if second < first else 0
        if not first < second <= first + 100:
            return None  # "2015-2010", "1990-2095": not a span of years
        if second == first + 1 and len(m.group(2)) == 2:
            # "the 2019-20 season", "the 2014-15 fiscal year": one season over two years, which
            # TimeML marks as one expression valued by its start
            return Resolution(start, end, "DATE", f"{first:04d}", end_value=f"{second:04d}")
        return [self._result(start + m.start(1), start + m.end(1), f"{first:04d}"),
                self._result(start + m.start(2), start + m.end(2), f"{second:04d}")]

    def _listed(self, text, start, end):
        """The next item of a list headed by a date: a day of the same month ("June 3, 4 and
        6", "on the 5th and 6th"), a year of the same century ("in 1990, '91 and '92"), a
        decade ("the 1980s and 90s"). Nothing when the list has no date before it."""
        ref = self.ref
        if ref is None or not 0 < self.ref_at <= start or not _LIST_LINK.fullmatch(
                self.text, self.ref_at, start):
            return None
        digits = re.search(r"\d+", text).group()
        if text.endswith("s") and ref.gran == "decade":
            return self._result(start, end, f"{ref.first.year // 100}{digits[0]}")
        if text[0] in "'\u2019" and ref.gran == "year":
            return self._result(start, end, f"{ref.first.year // 100}{digits}")
        if digits == text.rstrip("stndrh") and ref.gran == "day":
            day = ref.first.replace(day=int(digits))  # ValueError for a day the month lacks
            return self._result(start, end, day.isoformat()) if day > ref.first else None
        return None

    def _spokenyear(self, text, start, end):
        year = _find_year(text)
        if year is None or year < 1000:
            return None
        return self._result(start, end, f"{year:04d}", _edge_mod(_words(text)))

    def _shortyear(self, text, start, end):
        """ "'98" after "class of", "in", "since"...: the latest such year up to five years
        after the anchor ("'46" in 1995 is 1946, "'27" in 2024 is 2027)."""
        year = self._clipped_year(int(text[1:3]))
        before = self.text[max(0, start - 12):start].split()
        prev = before[-1].lower() if before else ""
        if prev not in _YEAR_CUES and prev not in ("class", "the"):
            return self._listed(text, start, end)  # "in 1990, '91 and '92"
        return self._result(start, end, f"{year:04d}")

    def _clipped_year(self, two: int) -> int:
        """The year a clipped "'98" stands for (see :meth:`_shortyear`)."""
        latest = (self.anchor.year if self.anchor else 2030) + 5
        return latest - (latest - two) % 100

    def _decade(self, text, start, end):
        """ "the 1990s" -> 199, "the mid-'80s" -> 198 MID, "the nineties"."""
        if _AGE_OWNER.search(self.text, max(0, start - 8), start):
            return None  # "people in their thirties": an age, not the 1930s
        if _BC.match(self.text, end):
            return None  # "the 40s BC": before the era, which no AD value may stand for
        early = _EARLY_DECADE.search(text)
        if early and int(early.group(1)) < 150 and not _TIME_PREPOSITION.search(
                self.text, max(0, start - 12), start):
            return None  # "filed their 1040s", "the 1099s": form numbers, unless "in the 1040s"
        lower = text.lower()
        words = _words(text)
        mod = _edge_mod(words)
        if "half of" in lower:
            mod = "START" if "first" in lower else "END"
        if _POSSESSIVE_YEAR.fullmatch(text) and not _DECADE_CONTEXT.search(
                self.text, max(0, start - 9), start):  # "2020's pandemic": of the year 2020
            return self._result(start, end - 2, text[:4])
        digits = re.search(r"(\d{1,3})0['\u2019]?s", text)
        if digits and len(digits.group(1)) == 3:  # "the 1990s"
            value = digits.group(1)
        elif digits:  # "the '70s", "the 70s": the century comes from the anchor
            decade = int(digits.group(1)[-1])
            value = f"{self._century_for(decade)}{decade}"
        else:
            decade = next(DECADE_WORDS[w] for w in words if w in DECADE_WORDS)
            value = f"{self._century_for(decade)}{decade}"
        return self._result(start, end, value, mod)

    def _century_for(self, decade: int) -> int:
        year = self.anchor.year if self.anchor else 2030
        return year // 100 if decade * 10 <= year % 100 else year // 100 - 1

    def _era(self, text, start, end):
        """ "300 BC" -> BC0300, "c. 44 BCE" -> BC0044 APPROX, "AD 79" -> 0079."""
        number = int(re.search(r"\d[\d,]*", text).group().replace(",", ""))
        mod = "APPROX" if re.match(r"(?:about|around|circa|c\.)", text, re.I) else None
        if _BC.search(text):
            return number and self._result(start, end, f"BC{number:04d}", mod, kind="DATE")
        return number and self._result(start, end, f"{number:04d}", mod)

    def _century(self, text, start, end):
        """ "the 20th century" -> 19; "the 3rd century BC" -> BC02 (300-201 BC)."""
        words = _words(text)
        number = re.search(r"(\d{1,2})(?:st|nd|rd|th)", text)
        if number:
            ordinal = int(number.group(1))
        else:
            ordinal = next(ORDINALS[w] for w in (t.replace("-", "") for t in words)
                           if w in ORDINALS) if any(w in ORDINALS for w in words) else None
            if ordinal is None:
                twenty = "twenty" in text.lower()
                ordinal = 21 if twenty else None
        if _BC.search(text):
            return ordinal and self._result(start, end, f"BC{ordinal - 1:02d}",
                                            _edge_mod(words), kind="DATE")
        if not ordinal or ordinal < 2:
            return None
        return self._result(start, end, f"{ordinal - 1:02d}", _edge_mod(words))
