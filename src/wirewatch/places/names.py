"""Names as English-language news writes them, where the GeoNames-derived sources fall short.

Hand-written tables: AP-style US state abbreviations, common short forms of
country names, demonyms the country data lacks, and country centres the data
gets wrong (the source gives whole-degree points; GeoNames' centre of the
United States is far from its population centre).
"""

from __future__ import annotations

# AP style and postal forms; written with their dots, matched exactly (never as a spelling key,
# where "Ky." would collide with every two-letter place).
US_STATE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.", "Cal."), "CO": ("Colo.",),
    "CT": ("Conn.",), "DE": ("Del.",), "DC": ("D.C.",), "FL": ("Fla.",), "GA": ("Ga.",), "IL": ("Ill.",),
    "IN": ("Ind.",), "KS": ("Kan.", "Kans."), "KY": ("Ky.",), "LA": ("La.",), "MD": ("Md.",),
    "MA": ("Mass.",), "MI": ("Mich.",), "MN": ("Minn.",), "MS": ("Miss.",), "MO": ("Mo.",),
    "MT": ("Mont.",), "NE": ("Neb.", "Nebr."), "NV": ("Nev.",), "NH": ("N.H.",), "NJ": ("N.J.",),
    "NM": ("N.M.", "N.Mex."), "NY": ("N.Y.",), "NC": ("N.C.",), "ND": ("N.D.", "N.Dak."),
    "OK": ("Okla.",), "OR": ("Ore.", "Oreg."), "PA": ("Pa.", "Penn.", "Penna."), "RI": ("R.I.",),
    "SC": ("S.C.",), "SD": ("S.D.", "S.Dak."), "TN": ("Tenn.",), "TX": ("Tex.",), "VT": ("Vt.",),
    "VA": ("Va.",), "WA": ("Wash.",), "WV": ("W.Va.", "W.V."), "WI": ("Wis.", "Wisc."), "WY": ("Wyo.",),
}

COUNTRY_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "U.S.A.", "US", "USA"), "GB": ("U.K.", "UK", "Britain"), "AE": ("U.A.E.", "UAE"),
    "CD": ("DRC", "D.R.C."), "KP": ("DPRK", "N. Korea"), "KR": ("ROK", "S. Korea"), "CN": ("PRC", "P.R.C."),
    "SA": ("KSA",), "TT": ("T&T",), "RU": ("USSR", "U.S.S.R."), "ZA": ("RSA",), "NZ": ("N.Z.",),
}

# Countries whose ISO subdivision codes are also the postal abbreviations news writes after a town
# ("Vancouver, BC", "Newark, NJ", "Dubbo, NSW"); matched in context only (IN, OR and ME are words).
POSTAL_COUNTRIES = ("US", "CA", "AU")

# Adjectives of the nations inside a country, resolved to that nation rather than the whole country.
NATION_DEMONYMS: dict[str, tuple[str, str]] = {
    "english": ("GB", "England"), "scottish": ("GB", "Scotland"), "welsh": ("GB", "Wales"),
    "scots": ("GB", "Scotland"), "texan": ("US", "Texas"), "californian": ("US", "California"),
    "floridian": ("US", "Florida"), "hawaiian": ("US", "Hawaii"), "alaskan": ("US", "Alaska"),
    "crimean": ("UA", "Crimea"), "sicilian": ("IT", "Sicily"), "tasmanian": ("AU", "Tasmania"),
    "quebecois": ("CA", "Quebec"), "catalan": ("ES", "Catalonia"), "bavarian": ("DE", "Bavaria"),
}

COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("United States of America", "America", "the States"),
    "GB": ("Great Britain", "United Kingdom"),
    "RU": ("Russian Federation", "Soviet Union"),
    "KR": ("South Korea", "Republic of Korea"),
    "KP": ("North Korea",),
    "CD": ("Democratic Republic of Congo", "DR Congo", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville", "Republic of Congo"),
    "CZ": ("Czech Republic",),
    "MM": ("Burma",),
    "CI": ("Ivory Coast",),
    "NL": ("Holland",),
    "VA": ("Vatican",),
    "PS": ("Palestine", "Palestinian Territories"),
}

