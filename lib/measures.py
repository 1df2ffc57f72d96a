"""Units of measurement after a number: lengths, weights, speeds, areas, energy, data, durations.

``measure_at`` reads the unit written right after a number, as separate words ("miles per hour",
"square metres", "degrees Fahrenheit") and returns its canonical name and where it ends;
``split_glued`` takes a number written in one token with its unit or currency ("10kW", "£2.7",
"RM23.50", "~45g", "+0.3", "minus-130") apart::

    >>> split_glued("10kW"), split_glued("RM23.50").currency, split_glued("~45").approx
    (Glued(value=10.0, unit='kilowatt', currency=None, approx=False, sign=''), 'ringgit', True)

The currency helpers name money written around a number: country letters before a "$" ("HK $5"),
a nationality before a currency word ("Danish crowns" → "danish krone", from the ISO 4217 names
of pycountry), subunits and symbols after it ("63 cents", "68p", "150 kn") and ISO codes ("HKD").
A symbol whose case decides the unit is read in its case ("Nm" newton metre, "nm" nanometre).

Canonical names are singular, British-spelled and spelled out ("kilometre per hour"), so a chart
can group "km/h", "kph" and "kilometres per hour" together. The lexicon lists units of the SI and
the imperial system as written in news; a word that is both a unit and a common noun ("pound",
"point", "barrel") is left to the counted-noun rules of :mod:`lib.quantities`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

__all__ = ["Glued", "split_glued", "measure_at", "UNITS", "DURATION_UNITS", "is_calibre_unit",
           "currency_after", "national_currency", "iso_currency", "dollar_country", "nationality_before",
           "per_unit", "engine_power", "currency_noun"]

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
    "km2": "square kilometre", "km²": "square kilometre", "sqm": "square metre", "cm2": "square centimetre",
    "cm²": "square centimetre", "mm2": "square millimetre", "mm²": "square millimetre",
    "l": "litre", "litre": "litre", "liter": "litre", "ml": "millilitre", "millilitre": "millilitre",
    "milliliter": "millilitre", "gallon": "gallon", "gal": "gallon", "pint": "pint", "quart": "quart",
    "mg": "milligram", "milligram": "milligram", "g": "gram", "gram": "gram", "gramme": "gram",
    "kg": "kilogram", "kilogram": "kilogram", "kilo": "kilogram", "lb": "pound-mass",
    "lbs": "pound-mass", "oz": "ounce", "ounce": "ounce", "tonne": "tonne", "t": "tonne",
    "ton": "ton", "µg": "microgram", "μg": "microgram", "microgram": "microgram",
    "gigatonne": "gigatonne", "gigaton": "gigatonne", "megaton": "megatonne", "megatonne": "megatonne",
    "kiloton": "kilotonne", "kilotonne": "kilotonne", "bbl": "barrel", "bbls": "barrel",
    # shipping: a ship's carrying capacity and its gross (volume) tonnage, as wire copy abbreviates them
    "dwt": "deadweight tonne", "deadweight tonne": "deadweight tonne", "deadweight ton": "deadweight tonne",
    "gt": "gross ton", "grt": "gross ton", "gross ton": "gross ton", "gross tonne": "gross ton",
}
_SPEED_ENERGY = {
    "mph": "mile per hour", "kph": "kilometre per hour", "km/h": "kilometre per hour",
    "km/hr": "kilometre per hour", "kmh": "kilometre per hour", "m/s": "metre per second",
    "knot": "knot", "bpd": "barrel per day",
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
    "centigrade": "degree celsius",
    "gpa": "gigapascal", "psi": "pound per square inch", "mmbtu": "million british thermal unit",
    "bps": "basis point", "basis point": "basis point", "percentage point": "percentage point",
}
DURATION_UNITS = {
    "second": "second", "sec": "second", "s": "second", "minute": "minute", "min": "minute",
    "mins": "minute", "hour": "hour", "hr": "hour", "hrs": "hour", "h": "hour", "day": "day",
    "week": "week", "wk": "week", "wks": "week", "fortnight": "fortnight", "month": "month", "mth": "month",
    "mths": "month", "year": "year", "yr": "year", "yrs": "year",
    "decade": "decade", "century": "century", "millennium": "millennium",
}
UNITS: dict[str, str] = {**_LENGTH, **_AREA_VOLUME_MASS, **_SPEED_ENERGY, **DURATION_UNITS}
# Symbols that are only units when glued to the number or typed in a unit's case ("5 W", "3 s").
_GLUED_ONLY = frozenset(("m", "t", "l", "g", "w", "v", "s", "h", "in", "″", '"', "′", "°", "ha", "mi"))
# Symbols whose case decides the unit (SI: "Nm" is a newton metre, "nm" a nanometre; "C" after a
# number is a Celsius temperature, "c" is not a unit).
_CASED = {"Nm": "newton metre", "N·m": "newton metre", "C": "degree celsius"}
# Symbols read as units only inside a slash unit ("1.3 A/cm2"): alone, "A" after a number is the article.
_SLASH_ONLY = {"A": "ampere", "mA": "milliampere", "W": "watt", "V": "volt", "g": "gram", "m": "metre"}
# "300 PS" (Pferdestärke) is an engine's metric horsepower; elsewhere "PS" is a postscript or a school.
_ENGINE_WORDS = frozenset(("engine", "motor", "power", "output", "horsepower", "hp", "kw", "bhp", "torque",
                           "powertrain", "turbo", "hybrid", "v6", "v8", "v12", "diesel", "petrol", "electric"))
_QUOTE_MARKS = frozenset(('"', "″", "′"))
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
# Money written after the number as a symbol or subunit: "68p", "18 sen", "150 kn", "63 cents".
_CURRENCY_AFTER_SYMBOL = {"p": "penny", "p.": "penny", "pence": "penny", "cent": "cent", "cents": "cent",
                          "ct": "cent", "cts": "cent",  # wire copy: "Shr 32 cts vs 28 cts"
                          "sen": "sen", "kn": "kuna", "kuna": "kuna"}
# English names of currencies whose ISO name is native ("Danish crowns" are kroner).
_ENGLISH_CURRENCY = {"crown": ("krone", "krona", "koruna"), "crowns": ("krone", "krona", "koruna"),
                     "reais": ("real",), "kroner": ("krone",), "kronor": ("krona",), "yuan": ("yuan",),
                     "shekel": ("shekel",), "shekels": ("shekel",), "rouble": ("ruble",), "roubles": ("ruble",)}
# ISO codes that are also English words or common acronyms in capitals ("TOP 10", "ALL 5", "AMD"):
# never read as money.
_ISO_ALSO_WORDS = frozenset("ALL AMD BAM BOB CAD CHE COP CUP DOP GEL MAD MOP NAD PEN PHP RON SOS TOP TRY XXX".split())
_ISO_AS_WRITTEN = {"USD": "dollar", "GBP": "pound", "EUR": "euro", "JPY": "yen"}  # as the finder names them
_VIDEO_LINES = frozenset((240.0, 360.0, 480.0, 576.0, 720.0, 1080.0, 1440.0, 2160.0, 4320.0))
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
    if suf == "p" and currency is None and not pre and value not in _VIDEO_LINES:
        return Glued(value, None, "penny", approx, sign)  # "down 68p"; "1080p" is a video format
    if suf == "m" and money:
        return Glued(value * 1e6, None, currency, approx, sign)  # "$5.4m"
    # a plural "s" only after a word-length unit: "2018s", "Model 3s" and "5s" are not seconds
    unit = _CASED.get(m.group("suf")) or UNITS.get(suf) or (UNITS.get(suf[:-1]) if len(suf) > 3 and suf.endswith("s") else None)
    unit = unit if currency is None and suf not in _NOT_GLUED else None
    return Glued(value, unit, currency, approx, sign) if unit else None


def _word_unit(word: str) -> str | None:
    """A unit name for one written word: "miles" → "mile", "km" → "kilometre", "miles-" → "mile"."""
    # a dash the tokenizer left on the word ("287 miles- and") is punctuation, not part of the unit
    w = word.lower().strip("-–—") or word.lower()
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
    found = _slash_unit(doc, j, hi) or _two_word_unit(doc, j, hi) or _cased_unit(doc, j, hi)
    if found is None and engine_power(doc, j, hi):
        found = ("metric horsepower", j + 1)
    if found is None:
        unit = _word_unit(tok.text)
        if unit is None or (tok.lower_ in _GLUED_ONLY and not _symbol_case(tok.text)):
            return None
        if tok.text in _QUOTE_MARKS and not tok.whitespace_ and j + 1 < len(doc) and doc[j + 1].is_alpha:
            return None  # '24 mln "A" shares': a quote mark glued to the next word opens a quotation
        found = (unit, j + 1)
    unit, end = found
    if unit == "degree" and end < hi and doc[end].lower_ in _TEMPERATURE_AFTER:
        unit, end = _TEMPERATURE_AFTER[doc[end].lower_], end + 1
    if prefix:
        unit = f"{prefix} {unit}"
    if " per " not in unit and (rate := per_unit(doc, end, hi)):
        unit, end = f"{unit} per {rate[0]}", rate[1]
    return unit, end


def _slash_unit(doc: Doc, j: int, hi: int) -> tuple[str, int] | None:
    """"A/cm2", "km/hr", "g/km": a unit over a unit, written with a glued slash, is a rate."""
    if j + 2 >= hi or doc[j + 1].text != "/" or doc[j].whitespace_ or doc[j + 1].whitespace_:
        return None
    first = _SLASH_ONLY.get(doc[j].text) or _word_unit(doc[j].text)
    second = _SLASH_ONLY.get(doc[j + 2].text) or _word_unit(doc[j + 2].text)
    return (f"{first} per {second}", j + 3) if first and second else None


def per_unit(doc: Doc, k: int, hi: int) -> tuple[str, int] | None:
    """" per hour", "/hr" right after a unit (token k): the second unit of a rate and where it ends."""
    if k + 1 >= hi or doc[k].lower_ not in ("per", "/") or (per := _word_unit(doc[k + 1].text)) is None:
        return None
    symbol = doc[k + 1].text
    if symbol.lower() in _GLUED_ONLY and not _symbol_case(symbol):
        return None  # "5 per m" is no rate, as "5 m" is no length: a one-letter symbol needs its case
    return per, k + 2


_ENGINE_WINDOW = 20  # tokens either side of "PS" that may name the engine


def engine_power(doc: Doc, j: int, hi: int) -> bool:
    """"300 PS": the capitals PS after a number are metric horsepower when the words around are about
    an engine's power or the figure stands in brackets beside hp/kW ("220 hp (223 PS)")."""
    if doc[j].text != "PS":
        return False
    return any(t.lower_ in _ENGINE_WORDS for t in doc[max(0, j - _ENGINE_WINDOW):min(hi, j + _ENGINE_WINDOW)])


