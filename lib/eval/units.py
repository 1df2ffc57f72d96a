"""Our unit strings in CQE's unit vocabulary, for the value+unit metric of NewsQuant.

CQE normalises units to British-spelled singular names ("dollar", "percentage", "metre",
"mile per hour", "japanese yen") and keeps a counted noun as its lemma ("worker", "round").
Our quantity finder already gives the lemma of a counted noun, so the table here only covers
symbols, abbreviations, currency names and US spellings; everything else passes through
lower-cased. The table is published with the results (as the CQE authors did for their
baselines), so the value+unit numbers stay comparable.
"""

from __future__ import annotations

import re

NO_UNIT = "-"

# Symbols and abbreviations → CQE names. Kept small on purpose: a mapping that grew by looking
# at the gold would measure the table, not the extractor.
_ALIASES: dict[str, str] = {
    # money
    "$": "dollar", "us$": "dollar", "usd": "dollar", "us dollar": "dollar", "dollars": "dollar",
    "€": "euro", "eur": "euro", "euros": "euro",
    "£": "pound sterling", "gbp": "pound sterling", "sterling": "pound sterling",
    "¥": "japanese yen", "yen": "japanese yen", "jpy": "japanese yen",
    "yuan": "chinese yuan", "renminbi": "chinese yuan", "cny": "chinese yuan",
    "won": "south korean won", "krw": "south korean won",
    "rouble": "russian ruble", "ruble": "russian ruble", "rub": "russian ruble",
    "rupee": "rupee", "franc": "swiss franc", "cent": "cent", "kuna": "croatian kuna",
    "real": "brazilian real", "peso": "mexican peso", "rand": "south african rand", "guilder": "netherlands guilde",
    # country-qualified names that CQE spells its own way
    "british pound": "pound sterling", "swedish krona": "swedish krone", "polish zloty": "polish złoty",
    # CQE reads the "p" of London share prices ("down 68p") as a point, not as pence
    "penny": "point",
    # ratios
    "%": "percentage", "percent": "percentage", "per cent": "percentage", "pct": "percentage",
    "percentage point": "percentage point", "bps": "basis point",
    # length, area, mass, volume, speed, temperature
    "mm": "millimetre", "cm": "centimetre", "m": "metre", "km": "kilometre",
    "ft": "foot", "feet": "foot", "in": "inch", "inches": "inch", "mi": "mile",
    "sq km": "square kilometre", "km2": "square kilometre", "sq m": "square metre", "m2": "square metre",
    "kg": "kilogram", "g": "gram", "mg": "milligram", "lb": "pound-mass", "lbs": "pound-mass",
    "t": "metric ton", "tonne": "metric ton", "tonnes": "metric ton", "metric tonne": "metric ton",
    "l": "litre", "ml": "millilitre",
    "revolution per minute": "revolutions per minute", "part per billion": "parts-per-billion",
    "mph": "mile per hour", "km/h": "kilometre per hour", "kph": "kilometre per hour",
    "°c": "celsius", "degree celsius": "celsius", "°f": "fahrenheit", "degree fahrenheit": "fahrenheit",
    "µm": "micrometre", "μm": "micrometre", "µg": "microgram", "μg": "microgram",
    "hp": "horsepower", "brake horsepower": "horsepower", "metric horsepower": "horsepower", "mah": "milliampere-hour", "milliampere hour": "milliampere-hour",
    "million british thermal unit": "mega british thermal unit", "ppb": "parts-per-billion", "ppm": "parts-per-million",
    "part per million": "parts-per-million",
    "gigatonne": "gigaton", "megatonne": "megaton", "kilotonne": "kiloton", "°": "degree", "deg": "degree",
    "bpd": "barrel per day", "barrels per day": "barrel per day",
    # CQE names a multiplier ("three times") a count
    "time": "count", "times": "count",
    # ages
    "year old": "year of age", "years old": "year of age", "year-old": "year of age",
}

# US spellings of metric units ("kilometer" → "kilometre"), as a rule rather than a list.
_US_METRIC = re.compile(r"\b(\w*met|lit)er\b")


# Money names that CQE qualifies by country; "pound" alone is a weight there.
_MONEY: dict[str, str] = {"pound": "pound sterling", "ringgit": "malaysian ringgit", "crown": "danish krone"}


def cqe_unit(unit: str | None, *, money: bool = False) -> str:
    """The CQE name of one of our unit strings; ``"-"`` when there is no unit.

    ``money`` says the unit is a currency ("pound" is then sterling); a rate keeps its parts
    ("dollar per barrel"); an age ("year old") is CQE's "year of age".

    >>> [cqe_unit(u) for u in ("$", "percent", None, "round", "kilometer per hour", "Ballistic Missile")]
    ['dollar', 'percentage', '-', 'round', 'kilometre per hour', 'ballistic missile']
    >>> cqe_unit("pound per ounce", money=True), cqe_unit("month old"), cqe_unit("degree celsius")
    ('pound sterling per ounce', 'month of age', 'celsius')
    """
    if unit is None or not unit.strip():
        return NO_UNIT
    u = " ".join(unit.lower().split())
    if u in _ALIASES:  # whole names first: "revolution per minute" is one unit in CQE's vocabulary
        return _ALIASES[u]
    if " per " in u:
        first, _, rest = u.partition(" per ")
        return f"{cqe_unit(first, money=money)} per {cqe_unit(rest)}"
    if u.split()[0] in ("time", "times"):
        return "count"  # "6.5 times earnings": a multiplier, whatever it multiplies
    if u.endswith(" old"):
        return f"{u[:-4]} of age"
    if money and u in _MONEY:
        return _MONEY[u]
    return _US_METRIC.sub(r"\1re", u)


def mapping_table() -> dict[str, str]:
    """The alias table, for printing next to the results."""
    return dict(_ALIASES)
