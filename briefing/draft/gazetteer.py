# ruff: noqa: E501  (the table keeps one country per line)
"""A small curated gazetteer: countries and blocs, their demonyms, capitals and leaders.

Package gazetteers miss demonyms ("French"), common names ("Russia") and
capitals used for governments ("Moscow warned"), so the table is kept here.
Leaders are those the bundled articles name; extend as needed.
"""

from __future__ import annotations

from dataclasses import dataclass

# name | aliases (names, demonyms, adjectives) | capitals (government when a subject) | leaders
_TABLE = """\
Afghanistan|Afghan,Afghans|Kabul|
Argentina|Argentine,Argentinian|Buenos Aires|
Australia|Australian,Australians|Canberra|
Austria|Austrian|Vienna|
Baltic states|Baltic,Baltics,Baltic states||
Belarus|Belarusian|Minsk|Alexander Lukashenko,Lukashenko
Belgium|Belgian||
Brazil|Brazilian|Brasília|
Bulgaria|Bulgarian|Sofia|
Canada|Canadian,Canadians|Ottawa|Justin Trudeau,Trudeau
China|Chinese,PRC|Beijing|Xi Jinping,Xi
Croatia|Croatian|Zagreb|
Czech Republic|Czech,Czechia,Czechs|Prague|
Denmark|Danish,Danes|Copenhagen|
Egypt|Egyptian|Cairo|
Estonia|Estonian|Tallinn|
European Union|EU,E.U.,European Union,European Commission|Brussels|Ursula von der Leyen,von der Leyen
Finland|Finnish,Finns|Helsinki|
France|French,Frenchman|Paris,Élysée|Emmanuel Macron,Macron
Georgia|Georgian|Tbilisi|
Germany|German,Germans|Berlin|Olaf Scholz,Scholz,Friedrich Merz,Merz
Greece|Greek,Greeks|Athens|Kyriakos Mitsotakis,Mitsotakis
Hungary|Hungarian,Hungarians|Budapest|Viktor Orbán,Orbán,Orban
India|Indian,Indians|New Delhi|Narendra Modi,Modi
Iran|Iranian,Iranians|Tehran|
Iraq|Iraqi,Iraqis|Baghdad|
Ireland|Irish|Dublin|
Israel|Israeli,Israelis|Jerusalem|
Italy|Italian,Italians|Rome|Giorgia Meloni,Meloni
Japan|Japanese|Tokyo|
Latvia|Latvian|Riga|
Lithuania|Lithuanian|Vilnius|
Mexico|Mexican,Mexicans|Mexico City|
Moldova|Moldovan|Chișinău,Chisinau|
NATO|NATO,North Atlantic Treaty Organization||Jens Stoltenberg,Stoltenberg,Mark Rutte,Rutte
Netherlands|Dutch,Netherlands|The Hague,Amsterdam|
North Korea|North Korean,Pyongyang,DPRK|Pyongyang|Kim Jong Un
Norway|Norwegian,Norwegians|Oslo|
Pakistan|Pakistani|Islamabad|
Poland|Polish,Poles|Warsaw|Donald Tusk,Tusk,Andrzej Duda,Duda
Portugal|Portuguese|Lisbon|
Romania|Romanian,Romanians|Bucharest|
Russia|Russian,Russians,Russian Federation,Kremlin|Moscow|Vladimir Putin,Putin,Maria Zakharova,Zakharova,Sergei Lavrov,Lavrov
Saudi Arabia|Saudi,Saudis|Riyadh|
Serbia|Serbian,Serbs|Belgrade|
Slovakia|Slovak,Slovakian|Bratislava|
South Africa|South African|Pretoria|
South Korea|South Korean,Korean|Seoul|
Spain|Spanish,Spaniards|Madrid|
Sweden|Swedish,Swedes|Stockholm|
Switzerland|Swiss|Bern|
Syria|Syrian,Syrians|Damascus|
Taiwan|Taiwanese|Taipei|
Turkey|Turkish,Türkiye,Turks|Ankara|Recep Tayyip Erdoğan,Erdoğan,Erdogan
Ukraine|Ukrainian,Ukrainians|Kyiv,Kiev|Volodymyr Zelenskyy,Zelenskyy,Zelensky,Zelenskiy
United Kingdom|British,Britain,Great Britain,UK,U.K.,Britons,English|London,Downing Street|Keir Starmer,Starmer,Rishi Sunak,Sunak,Boris Johnson
United Nations|UN,U.N.,United Nations|New York|António Guterres,Guterres
United States|American,Americans,US,U.S.,USA,U.S.A.,America,United States|Washington,White House|Donald Trump,Trump,Joe Biden,Biden,Steve Witkoff,Witkoff,Kamala Harris
"""


@dataclass(frozen=True)
class Country:
    """An actor a reaction row can name: a country, or a bloc such as NATO."""

    name: str
    aliases: tuple[str, ...]
    capitals: tuple[str, ...]
    leaders: tuple[str, ...]


def _load() -> tuple[Country, ...]:
    out = []
    for line in _TABLE.splitlines():
        name, aliases, capitals, leaders = line.split("|")
        split = lambda s: tuple(x for x in s.split(",") if x)  # noqa: E731
        out.append(Country(name, (name, *split(aliases)), split(capitals), split(leaders)))
    return tuple(out)


COUNTRIES: tuple[Country, ...] = _load()
_PLACE_WORDS = frozenset(
    w
    for c in COUNTRIES
    for phrase in (*c.aliases, *c.capitals)
    for w in phrase.replace(".", " ").split()
    if w[:1].isupper() and w not in {"The", "New", "North", "South", "United", "Great", "Republic"}
) | frozenset({"Europe", "European", "Europeans", "Western", "Eastern", "Africa", "Asia", "Kharkiv"})


def is_place_word(word: str) -> bool:
    """True for a word that names (part of) a country, bloc, demonym or capital."""
    return word in _PLACE_WORDS
