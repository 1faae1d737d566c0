"""Word tables of English temporal language: months, weekdays, numbers, units, dayparts, holidays.

Pure data plus tiny lookups, shared by the grammar (:mod:`patterns`) and the resolver
(:mod:`resolve`), so a word is defined once.
"""

from __future__ import annotations

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}

WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7, "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4,
    "fri": 5, "sat": 6, "sun": 7,
}

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "one hundred": 100, "a dozen": 12,
    "dozen": 12, "half a": 0.5, "half an": 0.5, "a half": 0.5, "couple of": 2,
    "a couple of": 2, "couple": 2, "a couple": 2, "thousand": 1000, "a thousand": 1000,
}

#: Words standing for an unknown count: "several years" -> PXY.
VAGUE_COUNTS = ("several", "a few", "few", "many", "some", "numerous", "a number of")

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3,
    "4th": 4, "last": 4, "final": 4,
}

#: Duration unit -> (TimeML letter, is a time-of-day unit written after "T").
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "fortnight": ("W", False),
    "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False),
    "decade": ("E", False), "century": ("C", False), "millennium": ("L", False),
}

DAYPARTS = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "midday": "MI", "daytime": "DT", "mid-morning": "MO", "mid-afternoon": "AF",
    "dawn": "MO", "daybreak": "MO", "sunrise": "MO", "dusk": "EV", "sunset": "EV",
    "nightfall": "NI",
}

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}

#: Fixed-date holidays: name -> (month, day).
FIXED_HOLIDAYS = {
    "new year's day": (1, 1), "new year's": (1, 1), "new year's eve": (12, 31),
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "boxing day": (12, 26), "valentine's day": (2, 14), "st. patrick's day": (3, 17),
    "independence day": (7, 4), "the fourth of july": (7, 4), "fourth of july": (7, 4),
    "july fourth": (7, 4),
    "halloween": (10, 31), "veterans day": (11, 11), "veterans' day": (11, 11),
    "armistice day": (11, 11), "bastille day": (7, 14), "may day": (5, 1),
    "flag day": (6, 14), "groundhog day": (2, 2), "all saints' day": (11, 1),
    "all souls' day": (11, 2), "juneteenth": (6, 19), "canada day": (7, 1),
    "australia day": (1, 26), "anzac day": (4, 25), "remembrance day": (11, 11),
    "cinco de mayo": (5, 5), "earth day": (4, 22), "guy fawkes night": (11, 5),
    "bonfire night": (11, 5), "st. george's day": (4, 23), "st. andrew's day": (11, 30),
}

#: Holidays on the n-th weekday of a month: name -> (month, weekday 1-7, n; -1 = last).
NTH_WEEKDAY_HOLIDAYS = {
    "thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4), "labor day": (9, 1, 1),
    "labour day": (9, 1, 1),
    "memorial day": (5, 1, -1), "martin luther king day": (1, 1, 3),
    "martin luther king jr. day": (1, 1, 3), "presidents day": (2, 1, 3),
    "presidents' day": (2, 1, 3), "columbus day": (10, 1, 2), "mother's day": (5, 7, 2),
    "father's day": (6, 7, 3), "election day": (11, 1, 1), "mlk day": (1, 1, 3),
    "black friday": (11, 4, 4), "cyber monday": (11, 4, 4),
    "indigenous peoples' day": (10, 1, 2), "patriots' day": (4, 1, 3),
}

#: Days after the n-th weekday: Election Day is the Tuesday after the first Monday of November.
NTH_WEEKDAY_OFFSETS = {"election day": 1, "black friday": 1, "cyber monday": 4}

#: Holidays of lunar and lunisolar calendars, dated by the ``holidays`` package from one
#: country's public holidays: name -> (country code, the holiday's name in that list). Egypt
#: keeps the first day of the Eids on the date most of the Arab world does.
LUNAR_HOLIDAYS = {
    "chinese new year": ("CN", "Chinese New Year"), "lunar new year": ("CN", "Chinese New Year"),
    "mid-autumn festival": ("CN", "Mid-Autumn Festival"),
    "dragon boat festival": ("CN", "Dragon Boat Festival"),
    "eid al-fitr": ("EG", "Eid al-Fitr"), "eid ul-fitr": ("EG", "Eid al-Fitr"),
    "eid al-adha": ("EG", "Eid al-Adha"), "eid ul-adha": ("EG", "Eid al-Adha"),
    "islamic new year": ("EG", "Islamic New Year"),
    "passover": ("IL", "Pesach"), "rosh hashanah": ("IL", "Rosh Hashanah"),
    "rosh hashana": ("IL", "Rosh Hashanah"), "yom kippur": ("IL", "Yom Kippur"),
    "sukkot": ("IL", "Sukkot"), "shavuot": ("IL", "Shavuot"),
    "diwali": ("IN", "Diwali"), "holi": ("IN", "Holi"),
    "hanukkah": ("IL", "Hanukkah"), "chanukah": ("IL", "Hanukkah"), "purim": ("IL", "Purim"),
}

#: Holidays at a fixed distance in days from Easter Sunday.
EASTER_HOLIDAYS = {
    "easter": 0, "easter sunday": 0, "easter day": 0, "good friday": -2, "easter monday": 1,
    "palm sunday": -7, "ash wednesday": -46, "pentecost": 49, "maundy thursday": -3,
}


def number_value(word: str) -> float | None:
    """The number a count word or numeral stands for: 'three' -> 3, '12' -> 12, '2 1/2' -> 2.5."""
    word = word.lower().strip().replace("\u00a0", " ")
    if word in NUMBERS:
        return NUMBERS[word]
    word = word.replace(",", "")
    if word.isdigit():
        return int(word)
    if " 1/2" in word or "-and-a-half" in word or " and a half" in word:
        head = word.replace(" 1/2", "").replace("-and-a-half", "").replace(" and a half", "")
        base = number_value(head)
        return None if base is None else base + 0.5
    if "-" in word or " " in word:
        parts = word.replace("-", " ").split()
        values = [NUMBERS.get(part) for part in parts]
        if all(isinstance(v, int) for v in values) and values:
            return sum(values)  # twenty-five, twenty five
    try:
        return float(word)
    except ValueError:
        return None


def word_list(block: str) -> list[str]:
    """The whitespace-separated words of a block of text (keeps long word lists readable)."""
    return block.split()


def word_set(block: str) -> frozenset[str]:
    return frozenset(block.split())
