"""The roadmap's four stages and 13 strategic projects, in English and Dutch.

The numbering 1-13 is the product's (see MODEL.md). This module holds names and goals
only; the questionnaire and scoring build on it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """A text in both languages of the product."""

    en: str
    nl: str

    def get(self, language: str) -> str:
        return self.nl if language.lower().startswith("nl") else self.en


@dataclass(frozen=True)
class Project:
    number: int
    stage: int
    name: Text
    goal: Text


@dataclass(frozen=True)
class Stage:
    number: int
    name: Text
    goal: Text
    projects: tuple[Project, ...]


def _project(number: int, stage: int, name: tuple[str, str], goal: tuple[str, str]) -> Project:
    return Project(number, stage, Text(*name), Text(*goal))


PROJECTS: tuple[Project, ...] = (
    _project(
        1,
        1,
        ("Company-wide knowledge", "Bedrijfsbrede kennis"),
        (
            "Structured training and conviction from the top.",
            "Gestructureerde opleiding en overtuiging vanuit de top.",
        ),
    ),
    _project(
        2,
        1,
        ("HR strategy", "HR-strategie"),
        (
            "Decide on social media use at work, evaluation and recruitment.",
            "Beslis over sociale media op het werk, evaluatie en rekrutering.",
        ),
    ),
    _project(
        3,
        1,
        ("Social media infrastructure", "Sociale media-infrastructuur"),
        (
            "Know which accounts, software and hardware exist and who owns them.",
            "Weet welke accounts, software en hardware er zijn en wie ze beheert.",
        ),
    ),
    _project(
        4,
        1,
        ("Internal and external social media scan", "Interne en externe social media scan"),
        (
            "What is said about the company and its sector, and which employees are active.",
            "Wat er over het bedrijf en de sector gezegd wordt, en welke medewerkers actief zijn.",
        ),
    ),
    _project(
        5,
        2,
        ("Pilot projects", "Pilootprojecten"),
        (
            "Pilots that fit, return at once and raise the learning curve.",
            "Pilots die passen, meteen iets opleveren en de leercurve doen stijgen.",
        ),
    ),
    _project(
        6,
        2,
        (
            "Centre of excellence / conversation manager",
            "Center of excellence / conversation manager",
        ),
        ("One person or team drives the integration.", "Eén persoon of team trekt de integratie."),
    ),
    _project(
        7,
        2,
        ("Listening culture", "Luistercultuur"),
        (
            "Listen to online conversations in a structured, company-wide way.",
            "Luister gestructureerd en bedrijfsbreed naar online gesprekken.",
        ),
    ),
    _project(
        8,
        3,
        ("Social media in every plan", "Sociale media in elk plan"),
        (
            "Every department's plan carries social media objectives.",
            "Het plan van elke afdeling bevat doelen voor sociale media.",
        ),
    ),
    _project(
        9,
        3,
        ("Structural collaboration with customers", "Structurele samenwerking met klanten"),
        ("Co-creation and an external sounding board.", "Co-creatie en een extern klankbord."),
    ),
    _project(
        10,
        3,
        ("From campaign thinking to content thinking", "Van campagnedenken naar contentdenken"),
        (
            "Relevant content every day on owned media.",
            "Elke dag relevante content op eigen media.",
        ),
    ),
    _project(
        11,
        3,
        ("New success indicators", "Nieuwe succesindicatoren"),
        (
            "Every department measures with indicators linked to social media.",
            "Elke afdeling meet met indicatoren die aan sociale media gekoppeld zijn.",
        ),
    ),
    _project(
        12,
        4,
        ("Leverage effect", "Hefboomeffect"),
        (
            "Link all communication to the social platforms and measure the lift.",
            "Koppel alle communicatie aan de sociale platformen en meet het effect.",
        ),
    ),
    _project(
        13,
        4,
        ("A fast and flexible organisation", "Een snelle en flexibele organisatie"),
        (
            "Shorten every process so that feedback leads to action quickly.",
            "Maak elk proces korter zodat feedback snel tot actie leidt.",
        ),
    ),
)

_STAGES = (
    (
        1,
        ("Building knowledge", "Kennis opbouwen"),
        (
            "Company-wide knowledge and conviction, and the infrastructure to act.",
            "Bedrijfsbrede kennis en overtuiging, en de infrastructuur om te handelen.",
        ),
    ),
    (
        2,
        ("First structure and pilot projects", "Eerste structuur en pilootprojecten"),
        (
            "A conversation manager, pilots that prove their worth, and listening.",
            "Een conversation manager, pilots die hun waarde bewijzen, en luisteren.",
        ),
    ),
    (
        3,
        ("Integration", "Integratie"),
        (
            "Social media in every plan, with customers, content and new indicators.",
            "Sociale media in elk plan, met klanten, content en nieuwe indicatoren.",
        ),
    ),
    (
        4,
        ("The social media lever", "De sociale media hefboom"),
        (
            "The whole company consciously uses the strengths of social media.",
            "Het hele bedrijf zet bewust de sterktes van sociale media in.",
        ),
    ),
)

ROADMAP: tuple[Stage, ...] = tuple(
    Stage(number, Text(*name), Text(*goal), tuple(p for p in PROJECTS if p.stage == number))
    for number, name, goal in _STAGES
)