def _two_word_unit(doc: Doc, j: int, hi: int) -> tuple[str, int] | None:
    """A unit of two words, joined by a hyphen ("pound-feet", "lb-ft", which the tokenizer splits)
    or by a space ("basis points"); read first so that the "pound" of "275 pound-feet" is not
    taken for money."""
    if j + 1 < hi and (unit := _word_unit(f"{doc[j].lower_} {doc[j + 1].lower_}")):
        return unit, j + 2
    if j + 2 >= hi or doc[j + 1].text not in ("-", "‐", "–") or doc[j].whitespace_ or doc[j + 1].whitespace_:
        return None
    unit = UNITS.get(f"{doc[j].lower_}-{doc[j + 2].lower_}")
    return (unit, j + 3) if unit else None


def _cased_unit(doc: Doc, j: int, hi: int) -> tuple[str, int] | None:
    """A symbol whose case decides what it is ("450 Nm", "12 C"), or a symbol that ends the sentence
    with its full stop attached ("$80 per sq m.")."""
    text = doc[j].text
    if text in _CASED:
        return _CASED[text], j + 1
    if text.endswith(".") and len(text) > 1 and (j + 1 == hi or doc[j + 1].is_punct):
        bare = text[:-1]
        unit = _word_unit(bare)
        if unit and (bare.lower() not in _GLUED_ONLY or _symbol_case(bare)):
            return unit, j + 1
    return None


