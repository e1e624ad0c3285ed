"""The portfolio chart: a bubble per pilot, the region that moves with the thresholds,
the outline, the colour scale, the spreading of pilots with the same scores, and no
inline styles or scripts on the page."""

from __future__ import annotations

import re
from dataclasses import dataclass

from socialroadmap.pilots.chart import FEASIBILITY_COLOURS, build_chart, offsets, x_of, y_of
from socialroadmap.pilots.portfolio import Thresholds
from tests.conftest import Persona
from tests.pilots.helpers import pilot


@dataclass(frozen=True)
class P:
    pk: int
    name: str
    fit_score: int
    return_score: int
    learning_score: int
    feasibility: int


def url(p: object) -> str:
    return f"/p/{p.pk}/"  # type: ignore[attr-defined]


def test_a_bubble_per_pilot_with_its_link_size_and_colour() -> None:
    pilots = [P(1, "A", 5, 4, 1, 1), P(2, "B", 2, 2, 5, 5)]

    chart = build_chart(pilots, Thresholds(), url)

    by_pk = {b.pk: b for b in chart.bubbles}
    assert set(by_pk) == {1, 2}
    assert (by_pk[1].x, by_pk[1].y) == (x_of(4), y_of(5))
    assert by_pk[1].r < by_pk[2].r
    assert by_pk[1].fill == FEASIBILITY_COLOURS[0]
    assert by_pk[2].fill == FEASIBILITY_COLOURS[4]
    assert by_pk[1].url == "/p/1/"
    assert "A: fit 5, return 4, learning 1, feasibility 1" in by_pk[1].title
    # the bigger bubble is drawn first, so the smaller one stays visible on top
    assert [b.pk for b in chart.bubbles] == [2, 1]


def test_the_region_moves_with_the_thresholds() -> None:
    strict = build_chart([], Thresholds(4, 4, 4), url)
    lenient = build_chart([], Thresholds(2, 3, 4), url)

    assert strict.region_x == x_of(3.5)
    assert lenient.region_x == x_of(2.5) < strict.region_x
    assert strict.region_y == lenient.region_y == strict.top
    assert strict.region_height == y_of(3.5) - strict.top
    assert lenient.region_height > strict.region_height
    assert strict.region_x + strict.region_width == strict.right
    assert "Fit ≥ 2 and return ≥ 3" in lenient.region_label


def test_only_bubbles_in_the_region_that_meet_learning_too_are_outlined() -> None:
    pilots = [P(1, "all", 4, 4, 4, 3), P(2, "no learning", 5, 5, 3, 3), P(3, "out", 2, 5, 5, 3)]

    bubbles = {b.pk: b for b in build_chart(pilots, Thresholds(), url).bubbles}

    assert (bubbles[1].in_region, bubbles[1].outlined) == (True, True)
    assert (bubbles[2].in_region, bubbles[2].outlined) == (True, False)
    assert (bubbles[3].in_region, bubbles[3].outlined) == (False, False)


def test_pilots_with_the_same_scores_are_spread_the_same_way_every_time() -> None:
    pilots = [P(i, f"P{i}", 3, 3, 3, 3) for i in range(1, 6)]

    first = build_chart(pilots, Thresholds(), url).bubbles
    again = build_chart(list(reversed(pilots)), Thresholds(), url).bubbles

    centres = {(b.x, b.y) for b in first}
    assert len(centres) == 5
    assert [(b.pk, b.x, b.y) for b in first] == [(b.pk, b.x, b.y) for b in again]
    assert offsets(1) == [(0.0, 0.0)]
    assert len(set(offsets(3))) == 3


def test_the_page_draws_a_bubble_per_pilot_without_inline_styles(owner: Persona) -> None:
    for number, scores in enumerate([(5, 5, 5, 5), (4, 3, 4, 4), (4, 4, 2, 1)]):
        pilot(owner.organization, f"Pilot {number}", scores)

    html = owner.client().get("/o/acme/pilots/").content.decode()

    svg = html[
        html.index('<svg class="chart"') : html.index("</svg>", html.index('<svg class="chart"'))
    ]
    assert svg.count('data-testid="pilot-bubble"') == 3
    assert svg.count('data-in-region="yes"') == 2
    assert svg.count('data-outlined="yes"') == 1
    assert svg.count("<title>") == 3
    assert "Pilot 0: fit 5, return 5, learning 5, feasibility 5 (Candidate)" in svg
    assert " style=" not in html
    assert "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)


def test_the_status_filter_redraws_the_chart(owner: Persona) -> None:
    from tests.pilots.helpers import move

    move(pilot(owner.organization, "Running one"), "selected", "running")
    pilot(owner.organization, "Candidate one")
    client = owner.client()

    everything = client.get("/o/acme/pilots/").content.decode()
    running = client.get("/o/acme/pilots/?status=running").content.decode()
    nonsense = client.get("/o/acme/pilots/?status=flying")

    assert everything.count('data-testid="pilot-bubble"') == 2
    assert running.count('data-testid="pilot-bubble"') == 1
    assert "Running one: fit" in running and "Candidate one: fit" not in running
    assert nonsense.status_code == 200
    assert nonsense.content.decode().count('data-testid="pilot-bubble"') == 2
