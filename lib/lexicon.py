"""Word lists and alias tables behind lib.actors and lib.relations (data only, no logic).

Keys of the alias tables are lower-cased surface forms without a leading "the"; values are ISO 3166
alpha-3 codes (states) or keys of :data:`ORGS`. pycountry covers every other official/common name.
"""

from __future__ import annotations

# Capitals used as metonyms, demonyms, short and historic forms. pycountry answers the rest.
STATE_ALIASES: dict[str, str] = {
    # North Korea
    "north korea": "PRK", "dprk": "PRK", "pyongyang": "PRK", "north korean": "PRK", "north koreans": "PRK",
    "n. korea": "PRK", "n.korea": "PRK", "democratic people's republic of korea": "PRK",
    # South Korea
    "south korea": "KOR", "seoul": "KOR", "south korean": "KOR", "south koreans": "KOR", "rok": "KOR",
    "republic of korea": "KOR", "s. korea": "KOR",
    # Russia and the Soviet Union
    "russia": "RUS", "moscow": "RUS", "kremlin": "RUS", "russian": "RUS", "russians": "RUS",
    "russian federation": "RUS",
    "soviet union": "SUN", "ussr": "SUN", "u.s.s.r.": "SUN", "soviet": "SUN", "soviets": "SUN",
    # United States
    "united states": "USA", "us": "USA", "u.s.": "USA", "u.s": "USA", "usa": "USA", "america": "USA",
    "american": "USA", "americans": "USA", "washington": "USA", "white house": "USA", "pentagon": "USA",
    "united states of america": "USA",
    # Ukraine
    "ukraine": "UKR", "kyiv": "UKR", "kiev": "UKR", "ukrainian": "UKR", "ukrainians": "UKR",
    # others often met as metonyms or demonyms
    "iran": "IRN", "tehran": "IRN", "iranian": "IRN", "iranians": "IRN",
    "china": "CHN", "beijing": "CHN", "chinese": "CHN", "prc": "CHN",
    "japan": "JPN", "tokyo": "JPN", "japanese": "JPN",
    "uk": "GBR", "u.k.": "GBR", "britain": "GBR", "great britain": "GBR", "british": "GBR",
    "united kingdom": "GBR", "london": "GBR", "downing street": "GBR",
    "france": "FRA", "paris": "FRA", "french": "FRA", "elysee": "FRA",
    "germany": "DEU", "berlin": "DEU", "german": "DEU", "west germany": "DEU", "bonn": "DEU",
    "east germany": "DDR", "east german": "DDR",
    "italy": "ITA", "rome": "ITA", "italian": "ITA",
    "canada": "CAN", "ottawa": "CAN", "canadian": "CAN",
    "australia": "AUS", "canberra": "AUS", "australian": "AUS",
    "new zealand": "NZL", "wellington": "NZL",
    "netherlands": "NLD", "the hague": "NLD", "dutch": "NLD", "holland": "NLD",
    "poland": "POL", "warsaw": "POL", "polish": "POL",
    "israel": "ISR", "israeli": "ISR", "jerusalem": "ISR",
    "syria": "SYR", "damascus": "SYR", "syrian": "SYR",
    "iraq": "IRQ", "baghdad": "IRQ", "iraqi": "IRQ",
    "belarus": "BLR", "minsk": "BLR", "belarusian": "BLR",
    "turkey": "TUR", "ankara": "TUR", "turkish": "TUR",
    "india": "IND", "new delhi": "IND", "indian": "IND",
    "pakistan": "PAK", "islamabad": "PAK", "pakistani": "PAK",
    "vietnam": "VNM", "hanoi": "VNM", "vietnamese": "VNM",
    "taiwan": "TWN", "taipei": "TWN", "taiwanese": "TWN",
    "saudi arabia": "SAU", "riyadh": "SAU", "saudi": "SAU",
    "egypt": "EGY", "cairo": "EGY", "egyptian": "EGY",
    "mongolia": "MNG", "ulaanbaatar": "MNG",
    "georgia": "GEO", "tbilisi": "GEO",
    "kazakhstan": "KAZ", "astana": "KAZ",
    "venezuela": "VEN", "caracas": "VEN", "cuba": "CUB", "havana": "CUB", "cuban": "CUB",
    "afghanistan": "AFG", "kabul": "AFG", "afghan": "AFG",
    "libya": "LBY", "tripoli": "LBY", "libyan": "LBY",
    "nicaragua": "NIC", "managua": "NIC", "nicaraguan": "NIC",
    "brazil": "BRA", "brasilia": "BRA", "brazilian": "BRA",
    "mexico": "MEX", "mexican": "MEX", "argentina": "ARG", "argentine": "ARG",
    "spain": "ESP", "madrid": "ESP", "spanish": "ESP",
    "sweden": "SWE", "stockholm": "SWE", "swedish": "SWE",
    "finland": "FIN", "helsinki": "FIN", "finnish": "FIN",
    "norway": "NOR", "oslo": "NOR", "norwegian": "NOR",
    "switzerland": "CHE", "swiss": "CHE", "belgian": "BEL",
    "kuwait": "KWT", "kuwaiti": "KWT", "peking": "CHN", "south africa": "ZAF", "south african": "ZAF",
    "pretoria": "ZAF", "iraqis": "IRQ",
    "laos": "LAO", "moldova": "MDA", "bolivia": "BOL", "tanzania": "TZA",
}

