"""Word lists for quantity extraction: qualifiers, counted nouns and their categories, non-counts.

Kept apart from the rules in :mod:`lib.quantities` so an analyst can extend a lexicon without
reading the matching code. Every entry is lower case; nouns are given as spaCy lemmas.
"""

from __future__ import annotations

# Qualifier phrases that stand right before the number, longest match wins.
QUALIFIER_PHRASES: dict[str, str] = {
    "as many as": "up_to", "as much as": "up_to", "up to": "up_to", "no more than": "up_to",
    "not more than": "up_to", "a maximum of": "up_to", "at most": "up_to", "as high as": "up_to",
    "at least": "at_least", "no fewer than": "at_least", "not fewer than": "at_least",
    "no less than": "at_least", "not less than": "at_least", "a minimum of": "at_least",
    "more than": "more_than", "over": "more_than", "upward of": "more_than", "upwards of": "more_than",
    "well over": "more_than", "just over": "more_than", "above": "more_than", "well above": "more_than",
    "in excess of": "more_than", "well in excess of": "more_than", "greater than": "more_than",
    "less than": "less_than", "fewer than": "less_than", "under": "less_than", "below": "less_than",
    "just under": "less_than", "well under": "less_than", "just below": "less_than",
    "about": "approx", "around": "approx", "roughly": "approx", "some": "approx", "nearly": "approx",
    "almost": "approx", "approximately": "approx", "an estimated": "approx", "estimated": "approx",
    "close to": "approx", "circa": "approx", "approx.": "approx", "an approximate": "approx",
}
QUALIFIER_WORDS: frozenset[str] = frozenset(w for phrase in QUALIFIER_PHRASES for w in phrase.split())
# Verbs (and the adverbs "up"/"down") whose object or "by" phrase is the size of a change.
CHANGE_VERBS: dict[str, str] = {
    **dict.fromkeys((
        "rise", "increase", "grow", "gain", "climb", "jump", "surge", "soar", "advance", "add", "rally",
        "boost", "raise", "lift", "hike", "rebound", "expand", "accelerate", "up", "widen", "swell",
        "spike", "leap", "rocket", "improve", "strengthen", "appreciate", "higher",
    ), "up"),
    **dict.fromkeys((
        "fall", "drop", "decline", "decrease", "slide", "slip", "plunge", "plummet", "sink", "tumble",
        "lose", "shed", "dip", "ease", "cut", "reduce", "lower", "shrink", "slump", "retreat", "contract",
        "down", "crash", "dive", "weaken", "narrow", "depreciate", "sag", "skid", "trim", "lower",
    ), "down"),
}
# Qualifiers written after the number ("1,000 troops or more").
POST_QUALIFIERS: dict[str, str] = {"or more": "at_least", "or so": "approx", "plus": "at_least"}
# A specification's limit written after the unit: "five pc max fibre", "11.5 pct minimum protein".
# Only read right after a unit: after a bare number, "min" may be minutes and "max" a name.
SPEC_QUALIFIERS: dict[str, str] = {"max": "up_to", "maximum": "up_to", "min": "at_least", "minimum": "at_least"}