def _symbol_case(text: str) -> bool:
    """One-letter and short symbols are units in their usual case: "W", "V", "m", "s", "h", "″"."""
    return text in ("W", "V", "m", "s", "h", "g", "t", "l", "L", "″", '"', "′", "°", "ha", "mi")


def is_calibre_unit(unit: str | None) -> bool:
    """Millimetres, centimetres and inches, which name a calibre when they describe a weapon."""
    return unit in CALIBRE


def currency_after(word: str) -> str | None:
    """The money named by a symbol or subunit written after a number: "p" → "penny", "kn" → "kuna"."""
    return _CURRENCY_AFTER_SYMBOL.get(word.lower())


@lru_cache(maxsize=1)
def _iso_names() -> dict[str, str]:
    """ISO 4217 currency names lower-cased, by code ("HKD" → "hong kong dollar"), from pycountry."""
    import pycountry  # loaded on first use: most text names no foreign currency

    return {c.alpha_3: c.name.lower() for c in pycountry.currencies}


@lru_cache(maxsize=1)
def _currency_words() -> frozenset[str]:
    """The last words of the ISO currency names: "dollar", "krone", "peso", "rand", "dinar"."""
    return frozenset(name.split()[-1] for name in _iso_names().values())


# Words of ISO 4217 names that are not money in English prose: precious metals and fund units are
# coded there too ("gold", "account"), and some names are common words ("real", "sum", "mark", "colon").
_NOT_CURRENCY_NOUNS = frozenset(("account", "gold", "silver", "platinum", "palladium", "involved", "purposes",
                                 "mark", "sum", "real", "colon", "pound", "sol", "leone", "fomento", "oro"))