# Forms that name the state adjectivally ("Ukrainian cities", "Russian-flagged").
DEMONYMS: frozenset[str] = frozenset({
    "north korean", "south korean", "russian", "soviet", "american", "ukrainian", "iranian", "chinese",
    "japanese", "british", "french", "german", "east german", "italian", "canadian", "australian", "dutch",
    "polish", "israeli", "syrian", "iraqi", "belarusian", "turkish", "indian", "pakistani", "vietnamese",
    "taiwanese", "saudi", "egyptian", "cuban", "afghan", "libyan", "nicaraguan", "brazilian", "mexican",
    "argentine", "spanish", "swedish", "finnish", "norwegian", "swiss", "kuwaiti", "south african",
})

# Metonyms that name the Soviet Union in a story that mentions it (1987 wire: "Moscow" is not Russia).
SOVIET_METONYMS: frozenset[str] = frozenset({"moscow", "kremlin", "russian", "russians"})

# Display names where pycountry's official short name reads badly in a chart.
DISPLAY_NAMES: dict[str, str] = {
    "PRK": "North Korea", "KOR": "South Korea", "RUS": "Russia", "IRN": "Iran", "SYR": "Syria",
    "VNM": "Vietnam", "TWN": "Taiwan", "GBR": "United Kingdom", "USA": "United States", "SUN": "Soviet Union",
    "DDR": "East Germany", "BOL": "Bolivia", "VEN": "Venezuela", "LAO": "Laos", "MDA": "Moldova",
    "TZA": "Tanzania",
}

MSMT_MEMBERS: tuple[str, ...] = ("USA", "AUS", "CAN", "FRA", "DEU", "ITA", "JPN", "NLD", "NZL", "KOR", "GBR")

# Organisations and groups: canonical id -> (display name, kind, country, members).
ORGS: dict[str, tuple[str, str, str | None, tuple[str, ...]]] = {
    "Multilateral Sanctions Monitoring Team": ("MSMT", "group", None, MSMT_MEMBERS),
    "United Nations": ("United Nations", "org", None, ()),
    "UN Security Council": ("UN Security Council", "org", None, ()),
    "UN panel of experts": ("UN panel of experts", "org", None, ()),
    "NATO": ("NATO", "org", None, ()),
    "European Union": ("European Union", "org", None, ()),
    "IAEA": ("IAEA", "org", None, ()),
    "KCNA": ("KCNA", "org", "PRK", ()),
    "National Intelligence Service": ("National Intelligence Service", "org", "KOR", ()),
    "Joint Chiefs of Staff": ("Joint Chiefs of Staff", "org", None, ()),
    "G7": ("G7", "group", None, ("USA", "JPN", "DEU", "GBR", "FRA", "ITA", "CAN")),
    # State news agencies and armed bodies speak and act for their state.
    "IRNA": ("IRNA", "org", "IRN", ()),
    "INA": ("INA", "org", "IRQ", ()),
    "KUNA": ("KUNA", "org", "KWT", ()),
    "Xinhua": ("Xinhua", "org", "CHN", ()),
    "Revolutionary Guards": ("Revolutionary Guards", "org", "IRN", ()),
    "OPEC": ("OPEC", "group", None, ()),
}