# Counted noun (lemma) → category. Modifiers are looked up too ("tanker visits" → ships).
CATEGORY_WORDS: dict[str, str] = {
    **dict.fromkeys((
        "troop", "soldier", "personnel", "serviceman", "servicemen", "marine", "sapper", "deminer",
        "builder", "reinforcement", "brigade", "battalion", "regiment", "division", "mercenary",
        "conscript", "commando", "paratrooper", "infantryman", "fighter", "force", "recruit",
        "special", "guard", "officer", "sniper",
    ), "troops"),
    **dict.fromkeys((
        "casualty", "death", "dead", "fatality", "killed", "wounded", "injured", "prisoner",
        "captive", "pow", "victim", "body",
    ), "casualties"),
    **dict.fromkeys(("missile", "rocket", "icbm", "srbm", "irbm", "warhead", "cruise"), "missiles"),
    **dict.fromkeys((
        "aircraft", "drone", "jet", "plane", "warplane", "airplane", "helicopter", "bomber", "uav",
        "fighter jet", "shahed",
    ), "aircraft"),
    **dict.fromkeys((
        "ship", "vessel", "tanker", "boat", "warship", "frigate", "submarine", "freighter",
        "destroyer", "corvette", "barge", "carrier",
    ), "ships"),
    **dict.fromkeys(("tank", "vehicle", "truck", "lorry", "apc", "car", "jeep", "bus"), "vehicles"),
    **dict.fromkeys((
        "artillery", "howitzer", "launcher", "cannon", "mortar", "mlrs", "gun",
    ), "artillery"),
    **dict.fromkeys((
        "shell", "round", "munition", "ammunition", "bullet", "cartridge", "ammo", "projectile",
    ), "ammunition"),
    **dict.fromkeys(("container",), "containers"),
    **dict.fromkeys((
        "weapon", "arm", "rifle", "grenade", "mine", "bomb", "system", "firearm", "pistol",
    ), "weapons"),
    **dict.fromkeys((
        "dollar", "euro", "pound", "won", "yuan", "yen", "rouble", "ruble", "rupee", "franc",
        "sterling", "usd",
    ), "money"),
    **dict.fromkeys(("barrel", "oil", "petroleum", "fuel", "diesel", "gasoline", "crude", "bpd"), "oil"),
}
# Nouns that measure or package something else: the category comes from their "of" phrase.
MEASURE_NOUNS: frozenset[str] = frozenset((
    "set", "round", "container", "barrel", "shipment", "consignment", "batch", "load", "piece",
    "unit", "crate", "box", "wagon", "carload", "truckload", "trainload", "shipload", "lot", "ton",
    "tonne", "element", "cargo", "kind", "type", "sort", "worth", "stockpile", "delivery",
))
# Events counted by the thing that makes them ("43 visits" by tankers): look at the governor.
EVENT_NOUNS: frozenset[str] = frozenset(("visit", "call", "voyage", "trip", "sortie", "transit"))
# Counted heads whose category is decided by what happens to them ("300 soldiers were killed").
PERSON_NOUNS: frozenset[str] = frozenset((
    "troop", "soldier", "people", "person", "civilian", "worker", "man", "woman", "child", "fighter",
    "serviceman", "personnel", "sailor", "crew", "resident", "citizen", "marine", "sapper", "deminer",
    "officer", "conscript", "mercenary", "reinforcement", "member", "pilot", "guard", "other",
))
CASUALTY_VERBS: dict[str, str] = {
    "kill": "killed", "die": "killed", "perish": "killed", "execute": "killed", "slay": "killed",
    "wound": "wounded", "injure": "wounded", "hurt": "wounded", "maim": "wounded",
    "capture": "prisoner", "detain": "prisoner", "imprison": "prisoner",
}
# Adjectives that are part of what is counted ("ballistic missiles"), unlike "North Korean".
CLASSIFIER_ADJ: frozenset[str] = frozenset((
    "ballistic", "cruise", "nuclear", "special", "military", "armoured", "armored", "naval",
    "anti-tank", "anti-aircraft", "heavy", "light", "short-range", "long-range", "hypersonic",
    "surface-to-air", "air-to-air", "chemical", "artillery",
))
# Nouns naming members of a group; counted in a sentence about a vote they are a tally.
MEMBER_NOUNS: frozenset[str] = frozenset((
    "member", "country", "nation", "state", "vote", "ally", "delegation", "government", "seat",
))
# Members of a group, counted: "the 11 countries", "10 allies", "two sides". They say how large a
# group is, not how much of something was reported, so the product leaves them out (the modern_dev
# gold lists them as non-quantities); benchmarks that count them ask for them.
GROUP_MEMBER_NOUNS: frozenset[str] = frozenset((
    "country", "nation", "state", "ally", "member", "side", "party", "government", "delegation",
    "partner", "signatory",
))
TIME_UNITS: frozenset[str] = frozenset((
    "second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "century",
    "night", "weekend", "yr", "hr", "min", "sec",
))
# Days named relative to the writing, which the tagger may read as nouns after a number ("34.23 today").
DAY_WORDS: frozenset[str] = frozenset(("today", "tonight", "yesterday", "tomorrow"))
# Adverbs that make "a year" a point in time ("a year earlier"), not the period of a rate ("a year").
TIME_REFERENCE_ADVERBS: frozenset[str] = frozenset(("earlier", "ago", "before", "later", "prior", "previously"))
# Adverbs that give a change its direction when the verb names none: "revised upward by 0.3 points".
DIRECTION_ADVERBS: dict[str, str] = {"upward": "up", "upwards": "up", "downward": "down", "downwards": "down"}
MONTHS: frozenset[str] = frozenset((
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "jan.", "feb", "feb.", "mar", "mar.", "apr", "apr.", "jun", "jun.",
    "jul", "jul.", "aug", "aug.", "sep", "sep.", "sept", "sept.", "oct", "oct.", "nov", "nov.",
    "dec", "dec.",
))
# Words after which a number names a thing rather than counting it ("resolution 2231").
DESIGNATORS: frozenset[str] = frozenset((
    "resolution", "resolutions", "article", "articles", "section", "chapter", "paragraph", "page",
    "pages", "no", "no.", "nos.", "number", "flight", "route", "highway", "type", "model", "mark",
    "mk", "version", "vol", "vol.", "volume", "issue", "phase", "block", "room", "gate", "platform",
    "unit", "division", "pier", "berth", "line", "channel", "apollo", "level", "stage", "round",
    "aged", "age", "ages", "category", "row", "ward", "district", "zone", "sector", "exit", "building", "tier", "grade",
))
CALIBRE_UNITS: frozenset[str] = frozenset(("mm", "cm", "calibre", "caliber", "in.", "inch", "-mm"))
TIME_OF_DAY: frozenset[str] = frozenset(("am", "pm", "a.m.", "p.m.", "gmt", "utc", "hrs", "o'clock", "h"))
CURRENCY_AFTER: dict[str, str] = {
    "dlrs": "dollar", "dlr": "dollar",
    "dollar": "dollar", "dollars": "dollar", "euro": "euro", "euros": "euro", "pound": "pound",
    "pounds": "pound", "won": "won", "yuan": "yuan", "yen": "yen", "roubles": "rouble",
    "rubles": "rouble", "rouble": "rouble", "ruble": "rouble", "usd": "dollar", "marks": "mark",
    "francs": "franc", "guilders": "guilder", "lire": "lira", "rupees": "rupee", "riyals": "riyal",
}
CURRENCY_BEFORE: dict[str, str] = {
    "$": "dollar", "us$": "dollar", "usd": "dollar", "€": "euro", "eur": "euro", "£": "pound",
    "gbp": "pound", "¥": "yen", "₩": "won", "₽": "rouble", "₹": "rupee",
}
PERCENT_WORDS: tuple[tuple[str, ...], ...] = (("%",), ("percent",), ("per", "cent"), ("pct",), ("pc",))
CUMULATIVE_CUES: tuple[str, ...] = (
    "since", "so far", "in total", "to date", "in all", "altogether", "a total of", "the total",
    "thus far", "cumulative", "all told",
)
VOTE_LEMMAS: frozenset[str] = frozenset(("vote", "abstain", "veto", "ballot"))
ENTITY_LABELS_NOT_COUNTS: frozenset[str] = frozenset((
    "ORG", "PRODUCT", "LAW", "WORK_OF_ART", "EVENT", "FAC", "PERSON", "GPE", "LOC", "NORP", "TIME",
))
# Words that end a counted noun phrase: "1.8 billion last year" counts no year.
NP_STOP_WORDS: frozenset[str] = frozenset((
    "last", "next", "previous", "past", "coming", "following", "same", "this", "that", "each", "per",
))
# Measures written as adjectives before the noun they describe ("a 200,000 dwt vessel").
MEASURE_ADJECTIVES: frozenset[str] = frozenset((
    "dwt", "dlr", "dollar", "ton", "tonne", "mile", "km", "kilometre", "kilometer", "metre", "meter",
    "kg", "kilogram", "litre", "liter", "gallon", "foot", "yard", "acre", "hectare", "megawatt", "mw",
    "kw", "kilowatt", "barrel", "euro", "pound", "yen", "yuan",
))
