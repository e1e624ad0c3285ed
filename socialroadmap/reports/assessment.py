"""The assessment report in CSV, HTML and PDF, in Dutch or English.

Django-free, so that `socialroadmap assess` renders reports without a database and the
web views hand the same documents to the board.
"""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass
from datetime import date

from socialroadmap.engine.model import MaturityModel
from socialroadmap.engine.scoring import AssessmentResult
from socialroadmap.engine.text import Text

STAGE_COLOURS = {1: "#2f7d9b", 2: "#5a8f3c", 3: "#c27c1e", 4: "#8a4fa3"}

LABELS = {
    "title": Text("Social media roadmap: assessment", "Sociale media roadmap: assessment"),
    "stage": Text("Stage", "Fase"),
    "complete": Text("All 13 projects are done.", "Alle 13 projecten zijn afgerond."),
    "projects": Text("Progress per project", "Voortgang per project"),
    "project": Text("Project", "Project"),
    "progress": Text("Progress", "Voortgang"),
    "status": Text("Status", "Status"),
    "source": Text("Based on", "Gebaseerd op"),
    "risks": Text("Risks", "Risico's"),
    "no_risks": Text("No risks found.", "Geen risico's gevonden."),
    "next": Text("Next steps", "Volgende stappen"),
    "unanswered": Text(
        "Unanswered questions (counted as the lowest option)",
        "Onbeantwoorde vragen (geteld als de laagste optie)",
    ),
    "model": Text("Model version", "Modelversie"),
    "date": Text("Date", "Datum"),
    "not_started": Text("not started", "niet gestart"),
    "in_progress": Text("in progress", "bezig"),
    "done": Text("done", "afgerond"),
    "answers": Text("answers", "antwoorden"),
    "evidence": Text("evidence", "bewijs"),
    "both": Text("answers and evidence", "antwoorden en bewijs"),
}


@dataclass(frozen=True)
class ReportContext:
    model: MaturityModel
    result: AssessmentResult
    language: str = "en"
    organization: str = ""
    day: date | None = None

    def t(self, key: str) -> str:
        return LABELS[key].get(self.language)

    @property
    def when(self) -> str:
        return (self.day or date.today()).isoformat()

    @property
    def meta_line(self) -> str:
        parts = [self.organization, f"{self.t('date')} {self.when}"]
        return " · ".join([*filter(None, parts), f"{self.t('model')} {self.model.version}"])

    @property
    def stage_line(self) -> str:
        stage = self.model.stage(self.result.stage)
        return f"{self.t('stage')} {stage.number}: {stage.name.get(self.language)}"


def render_csv(ctx: ReportContext) -> str:
    """One row per project: number, stage, name, progress, status, source."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["project", "stage", "name", "progress", "status", "source"])
    for p in ctx.result.projects:
        name = ctx.model.project(p.number).name.get(ctx.language)
        writer.writerow([p.number, p.stage, name, f"{p.progress:.4f}", p.status, p.source])
    return out.getvalue()


def _bar_svg(progress: float, colour: str) -> str:
    width = round(progress * 200)
    return (
        f'<svg width="200" height="12" role="img" aria-label="{progress:.0%}">'
        '<rect width="200" height="12" rx="3" fill="#e6ebee"/>'
        f'<rect width="{width}" height="12" rx="3" fill="{colour}"/></svg>'
    )


def render_html(ctx: ReportContext) -> str:
    """A self-contained HTML document (inline SVG charts, no external files)."""
    e = html.escape
    lang = ctx.language
    rows = []
    for stage in ctx.model.stages:
        rows.append(
            f'<tr class="stage"><th colspan="4">{e(ctx.t("stage"))} {stage.number}: '
            f"{e(stage.name.get(lang))}</th></tr>"
        )
        for p in (r for r in ctx.result.projects if r.stage == stage.number):
            rows.append(
                f"<tr><td>{p.number}. {e(ctx.model.project(p.number).name.get(lang))}</td>"
                f"<td>{_bar_svg(p.progress, STAGE_COLOURS[p.stage])} {p.progress:.0%}</td>"
                f"<td>{e(ctx.t(p.status))}</td><td>{e(ctx.t(p.source))}</td></tr>"
            )
    risks = "".join(f"<li>{e(r.message.get(lang))}</li>" for r in ctx.result.risks)
    steps = "".join(
        f"<li><strong>{s.project.number}. {e(s.project.name.get(lang))}</strong> "
        f"({s.progress:.0%})<p>{e(s.project.why.get(lang))}</p><ul>"
        + "".join(f"<li>{e(a.text.get(lang))}</li>" for a in s.project.action_points)
        + "</ul></li>"
        for s in ctx.result.next_steps
    )
    unanswered = ""
    if ctx.result.unanswered:
        items = "".join(
            f"<li>{e(q.text.get(lang))}</li>"
            for q in ctx.model.questions
            if q.id in ctx.result.unanswered
        )
        unanswered = f"<h2>{e(ctx.t('unanswered'))}</h2><ul>{items}</ul>"
    summary = ctx.t("complete") if ctx.result.complete else ""
    return f"""<!doctype html>
<html lang="{e(lang)}"><head><meta charset="utf-8"><title>{e(ctx.t("title"))}</title>
<style>
body {{ font-family: system-ui, sans-serif; color: #1d2a33; max-width: 900px; margin: 2rem auto; }}
table {{ width: 100%; border-collapse: collapse; }} td, th {{ padding: .35rem; text-align: left; }}
tr.stage th {{ border-bottom: 2px solid #dfe5e9; padding-top: 1rem; }}
.meta {{ color: #5b6b76; }} .stage-line {{ font-size: 1.4rem; font-weight: 700; }}
</style></head><body>
<h1>{e(ctx.t("title"))}</h1>
<p class="meta">{e(ctx.meta_line)}</p>
<p class="stage-line">{e(ctx.stage_line)}</p><p>{e(summary)}</p>
<h2>{e(ctx.t("projects"))}</h2>
<table><thead><tr><th>{e(ctx.t("project"))}</th><th>{e(ctx.t("progress"))}</th><th>{e(ctx.t("status"))}</th><th>{e(ctx.t("source"))}</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table>
<h2>{e(ctx.t("risks"))}</h2>{f"<ul>{risks}</ul>" if risks else f"<p>{e(ctx.t('no_risks'))}</p>"}
<h2>{e(ctx.t("next"))}</h2><ol>{steps}</ol>
{unanswered}
</body></html>
"""


def render_pdf(ctx: ReportContext) -> bytes:
    """A PDF for the board: stage, a chart per stage and project, risks, next steps."""
    from socialroadmap.reports.pdf import build_assessment_pdf

    return build_assessment_pdf(ctx)