# Surface forms (lower-case, no leading "the") -> ORGS key.
ORG_ALIASES: dict[str, str] = {
    "multilateral sanctions monitoring team": "Multilateral Sanctions Monitoring Team",
    "msmt": "Multilateral Sanctions Monitoring Team",
    "un": "United Nations", "u.n.": "United Nations", "united nations": "United Nations",
    "un security council": "UN Security Council", "u.n. security council": "UN Security Council",
    "security council": "UN Security Council", "united nations security council": "UN Security Council",
    "un panel of experts": "UN panel of experts", "panel of experts": "UN panel of experts",
    "nato": "NATO", "north atlantic treaty organization": "NATO",
    "eu": "European Union", "european union": "European Union", "brussels": "European Union",
    "iaea": "IAEA", "international atomic energy agency": "IAEA",
    "kcna": "KCNA", "korean central news agency": "KCNA",
    "nis": "National Intelligence Service", "national intelligence service": "National Intelligence Service",
    "g7": "G7", "group of seven": "G7", "opec": "OPEC",
    "irna": "IRNA", "islamic republic news agency": "IRNA", "ina": "INA", "iraqi news agency": "INA",
    "kuna": "KUNA", "kuwait news agency": "KUNA", "xinhua": "Xinhua", "new china news agency": "Xinhua",
    "revolutionary guards": "Revolutionary Guards", "revolutionary guard": "Revolutionary Guards",
    "islamic revolutionary guard corps": "Revolutionary Guards", "irgc": "Revolutionary Guards",
}

# Phrases the ruler must tag although NER misses them (exact case; "the"-forms in both cases).
RULER_PHRASES: dict[str, tuple[str, ...]] = {
    "GPE": ("Pyongyang", "Kyiv", "Kiev", "Zaporizhzhia", "Kharkiv", "Odesa", "Seoul", "Tehran", "Moscow",
            "Washington", "Beijing", "Tokyo", "DPRK", "North Korea", "South Korea", "the North",
            "the Kremlin", "the White House", "the Pentagon", "the Soviet Union", "USSR", "U.S.", "US", "UK",
            "the United States", "Ukraine", "Russia"),
    "NORP": ("North Korean", "South Korean", "Russian", "Ukrainian", "Soviet", "Iranian"),
    "ORG": ("MSMT", "the Multilateral Sanctions Monitoring Team", "Multilateral Sanctions Monitoring Team",
            "UN Security Council", "the UN Security Council", "U.N. Security Council", "the Security Council",
            "UN panel of experts", "the UN panel of experts", "a UN panel of experts", "NATO", "KCNA", "IAEA",
            "NIS", "the National Intelligence Service", "EU", "the European Union"),
}

# Well-known office holders: name -> country (a person's state where the text does not say it).
KNOWN_PEOPLE: dict[str, str] = {
    "Vladimir Putin": "RUS", "Kim Jong Un": "PRK", "Kim Yo Jong": "PRK", "Volodymyr Zelensky": "UKR",
    "Volodymyr Zelenskiy": "UKR", "Donald Trump": "USA", "Joe Biden": "USA", "Antony Blinken": "USA",
    "Xi Jinping": "CHN", "Sergei Lavrov": "RUS", "Sergey Lavrov": "RUS", "Sergei Shoigu": "RUS",
    "Andrei Belousov": "RUS", "Valery Gerasimov": "RUS", "Dmitry Peskov": "RUS", "Vasily Nebenzia": "RUS",
    "Shin Won-sik": "KOR", "Yoon Suk Yeol": "KOR", "Lee Jae-myung": "KOR", "Abbas Araghchi": "IRN",
    "Choe Son Hui": "PRK", "Mikhail Gorbachev": "SUN", "Ronald Reagan": "USA", "Benjamin Netanyahu": "ISR",
    "Fumio Kishida": "JPN", "Keir Starmer": "GBR", "Rishi Sunak": "GBR", "Emmanuel Macron": "FRA",
    "Olaf Scholz": "DEU", "Lloyd Austin": "USA", "Marco Rubio": "USA", "Pete Hegseth": "USA",
}

# Titles and office words that may stand between a nationality and a name.
TITLE_WORDS: frozenset[str] = frozenset({
    "president", "leader", "minister", "defence", "defense", "foreign", "interior", "prime", "vice", "deputy",
    "secretary", "state", "of", "chief", "general", "ambassador", "envoy", "spokesman", "spokeswoman",
    "spokesperson", "public", "security", "supreme", "commander", "chairman", "premier", "first", "lady",
    "un", "u.n.", "official", "officials", "senator", "sen.", "gen.", "adm.", "admiral", "colonel", "lt.",
    "army", "navy", "staff", "head", "director", "national", "intelligence", "agency", "'s", "’s", "former",
    "top", "diplomat", "economy", "finance", "trade", "industry", "energy", "-", "governor", "mayor",
    "sir", "lord", "dame", "mr.", "mrs.", "ms.", "dr.", "speaker", "parliamentary", "parliament", "oil",
    "hojatoleslam", "ayatollah", "commentator", "negotiator", "arms", "control", "undersecretary",
})