# Continents under names news uses for them (the European Union is placed in Europe, as GeoNames-based
# corpora do); matched exactly.
CONTINENT_NAMES: dict[str, tuple[str, ...]] = {
    "EU": ("EU", "E.U.", "European Union"),
}
CONTINENT_DEMONYMS: dict[str, str] = {
    "european": "EU", "african": "AF", "asian": "AS", "north american": "NA", "south american": "SA",
}

# Demonyms and adjectives the country data lacks or gets ambiguous; lower case.
DEMONYMS: dict[str, str] = {
    "american": "US", "british": "GB", "french": "FR",
    "dutch": "NL", "german": "DE", "swiss": "CH", "irish": "IE", "chinese": "CN", "japanese": "JP",
    "korean": "KR", "south korean": "KR", "north korean": "KP", "russian": "RU", "ukrainian": "UA",
    "belarusian": "BY", "polish": "PL", "turkish": "TR", "syrian": "SY", "iraqi": "IQ", "iranian": "IR",
    "israeli": "IL", "palestinian": "PS", "saudi": "SA", "emirati": "AE", "qatari": "QA", "yemeni": "YE",
    "afghan": "AF", "pakistani": "PK", "indian": "IN", "mexican": "MX", "canadian": "CA",
    "australian": "AU", "brazilian": "BR", "spanish": "ES", "italian": "IT", "greek": "GR",
    "swedish": "SE", "danish": "DK", "norwegian": "NO", "finnish": "FI", "egyptian": "EG",
    "nigerian": "NG", "kenyan": "KE", "venezuelan": "VE", "colombian": "CO", "cuban": "CU",
    "filipino": "PH", "vietnamese": "VN", "thai": "TH", "indonesian": "ID", "lebanese": "LB",
    "jordanian": "JO", "libyan": "LY", "sudanese": "SD", "somali": "SO", "ethiopian": "ET",
    "georgian": "GE", "armenian": "AM", "azerbaijani": "AZ", "moldovan": "MD", "romanian": "RO",
    "hungarian": "HU", "czech": "CZ", "slovak": "SK", "austrian": "AT", "belgian": "BE",
    "portuguese": "PT", "argentine": "AR", "argentinian": "AR", "chilean": "CL", "peruvian": "PE",
    "taiwanese": "TW", "malaysian": "MY", "singaporean": "SG", "bangladeshi": "BD", "nepali": "NP",
    "haitian": "HT", "jamaican": "JM", "kazakh": "KZ", "uzbek": "UZ", "lithuanian": "LT",
    "latvian": "LV", "estonian": "EE", "serbian": "RS", "croatian": "HR", "bosnian": "BA",
    "bulgarian": "BG", "kosovar": "XK", "algerian": "DZ", "moroccan": "MA", "tunisian": "TN",
    "congolese": "CD", "rwandan": "RW", "ugandan": "UG", "tanzanian": "TZ", "zimbabwean": "ZW",
    "south african": "ZA", "ghanaian": "GH", "senegalese": "SN", "malian": "ML", "cameroonian": "CM",
    "new zealander": "NZ", "philippine": "PH", "serb": "RS", "saint lucian": "LC", "bahamian": "BS", "icelandic": "IS", "mongolian": "MN", "burmese": "MM", "cambodian": "KH",
}

# Adjectives of world regions and peoples' homelands, resolved to the region (a feature of features.py), not
# to a country: "Central American migrants", "Kurdish-held towns". Two-word forms are matched whole, so
# "North American" is never the United States.
REGION_DEMONYMS: dict[str, str] = {
    "central american": "Central America", "latin american": "Latin America", "kurdish": "Kurdistan",
    "middle eastern": "Middle East", "siberian": "Siberia", "scandinavian": "Scandinavia", "balkan": "Balkans",
    "kashmiri": "Kashmir", "west african": "West Africa", "east african": "East Africa",
    "north african": "North Africa", "southeast asian": "Southeast Asia", "central asian": "Central Asia",
    "south asian": "South Asia", "east asian": "East Asia", "eastern european": "Eastern Europe",
    "western european": "Western Europe",
}

