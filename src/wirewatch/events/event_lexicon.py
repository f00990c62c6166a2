"""The event lexicon: ACLED names, trigger words and the context words that disambiguate them."""

from __future__ import annotations

import re

BATTLE, REMOTE, STRATEGIC, CIVILIANS, PROTESTS = ("Battles", "Explosions/Remote violence", "Strategic developments",
                                                  "Violence against civilians", "Protests")
REGAINS, OVERTAKES, CLASH = "Government regains territory", "Non-state actor overtakes territory", "Armed clash"
SHELLING, TRANSFER = "Shelling/artillery/missile attack", "Non-violent transfer of territory"
# a rally is a protest when it is against or for a cause, not a campaign event
PROTEST_CONTEXT = {"against", "protest", "protester", "demonstrator", "demand", "denounce", "oppose", "condemn",
                   "activist", "thousand", "hundred", "crowd", "opposition", "occupation", "war", "strike", "reclaim",
                   "outside", "worker", "teacher", "student", "parent", "farmer", "union", "solidarity"}
VICTIMS = {"civilian", "prisoner", "resident", "villager", "man", "woman", "people", "person", "detainee", "child",
           "soldier", "hostage", "pow", "captive"}
# words that make an "attack" on a person physical rather than verbal
PHYSICAL = {"knife", "gun", "stab", "shoot", "beat", "gunman", "gunmen", "militant", "soldier", "troop", "police",
            "wound", "injure", "kill", "hospital", "weapon", "bomb", "missile", "rocket", "drone", "shell", "artillery",
            "rifle", "machete", "acid", "punch", "kick", "hit", "strike", "fire", "force", "bullet"}
RIVALS = {"rival", "opponent", "critic", "president", "candidate", "senator", "minister", "leader", "government",
          "administration", "record", "policy", "plan", "media", "press"}
CAMPAIGN = {"campaign", "candidate", "election", "vote", "voter", "nominee", "primary", "speech", "ballot",
            "trump", "clinton", "senator", "governor"}
# trigger lemma -> (event_type, sub_event_type, control change for actor1 or None)
TRIGGERS: dict[str, tuple[str, str, str | None]] = {
    **dict.fromkeys(["shell", "shelling", "bombard", "bombardment", "artillery", "fire", "rocket", "missile",
                     "pound", "strike", "barrage"], (REMOTE, SHELLING, None)),
    **dict.fromkeys(["airstrike", "drone", "bomb", "bombing", "air-strike"], (REMOTE, "Air/drone strike", None)),
    **dict.fromkeys(["liberate", "liberation", "recapture", "retake", "regain", "reclaim", "free"],
                    (BATTLE, REGAINS, "gained")),
    **dict.fromkeys(["capture", "seize", "occupy", "overrun", "take"], (BATTLE, OVERTAKES, "gained")),
    **dict.fromkeys(["withdraw", "withdrawal", "retreat", "pull"], (STRATEGIC, TRANSFER, "lost")),
    **dict.fromkeys(["assault", "attack", "clash", "fight", "fighting", "battle", "counteroffensive", "operation",
                     "counterattack", "counter-attack", "offensive", "advance", "push", "repel", "repulse"],
                    (BATTLE, CLASH, None)),
    **dict.fromkeys(["negotiate", "negotiation", "talks", "ceasefire", "agreement", "deal", "evacuate",
                     "evacuation", "agree", "truce"], (STRATEGIC, "Agreement", None)),
    **dict.fromkeys(["arrest", "detain"], (STRATEGIC, "Arrests", None)),
    **dict.fromkeys(["explode", "explosion", "landmine", "mine", "ied"], (REMOTE, "Remote explosive/landmine/IED", None)),
    **dict.fromkeys(["surrender"], (STRATEGIC, "Other", None)),
    **dict.fromkeys(["shoot", "intercept", "down"], (STRATEGIC, "Disrupted weapons use", None)),
    **dict.fromkeys(["protest", "rally", "demonstrate", "demonstration", "march"], (PROTESTS, "Peaceful protest", None)),
    **dict.fromkeys(["storm", "ambush", "raid", "encircle", "skirmish", "firefight", "gunfight"], (BATTLE, CLASH, None)),
    **dict.fromkeys(["abduct", "kidnap", "abduction", "kidnapping"], (CIVILIANS, "Abduction/forced disappearance", None)),
    **dict.fromkeys(["loot", "looting", "pillage"], (STRATEGIC, "Looting/property destruction", None)),
    **dict.fromkeys(["rape"], (CIVILIANS, "Sexual violence", None)),
    **dict.fromkeys(["execute", "execution", "massacre", "torture"], (CIVILIANS, "Attack", None)),
    **dict.fromkeys(["riot", "rioting"], ("Riots", "Violent demonstration", None)),
}
# what a modifier says about the weapon refines the sub-type: "a drone attack", "an air strike"
MODIFIER_TYPES: dict[str, tuple[str, str]] = {
    **dict.fromkeys(["air", "drone", "airstrike", "warplane", "jet", "helicopter", "aerial", "kamikaze", "plane"],
                    (REMOTE, "Air/drone strike")),
    **dict.fromkeys(["missile", "rocket", "artillery", "mortar", "shell", "cruise", "ballistic"], (REMOTE, SHELLING)),
    **dict.fromkeys(["suicide"], (REMOTE, "Suicide bomb")),
    **dict.fromkeys(["roadside", "landmine", "car", "ied", "booby", "booby-trap"],
                    (REMOTE, "Remote explosive/landmine/IED")),
    **dict.fromkeys(["chemical", "gas", "chlorine", "sarin"], (REMOTE, "Chemical weapon")),
    **dict.fromkeys(["grenade"], (REMOTE, "Grenade")),
}
# a trigger that is ambiguous alone needs one of these lemmas within a few tokens
NEEDS_CONTEXT = {"fire": {"russian", "ukrainian", "artillery", "enemy", "heavy", "concentrate", "rocket", "mortar",
                          "tank", "open"},
                 "push": {"back", "away", "out"}, "pull": {"back", "out"}, "free": {"village", "town", "city"},
                 "mine": {"explode", "detonate", "blast", "step", "hit", "kill"},
                 "strike": {"missile", "rocket", "air", "drone", "artillery", "precision", "hit"},
                 "deal": {"evacuation", "ceasefire", "prisoner", "surrender"},
                 "talks": {"evacuation", "ceasefire", "peace"},
                 "negotiate": {"evacuation", "ceasefire", "exchange", "surrender"},
                 "negotiation": {"evacuation", "ceasefire", "exchange", "surrender"},
                 "evacuate": {"deal", "agreement", "corridor", "negotiate", "negotiation", "ceasefire"},
                 "evacuation": {"deal", "agreement", "corridor", "negotiate", "negotiation", "ceasefire"},
                 "agreement": {"ceasefire", "peace", "truce", "evacuation", "prisoner", "exchange", "corridor",
                               "surrender", "withdrawal", "swap", "armistice", "security"},
                 "agree": {"corridor", "ceasefire", "truce", "evacuation", "exchange", "swap", "withdrawal", "deal"},
                 "drone": {"strike", "attack", "hit", "struck", "kill"},
                 "bomb": {"drop", "explode", "kill", "hit", "destroy", "plane", "jet", "aircraft", "barrel",
                          "warplane", "buried", "roadside", "car", "suicide", "detonate", "plant"},
                 "take": {"control"}, "operation": {"military", "ground", "offensive", "combat", "army"}, "shoot": {"down"}, "down": {"shoot", "shot"},
                 "intercept": {"missile", "drone", "rocket"},
                 "march": {"protester", "supporter", "demonstrator", "activist", "thousand", "hundred", "rally"},
                 "rally": PROTEST_CONTEXT, "demonstrate": PROTEST_CONTEXT,
                 "surrender": {"fighter", "soldier", "troop", "militant", "defender", "serviceman", "unit"},
                 "storm": {"troop", "force", "soldier", "fighter", "militant", "unit", "plant", "building", "village",
                           "town", "city", "airport", "base", "position"},
                 "raid": {"troop", "force", "soldier", "fighter", "militant", "unit", "commando", "special", "drone",
                          "air"},
                 "execute": {"civilian", "prisoner", "resident", "villager", "man", "woman", "people"},
                 "execution": {"civilian", "prisoner", "resident", "villager", "summary", "extrajudicial"},
                 "torture": {"civilian", "prisoner", "resident", "villager", "detainee"},
                 "loot": {"troop", "soldier", "force", "occupier", "home", "shop", "house"},
                 "looting": {"troop", "soldier", "force", "occupier", "home", "shop", "house"}}