# Entity strings that are never actors (bare titles, credits, mis-tagged words).
JUNK: frozenset[str] = frozenset({
    "interior", "defence", "defense", "foreign", "president", "minister", "ap", "afp", "reuters", "sputnik",
    "getty", "getty images", "epa", "yonhap", "tass", "pool", "north", "south", "west", "east", "western",
    "eastern", "daily8", "ai", "related articles", "comments",
})
PHOTO_AGENCIES: frozenset[str] = frozenset({"ap", "afp", "reuters", "sputnik", "epa", "getty", "yonhap", "tass"})

# An ORG entity ending in one of these is a place, not an actor ("the Mansudae Assembly Hall").
FACILITY_WORDS: frozenset[str] = frozenset({
    "hall", "square", "palace", "airport", "station", "bridge", "street", "hotel", "stadium", "building",
    "port", "base", "cosmodrome", "plant", "factory", "complex", "mission",
})

# --- relations --------------------------------------------------------------------------------------

# Verb lemma -> action. "send"/"ship" become "deploy" when what is sent is people (see TROOP_NOUNS).
VERB_ACTIONS: dict[str, str] = {
    "transfer": "transfer",
    "supply": "supply", "provide": "supply", "deliver": "supply", "ship": "supply", "send": "supply",
    "export": "supply", "furnish": "supply", "funnel": "supply", "smuggle": "supply",
    "receive": "supply", "obtain": "buy", "acquire": "buy", "buy": "buy", "purchase": "buy", "import": "buy",
    "sell": "sell",
    "train": "train",
    "deploy": "deploy", "dispatch": "deploy", "station": "deploy",
    "attack": "attack", "strike": "attack", "fire": "attack", "launch": "attack", "bomb": "attack",
    "shell": "attack", "invade": "attack", "hit": "attack", "target": "attack", "shoot": "attack",
    "kill": "attack", "wound": "attack", "capture": "attack", "overrun": "attack", "destroy": "attack",
    "bombard": "attack", "inflict": "attack", "torpedo": "attack", "drop": "attack",
    "assault": "attack", "raid": "attack", "pound": "attack", "clash": "attack", "fight": "attack",
    "threaten": "threaten", "warn": "threaten",
    "sanction": "sanction", "blacklist": "sanction", "designate": "sanction", "cancel": "sanction",
    "ban": "sanction", "embargo": "sanction", "boycott": "sanction",
    "accuse": "accuse", "blame": "accuse",
    "condemn": "condemn", "denounce": "condemn", "criticize": "condemn", "criticise": "condemn",
    "slam": "condemn", "rebuke": "condemn",
    "veto": "veto", "block": "veto",
    "meet": "meet", "visit": "meet", "host": "meet", "discuss": "meet", "welcome": "meet",
    "sign": "agree", "agree": "agree",
    "help": "aid", "aid": "aid", "assist": "aid", "support": "aid", "back": "aid", "escort": "aid",
    "negotiate": "negotiate",
}
# Nouns that trigger a relation when their possessor/modifier and a preposition name both sides.
NOUN_ACTIONS: dict[str, str] = {
    "attack": "attack", "strike": "attack", "invasion": "attack", "offensive": "attack", "assault": "attack",
    "deployment": "deploy", "transfer": "transfer", "shipment": "supply", "delivery": "supply",
    "supply": "supply", "sale": "sell", "veto": "veto", "sanction": "sanction",
    "raid": "attack", "bombing": "attack", "bombardment": "attack", "shelling": "attack", "aggression": "attack",
    "supplier": "supply", "embargo": "sanction", "boycott": "sanction", "ban": "sanction", "help": "aid",
    "assistance": "aid", "talk": "meet", "summit": "meet",
}
# Verbs whose object is an attack fought off: the attack's target is the verb's subject ("Iraq said its
# troops repelled an attack by Iranian Revolutionary Guards").
DEFEND_VERBS: frozenset[str] = frozenset({"repel", "repulse", "crush", "halt", "check", "thwart", "foil", "beat"})
# Verbs that carry out a nominal attack: the attacker is their subject ("Iraqi planes launched raids on").
CARRY_OUT_VERBS: frozenset[str] = frozenset({
    "launch", "mount", "resume", "stage", "carry", "conduct", "undertake", "begin", "step", "make", "continue",
})
# The taker is the subject: the giver comes from "from X" or from the object's modifier.
TAKE_VERBS: frozenset[str] = frozenset({"receive", "obtain", "acquire", "buy", "purchase", "import"})
GIVE_ACTIONS: frozenset[str] = frozenset({"transfer", "supply", "sell", "deploy"})
TROOP_NOUNS: frozenset[str] = frozenset({
    "troop", "soldier", "personnel", "force", "sapper", "unit", "worker", "engineer", "builder", "deminer",
    "brigade", "battalion", "officer", "specialist", "mercenary", "man",
})
WEAPON_NOUNS: frozenset[str] = frozenset({
    "missile", "drone", "shell", "rocket", "round", "munition", "ammunition", "weapon", "arm", "artillery",
    "bomb", "launcher", "gun", "howitzer", "warhead", "jet", "aircraft", "ship", "vessel", "tank", "container",
})
# Which prepositions lead to the target (other side) for each action.
TARGET_PREPS: dict[str, frozenset[str]] = {
    "transfer": frozenset({"to", "into", "for"}), "supply": frozenset({"to", "into", "for"}),
    "sell": frozenset({"to"}), "deploy": frozenset({"to", "into", "in"}), "buy": frozenset({"from"}),
    "attack": frozenset({"at", "on", "against", "into", "in", "with"}),
    "threaten": frozenset({"against", "with"}), "sanction": frozenset({"on", "against", "with", "to"}),
    "meet": frozenset({"with"}), "agree": frozenset({"with", "to"}), "negotiate": frozenset({"with"}),
    "aid": frozenset({"for"}), "train": frozenset(), "accuse": frozenset(), "condemn": frozenset(),
    "veto": frozenset(),
}