# (lat, lon) where the source's whole-degree centre is over 150 km from GeoNames' own.
COUNTRY_CENTRES: dict[str, tuple[float, float]] = {
    "US": (39.76, -98.5), "GB": (54.76, -2.7), "RU": (60.0, 100.0), "CA": (60.1, -113.6),
    "AU": (-25.0, 135.0), "CN": (35.0, 105.0), "BR": (-10.0, -55.0), "IN": (22.0, 79.0),
    "JP": (35.68536, 139.75309), "LY": (28.0, 17.0),
}

# Demonyms that are also languages: "in English", "speaks Arabic and French" name no place.
LANGUAGES = frozenset({"english", "french", "spanish", "german", "russian", "ukrainian", "chinese", "arabic",
                       "italian", "portuguese", "japanese", "korean", "dutch", "greek", "turkish", "polish",
                       "hindi", "persian", "hebrew", "swedish", "welsh", "irish", "scottish"})

# Words after a demonym that make it part of a longer name: "Indian Ocean", "French Quarter".
FEATURE_WORDS = frozenset({"ocean", "sea", "quarter", "gulf", "peninsula", "river", "mountains", "desert",
                           "islands", "island", "basin", "coast", "alps", "plain", "plateau", "street", "avenue",
                           "district", "riviera", "channel", "strait", "lake", "bay", "valley", "highlands",
                           "village", "road", "square", "canal", "county", "falls", "heights", "beach", "harbour",
                           "harbor", "airport", "bridge", "mountain", "hill", "hills", "point", "cape", "forest",
                           "camp", "boulevard", "lane", "drive"})

# Words that follow a name to make it a division: "Kharkiv region", "Donetsk oblast".
REGION_WORDS = frozenset({"region", "oblast", "province", "district", "regions", "oblasts", "governorate",
                          "county", "raion", "prefecture", "state"})

# Words after a name that make it the name of a unit, not a place: "the Azov regiment", "Aidar battalion".
UNIT_WORDS = frozenset({"regiment", "battalion", "brigade", "brigades", "battalions", "regiments", "corps",
                        "squadron", "legion", "militia"})

# Titles and kinship words before a name mark a person ("Uncle Roma", "Gen. Hodges", "Mr Lincoln").
PERSON_TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "uncle", "aunt", "auntie", "grandpa",
    "grandma", "brother", "sister", "father", "mother", "fr", "rev", "pastor", "rabbi", "imam", "gen", "general",
    "col", "colonel", "lt", "maj", "major", "capt", "captain", "sgt", "sergeant", "cpl", "pvt", "adm", "admiral",
    "brig", "commander", "president", "minister", "senator", "sen", "rep", "gov", "governor", "mayor", "judge",
    "justice", "officer", "detective", "coach", "king", "queen", "prince", "princess", "pope", "chancellor",
    "secretary", "ambassador",
})

# Capitalised words that are place names in GeoNames but rarely mean a place in news text.
NOT_PLACES = frozenset({
    "may", "june", "march", "august", "april", "july", "january", "february", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "god", "president", "minister", "general", "brigadier", "colonel", "mr", "mrs", "ms",
    "dr", "telegram", "twitter", "facebook", "instagram", "youtube", "tv", "news", "city", "state", "west",
    "east", "north", "south", "northern", "southern", "eastern", "western", "union", "university", "street", "latest", "most", "about", "ap", "afp",
    "reuters", "upi", "getty", "brig", "gen", "lt", "col", "sgt", "maj", "capt", "adm", "gov", "sen", "rep",
    "battle", "dw", "bbc", "cnn", "police", "hospital", "court", "republican", "democrat", "democrats",
    "republicans", "congress", "senate", "house", "white", "black", "christmas", "easter", "love", "hope",
    "mission", "center", "centre", "park", "home", "office", "church", "health", "department",
    "county", "national", "federal", "central", "new", "great", "royal", "district", "island", "valley",
    "lake", "river", "mount", "fort", "port", "bay", "beach", "springs", "falls", "says", "said", "read",
    "more", "also", "states", "el niño", "el nino", "la niña", "la nina", "but", "and", "the", "this", "that", "one", "two", "i", "we", "you", "he", "she",
})
