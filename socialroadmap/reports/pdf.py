"""PDF rendering with ReportLab (pure Python: no system libraries to install)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

if TYPE_CHECKING:
    from socialroadmap.reports.assessment import ReportContext

BAR_WIDTH = 70 * mm


def _progress_chart(ctx: ReportContext, stage: int) -> Drawing:
    """Horizontal bars, one per project of ``stage``."""
    from socialroadmap.reports.assessment import STAGE_COLOURS

    projects = [p for p in ctx.result.projects if p.stage == stage]
    row = 7 * mm
    drawing = Drawing(170 * mm, row * len(projects))
    colour = colors.HexColor(STAGE_COLOURS[stage])
    for i, p in enumerate(projects):
        y = drawing.height - (i + 1) * row + 1.5 * mm
        name = f"{p.number}. {ctx.model.project(p.number).name.get(ctx.language)}"
        drawing.add(String(0, y + 1, name[:48], fontName="Helvetica", fontSize=8.5))
        drawing.add(
            Rect(
                85 * mm,
                y,
                BAR_WIDTH,
                4 * mm,
                fillColor=colors.HexColor("#e6ebee"),
                strokeColor=None,
            )
        )
        drawing.add(
            Rect(85 * mm, y, BAR_WIDTH * p.progress, 4 * mm, fillColor=colour, strokeColor=None)
        )
        label = f"{p.progress:.0%} · {ctx.t(p.status)}"
        drawing.add(
            String(85 * mm + BAR_WIDTH + 3 * mm, y + 1, label, fontName="Helvetica", fontSize=8)
        )
    return drawing


def build_assessment_pdf(ctx: ReportContext) -> bytes:
    styles = getSampleStyleSheet()
    small = ParagraphStyle(
        "small", parent=styles["BodyText"], fontSize=8.5, textColor=colors.HexColor("#5b6b76")
    )
    big = ParagraphStyle(
        "big", parent=styles["Heading1"], fontSize=16, textColor=colors.HexColor("#0f5d5e")
    )
    lang = ctx.language
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=ctx.t("title"),
        author=ctx.organization or "socialroadmap",
    )
    story: list[object] = [
        Paragraph(escape(ctx.t("title")), styles["Title"]),
        Paragraph(escape(ctx.meta_line), small),
        Spacer(1, 4 * mm),
        Paragraph(escape(ctx.stage_line), big),
    ]
    if ctx.result.complete:
        story.append(Paragraph(escape(ctx.t("complete")), styles["BodyText"]))
    story.append(Paragraph(escape(ctx.t("projects")), styles["Heading2"]))
    for stage in ctx.model.stages:
        story.append(
            Paragraph(
                escape(f"{ctx.t('stage')} {stage.number}: {stage.name.get(lang)}"),
                styles["Heading4"],
            )
        )
        story.append(_progress_chart(ctx, stage.number))
    story.append(Paragraph(escape(ctx.t("risks")), styles["Heading2"]))
    if ctx.result.risks:
        story.append(
            ListFlowable(
                [
                    ListItem(Paragraph(escape(r.message.get(lang)), styles["BodyText"]))
                    for r in ctx.result.risks
                ],
                bulletType="bullet",
            )
        )
    else:
        story.append(Paragraph(escape(ctx.t("no_risks")), styles["BodyText"]))
    story.append(Paragraph(escape(ctx.t("next")), styles["Heading2"]))
    for step in ctx.result.next_steps:
        story.append(
            Paragraph(
                escape(
                    f"{step.project.number}. {step.project.name.get(lang)} ({step.progress:.0%})"
                ),
                styles["Heading4"],
            )
        )
        story.append(Paragraph(escape(step.project.why.get(lang)), styles["BodyText"]))
        story.append(
            ListFlowable(
                [
                    ListItem(Paragraph(escape(a.text.get(lang)), styles["BodyText"]))
                    for a in step.project.action_points
                ],
                bulletType="bullet",
            )
        )
    if ctx.result.unanswered:
        story.append(Paragraph(escape(ctx.t("unanswered")), styles["Heading2"]))
        rows = [
            [escape(q.text.get(lang))] for q in ctx.model.questions if q.id in ctx.result.unanswered
        ]
        table = Table([[Paragraph(r[0], small)] for r in rows], colWidths=[170 * mm])
        table.setStyle(
            TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#dfe5e9"))])
        )
        story.append(table)
    doc.build(story)
    return buffer.getvalue()