# Attribution.
SAY_VERBS: frozenset[str] = frozenset({
    "say", "tell", "report", "claim", "allege", "state", "announce", "estimate", "conclude", "accuse",
    "add", "write", "argue", "insist", "believe", "assess", "note", "cite", "show", "indicate", "suggest",
    "warn", "describe", "find", "reveal", "disclose", "brief", "assert", "charge", "quote",
})
DENY_VERBS: frozenset[str] = frozenset({"deny", "reject", "dismiss", "refute", "dispute", "decline"})
CONFIRM_VERBS: frozenset[str] = frozenset({"confirm", "acknowledge", "admit", "concede"})
PLAN_VERBS: frozenset[str] = frozenset({
    "plan", "expect", "intend", "agree", "prepare", "aim", "pledge", "promise", "vow", "propose", "seek",
})
# "were available to escort", "is ready to retaliate": an adjective of readiness makes the act planned.
PLAN_ADJECTIVES: frozenset[str] = frozenset({"available", "ready", "prepared", "willing", "determined"})
FUTURE_AUX: frozenset[str] = frozenset({"will", "would", "'ll", "shall"})
# "the team said", "the report says": the subject points back to the doc's latest group/org actor.
ANAPHORIC_SOURCES: frozenset[str] = frozenset({
    "team", "report", "panel", "group", "monitor", "body", "it", "council", "committee", "organisation",
    "organization", "alliance", "bloc", "agency", "statement",
})
# "a military spokesman said", "a war communique said": a nominal source, resolved to the doc's speaker.
NOMINAL_SOURCES: frozenset[str] = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "communique", "ministry", "envoy", "ambassador",
    "minister", "command", "radio", "television", "government", "military", "diplomat", "official",
})
VIOLATE_VERBS: frozenset[str] = frozenset({"violate", "breach", "flout", "evade", "contravene"})
# Verbs whose direct object is never the attacked party ("fired an aide", "launched a body", "fought
# the sale"): their target must come through a preposition ("fired at", "launched against").
PREP_TARGET_ONLY: frozenset[str] = frozenset({"fire", "launch", "shoot", "fight", "clash", "drop"})
# Verbs that are an attack only with a weapon as object ("dropped bombs on", not "dropped its demand").
WEAPON_OBJECT_VERBS: frozenset[str] = frozenset({"drop"})