def currency_noun(lemma: str) -> bool:
    """True for the name of a currency written after a number: "pesos", "dinars", "baht", "zloty"."""
    return lemma.isalpha() and lemma in _currency_words() and lemma not in _NOT_CURRENCY_NOUNS


def iso_currency(code: str) -> str | None:
    """The currency of an ISO 4217 code written in capitals: "HKD" → "hong kong dollar", "USD" → "dollar"."""
    if len(code) != 3 or not code.isupper() or not code.isalpha() or code in _ISO_ALSO_WORDS:
        return None
    return _ISO_AS_WRITTEN.get(code) or _iso_names().get(code)


def national_currency(nationality: str, word: str) -> str | None:
    """A currency named by a nationality and a currency word: ("Danish", "crowns") → "danish krone".

    The ISO 4217 name that starts with the nationality wins ("Hong Kong", "dollars" → "hong kong
    dollar"; "Swedish", "crowns" → "swedish krona"); otherwise the two words are kept ("japanese
    yen"). None when ``word`` names no currency ("Danish", "crown prince") or the nationality is US.

    >>> national_currency("Danish", "crowns"), national_currency("Australian", "dollars")
    ('danish krone', 'australian dollar')
    """
    nat, w = " ".join(nationality.lower().split()), word.lower()
    names = _ENGLISH_CURRENCY.get(w) or tuple(n for n in (w, w.removesuffix("s")) if n in _currency_words())
    if not names or not nat:
        return None
    if nat in ("us", "u.s.", "american"):
        return "dollar" if "dollar" in names else None
    for name in names:
        if f"{nat} {name}" in _iso_names().values():
            return f"{nat} {name}"
    return f"{nat} {names[0] if w in _ENGLISH_CURRENCY else names[-1]}"


def dollar_country(doc: Doc, start: int) -> str | None:
    """The dollar named by country letters before the "$" of a number phrase starting at ``start``:
    "HK $216,925" → "hong kong dollar", "US $58" → "dollar". One-letter prefixes ("A", "C", "S")
    count only when glued to the "$", so "A $5 fee" stays a US-style dollar."""
    k = start if doc[start].text == "$" else start - 1
    if k < 1 or doc[k].text != "$":
        return None
    prefix = doc[k - 1].text
    if not prefix.isupper() or (len(prefix) == 1 and doc[k - 1].whitespace_):
        return None
    return DOLLAR_COUNTRY.get(prefix.lower())


def nationality_before(doc: Doc, lo: int, head: int) -> str:
    """The nationality or place written right before a currency word: "Australian" in "10.5 million
    Australian dollars", "Hong Kong" in "Hong Kong dollars"; "" when there is none."""
    k = head
    while k > lo and (doc[k - 1].ent_type_ in ("NORP", "GPE") or (doc[k - 1].tag_ == "JJ" and doc[k - 1].is_title)):
        k -= 1
    return doc[k:head].text