WIDE_CONTEXT = {"rally", "demonstrate", "agreement", "march", "surrender", "evacuate", "evacuation", "deal", "talks", "negotiate", "negotiation", "agree"}
# weapon nouns are events only when they do something ("a missile destroyed", "hit by rockets")
WEAPONS = {"artillery", "rocket", "missile", "shell", "drone", "bomb", "mine"}
IMPACT = {"hit", "strike", "destroy", "damage", "kill", "land", "slam", "pound", "rain", "fire", "launch",
          "target", "wound", "injure", "explode", "shell", "blast", "raze", "level", "struck", "concentrate"}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "dozens": 24, "a dozen": 12}
_NUM = r"(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_KILLED = re.compile(r"\b" + _NUM + r"\s+(?:[\w-]+\s+){0,3}?(?:were\s+|was\s+|have been\s+|had been\s+|are\s+)?"
                     r"(killed|dead|died|wounded|injured|hurt)", re.IGNORECASE)
_KILLING = re.compile(r"\b(killing|wounding|injuring|kills|killed|wounded|injured)\s+(?:at least\s+|more than\s+)?"
                      + _NUM + r"\b", re.IGNORECASE)
SIDE_WORDS = {"UA": {"ukrainian", "ukraine", "kyiv", "kiev", "ukraine's", "kyiv's"},
              "RU": {"russian", "russia", "moscow", "moscow's", "russia's", "russians", "kremlin"}}
BACKED = {"backed", "supported", "allied", "aligned", "installed", "appointed", "controlled"}  # "Russian-backed"
LIGHT_VERBS = {"launch", "carry", "conduct", "mount", "step", "begin", "stage", "intensify", "continue", "resume",
               "start", "make", "unleash", "go"}
PRONOUNS = {"they", "their", "them", "it", "its", "we", "our", "us"}
FIRST_PERSON = {"we", "our", "us"}
ARMED_NOUNS = {"troop", "force", "army", "unit", "soldier", "fighter", "military", "russians", "ukrainians",
               "serviceman", "defender", "invader", "occupier", "brigade", "battalion", "marine", "paratrooper"}
WE = {"we", "our", "us", "its", "their", "they"}
