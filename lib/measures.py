"""Units of measurement after a number: lengths, weights, speeds, areas, energy, data, durations.

``measure_at`` reads the unit written right after a number, as separate words ("miles per hour",
"square metres", "degrees Fahrenheit") and returns its canonical name and where it ends;
``split_glued`` takes a number written in one token with its unit or currency ("10kW", "£2.7",
"RM23.50", "~45g", "+0.3", "minus-130") apart::

    >>> split_glued("10kW"), split_glued("RM23.50").currency, split_glued("~45").approx
    (Glued(value=10.0, unit='kilowatt', currency=None, approx=False, sign=''), 'ringgit', True)

Canonical names are singular, British-spelled and spelled out ("kilometre per hour"), so a chart
can group "km/h", "kph" and "kilometres per hour" together. The lexicon lists units of the SI and
the imperial system as written in news; a word that is both a unit and a common noun ("pound",
"point", "barrel") is left to the counted-noun rules of :mod:`lib.quantities`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

__all__ = ["Glued", "split_glued", "measure_at", "UNITS", "DURATION_UNITS", "is_calibre_unit"]

_LENGTH = {
    "mm": "millimetre", "millimetre": "millimetre", "millimeter": "millimetre", "cm": "centimetre",
    "centimetre": "centimetre", "centimeter": "centimetre", "m": "metre", "metre": "metre",
    "meter": "metre", "km": "kilometre", "kms": "kilometre", "kilometre": "kilometre",
    "kilometer": "kilometre", "nm": "nanometre", "nanometre": "nanometre", "nanometer": "nanometre",
    "µm": "micrometre", "μm": "micrometre", "micron": "micrometre", "in": "inch", "inch": "inch",
    "″": "inch", '"': "inch", "ft": "foot", "foot": "foot", "feet": "foot", "′": "foot",
    "yd": "yard", "yard": "yard", "mi": "mile", "mile": "mile", "light-year": "light-year",
}
_AREA_VOLUME_MASS = {
    "acre": "acre", "hectare": "hectare", "ha": "hectare", "m2": "square metre", "m²": "square metre",
    "km2": "square kilometre", "km²": "square kilometre", "sqm": "square metre",
    "l": "litre", "litre": "litre", "liter": "litre", "ml": "millilitre", "millilitre": "millilitre",
    "milliliter": "millilitre", "gallon": "gallon", "gal": "gallon", "pint": "pint", "quart": "quart",
    "mg": "milligram", "milligram": "milligram", "g": "gram", "gram": "gram", "gramme": "gram",
    "kg": "kilogram", "kilogram": "kilogram", "kilo": "kilogram", "lb": "pound-mass",
    "lbs": "pound-mass", "oz": "ounce", "ounce": "ounce", "tonne": "tonne", "t": "tonne",
    "ton": "ton", "µg": "microgram", "μg": "microgram", "microgram": "microgram",
    "gigatonne": "gigatonne", "gigaton": "gigatonne", "megaton": "megatonne", "megatonne": "megatonne",
}
_SPEED_ENERGY = {
    "mph": "mile per hour", "kph": "kilometre per hour", "km/h": "kilometre per hour",
    "km/hr": "kilometre per hour", "kmh": "kilometre per hour", "knot": "knot", "kn": "knot",
    "mpg": "mile per gallon", "rpm": "revolution per minute",
    "w": "watt", "watt": "watt", "kw": "kilowatt", "kilowatt": "kilowatt", "mw": "megawatt",
    "megawatt": "megawatt", "gw": "gigawatt", "gigawatt": "gigawatt", "kwh": "kilowatt hour",
    "mwh": "megawatt hour", "gwh": "gigawatt hour", "twh": "terawatt hour", "hp": "horsepower",
    "horsepower": "horsepower", "bhp": "brake horsepower", "nm/": "newton metre", "nm.": "newton metre",
    "lb-ft": "pound-foot", "pound-feet": "pound-foot", "pound-foot": "pound-foot",
    "v": "volt", "volt": "volt", "kv": "kilovolt", "mah": "milliampere hour", "hz": "hertz",
    "hertz": "hertz", "khz": "kilohertz", "mhz": "megahertz", "ghz": "gigahertz", "db": "decibel",
    "decibel": "decibel", "calorie": "calorie", "kcal": "kilocalorie", "joule": "joule",
    "kb": "kilobyte", "mb": "megabyte", "gb": "gigabyte", "tb": "terabyte", "kilobyte": "kilobyte",
    "megabyte": "megabyte", "gigabyte": "gigabyte", "terabyte": "terabyte", "mbps": "megabit per second",
    "gbps": "gigabit per second", "ppm": "part per million", "ppb": "part per billion",
    "°c": "degree celsius", "°f": "degree fahrenheit", "°": "degree", "degree": "degree",
    "celsius": "degree celsius", "fahrenheit": "degree fahrenheit", "kelvin": "kelvin",
    "gpa": "gigapascal", "psi": "pound per square inch", "mmbtu": "million british thermal unit",
    "bps": "basis point", "basis point": "basis point", "percentage point": "percentage point",
}
DURATION_UNITS = {
    "second": "second", "sec": "second", "s": "second", "minute": "minute", "min": "minute",
    "mins": "minute", "hour": "hour", "hr": "hour", "hrs": "hour", "h": "hour", "day": "day",
    "week": "week", "fortnight": "fortnight", "month": "month", "year": "year", "yr": "year",
    "decade": "decade", "century": "century", "millennium": "millennium",
}
UNITS: dict[str, str] = {**_LENGTH, **_AREA_VOLUME_MASS, **_SPEED_ENERGY, **DURATION_UNITS}
# Symbols that are only units when glued to the number or typed in a unit's case ("5 W", "3 s").
_GLUED_ONLY = frozenset(("m", "t", "l", "g", "w", "v", "s", "h", "in", "kn", "″", '"', "′", "°", "ha", "mi"))
_PREFIXED = {"square": "square", "sq": "square", "sq.": "square", "cubic": "cubic", "cu": "cubic"}
_TEMPERATURE_AFTER = {"celsius": "degree celsius", "c": "degree celsius", "fahrenheit": "degree fahrenheit",
                      "f": "degree fahrenheit", "kelvin": "kelvin"}
_NOT_GLUED = frozenset(("s", "′"))  # "1990s", "2022′s": plurals and possessives of years
CALIBRE = frozenset(("millimetre", "centimetre", "inch"))

# Currency written glued before the digits ("PS2.7m" is how some feeds render "£2.7m").
GLUED_CURRENCY = {
    "£": "pound", "ps": "pound", "y=": "yen", "¥": "yen", "rm": "ringgit", "usd": "dollar",
    "us$": "dollar", "a$": "australian dollar", "c$": "canadian dollar", "hk$": "hong kong dollar",
    "€": "euro", "eur": "euro", "gbp": "pound", "rs": "rupee", "rs.": "rupee", "₹": "rupee",
    "₩": "won", "₽": "rouble", "r$": "real", "s$": "singapore dollar", "nz$": "new zealand dollar",
}
# After a separate "$" token: "$US55,931,000", "$A82,615,680".
DOLLAR_COUNTRY = {"us": "dollar", "a": "australian dollar", "c": "canadian dollar", "nz": "new zealand dollar",
                  "hk": "hong kong dollar", "s": "singapore dollar"}
_SCALE_SUFFIX = {"k": 1e3, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
_GLUED_RE = re.compile(
    r"^(?P<pre>[^\d+\-−.]*?)(?P<sign>[+\-−]|minus-)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<suf>[^\d,.].*)?$"
)


@dataclass(frozen=True, slots=True)
class Glued:
    """A number written in one token: its value and the unit, currency or "~" glued to it."""

    value: float
    unit: str | None = None
    currency: str | None = None
    approx: bool = False
    sign: str = ""


def split_glued(text: str, *, after_dollar: bool = False, money: bool = False) -> Glued | None:
    """The number in a token like "10kW", "~45", "RM23.50", "2.7bn", "+0.3"; None if it is not one.

    "m" after digits is a metre ("37m"), except after a currency, where it is a million (that case
    is read by :mod:`lib.number_phrases`, which knows about the currency: ``money``). ``after_dollar``
    allows the country letters of "$US55,931,000".

    >>> split_glued("640bhp").unit, split_glued("2.7bn").value, split_glued("A82"), split_glued("now-18")
    ('brake horsepower', 2700000000.0, None, None)
    """
    m = _GLUED_RE.match(text)
    if m is None:
        return None
    pre, suf = m.group("pre").lower(), (m.group("suf") or "").lower()
    approx = pre in ("~", "≈")
    currency = DOLLAR_COUNTRY.get(pre) if after_dollar else GLUED_CURRENCY.get(pre)
    if pre and not approx and currency is None:
        return None
    value = float(m.group("num").replace(",", ""))
    sign = "-" if m.group("sign") in ("-", "−", "minus-") else m.group("sign") or ""
    value = -value if sign == "-" else value
    if not suf:
        return Glued(value, None, currency, approx, sign)
    if suf in _SCALE_SUFFIX or (suf == "m" and (currency or m.group("suf") == "M")):
        return Glued(value * _SCALE_SUFFIX.get(suf, 1e6), None, currency, approx, sign)
    if suf in ("%", "pc"):
        return Glued(value, "percent", None, approx, sign)
    if suf == "m" and money:
        return Glued(value * 1e6, None, currency, approx, sign)  # "$5.4m"
    # a plural "s" only after a word-length unit: "2018s", "Model 3s" and "5s" are not seconds
    unit = UNITS.get(suf) or (UNITS.get(suf[:-1]) if len(suf) > 3 and suf.endswith("s") else None)
    unit = unit if currency is None and suf not in _NOT_GLUED else None
    return Glued(value, unit, currency, approx, sign) if unit else None


def _word_unit(word: str) -> str | None:
    """A unit name for one written word: "miles" → "mile", "km" → "kilometre"."""
    w = word.lower()
    if w in UNITS:
        return UNITS[w]
    if w.endswith("es") and w[:-2] in UNITS and w[:-2] in ("inch",):
        return UNITS[w[:-2]]
    if w.endswith("s") and w[:-1] in UNITS and len(w) > 3:
        return UNITS[w[:-1]]
    if w == "centuries":
        return "century"
    return None


def measure_at(doc: Doc, k: int, hi: int) -> tuple[str, int] | None:
    """The unit of measurement written from token k: (canonical name, end token), or None.

    Reads "square"/"cubic" before the unit, "degrees" + Celsius/Fahrenheit, "per" + a second unit
    ("miles per hour", "dollars per barrel" is money and read elsewhere) and unit pairs like "km/h".
    One-letter symbols count only when written in a unit's usual case ("5 W", not "5 w").

    >>> # "800 miles per hour": measure_at(doc, 1, len(doc)) == ("mile per hour", 4)
    """
    if k >= hi:
        return None
    prefix = _PREFIXED.get(doc[k].lower_)
    j = k + 1 if prefix else k
    if j >= hi:
        return None
    tok = doc[j]
    unit = _word_unit(tok.text)
    if unit is None or (tok.lower_ in _GLUED_ONLY and not _symbol_case(tok.text)):
        return None
    end = j + 1
    if unit == "degree" and end < hi and doc[end].lower_ in _TEMPERATURE_AFTER:
        unit, end = _TEMPERATURE_AFTER[doc[end].lower_], end + 1
    if prefix:
        unit = f"{prefix} {unit}"
    if end + 1 < hi and doc[end].lower_ in ("per", "/") and (per := _word_unit(doc[end + 1].text)):
        unit, end = f"{unit} per {per}", end + 2
    return unit, end


def _symbol_case(text: str) -> bool:
    """One-letter and short symbols are units in their usual case: "W", "V", "m", "s", "h", "″"."""
    return text in ("W", "V", "m", "s", "h", "g", "t", "l", "L", "″", '"', "′", "°", "ha", "mi", "kn")


def is_calibre_unit(unit: str | None) -> bool:
    """Millimetres, centimetres and inches, which name a calibre when they describe a weapon."""
    return unit in CALIBRE
