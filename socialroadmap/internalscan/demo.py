"""Demo data for the internal scan: the roster of Koffiebranderij Mertens.

Twelve employees with their handles; two did not consent, so they are never ranked
(Lotte Van Hoof posts, and still never appears). Jeroen De Smet and Sara El Amrani have
the addresses of the demo's manager and marketing users, so those users are on the
roster (the knowledge programme's "my modules", its reminders).
"""

from __future__ import annotations

from socialroadmap.accounts.models import User
from socialroadmap.demo import DEMO_DOMAIN
from socialroadmap.internalscan import services
from socialroadmap.internalscan.models import Employee
from socialroadmap.organizations.models import Organization

# (name, department, handles, consent). Handles without a network match authors of the
# listening demo's posts on any source, so the demo's rankings are not empty.
ROSTER = (
    ("Jeroen De Smet", "Communicatie", "x:@jeroendesmet linkedin:jeroen-de-smet", True),
    ("Sara El Amrani", "Marketing", "instagram:@sara.koffie @sarah_brews", True),
    ("Tom Vermeulen", "Marketing", "x:@tomvermeulen instagram:@tom.brandt", True),
    ("Ellen Maes", "Communicatie", "@ellen.maes", True),
    ("Pieter-Jan Wuyts", "Klantendienst", "@pieterjan x:@pjwuyts", True),
    ("Hanne Jacobs", "HR", "linkedin:hanne-jacobs", True),
    ("Bram Willems", "Productie", "@barista_bram", True),
    ("Femke Michiels", "R&D", "linkedin:femke-michiels instagram:@femke.roast", True),
    ("Jonas De Vos", "Verkoop", "@jonas_gent linkedin:jonas-de-vos", True),
    ("Wim Goossens", "IT", "mastodon:@wim@mastodon.social bluesky:wimg.bsky.social", True),
    ("Lotte Van Hoof", "Klantendienst", "@lotte.vh", False),
    ("Dirk Van den Broeck", "Productie", "facebook:dirk.vdbroeck", False),
)


# Roster people who are also demo users (socialroadmap/demo.py's PEOPLE).
USERS = {"Jeroen De Smet": "manager", "Sara El Amrani": "marketing"}


def demo_email(full_name: str) -> str:
    """``jeroen.de.smet@…`` on the demo's reserved domain; the demo user's own address
    for the roster people who have one."""
    local = USERS.get(full_name) or ".".join(full_name.lower().replace("-", " ").split())
    return f"{local}@{DEMO_DOMAIN}"


def seed(organization: Organization, owner: User) -> None:
    """Only on a demo organisation without a roster: what people add later is kept."""
    if Employee.objects.for_org(organization).exists():
        return
    for full_name, department, handles, consent in ROSTER:
        services.create_employee(
            organization,
            full_name=full_name,
            department=department,
            email=demo_email(full_name),
            handles=handles,
            consent=consent,
            actor=owner,
        )
