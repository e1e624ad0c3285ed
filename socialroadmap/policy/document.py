"""The policy document of a version, in English or Dutch: built once as sections from
the decisions and the organisation's own text, then written as Markdown, as PDF or (by
the version page's template) as HTML. Also the differences between two versions."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone, translation

from socialroadmap.engine.text import Text
from socialroadmap.excellence.models import EscalationRule
from socialroadmap.policy.decisions import Decision, decisions
from socialroadmap.policy.models import PolicyVersion

# The document's own words; the product's catalogue is not needed to write Dutch.
WORDS = {
    "version": Text("Version", "Versie"),
    "status": Text("Status", "Status"),
    "approved": Text("Approved by {who} on {day}", "Goedgekeurd door {who} op {day}"),
    "not_approved": Text("Not approved yet", "Nog niet goedgekeurd"),
    "published": Text("published on {day}", "gepubliceerd op {day}"),
    "unanswered": Text("Not decided yet.", "Nog niet beslist."),
    "matrix": Text("The escalation matrix:", "De escalatiematrix:"),
    "minutes": Text("answer within {n} minutes", "antwoord binnen {n} minuten"),
    "backup": Text("backup: {who}", "vervanger: {who}"),
    "no_matrix": Text(
        "The escalation matrix is not filled in yet.", "De escalatiematrix is nog niet ingevuld."
    ),
    "draft": Text("Draft", "Ontwerp"),
    "in_review": Text("In review", "Ter goedkeuring"),
    "approved_status": Text("Approved", "Goedgekeurd"),
    "published_status": Text("Published", "Gepubliceerd"),
    "superseded": Text("Superseded", "Vervangen"),
}
STATUS_WORD = {
    "draft": "draft",
    "in_review": "in_review",
    "approved": "approved_status",
    "published": "published_status",
    "superseded": "superseded",
}


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)  # paragraphs below the bullets


@dataclass
class PolicyDocument:
    language: str
    title: str
    organization: str
    version_line: str
    approval_line: str
    intro: list[str]
    sections: list[Section]
    closing: list[str]


def paragraphs(text: str) -> list[str]:
    """Free text as paragraphs: blank lines separate them."""
    return [
        " ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()
    ]


def _day(moment: Any, language: str) -> str:
    return timezone.localtime(moment).date().isoformat() if moment else ""


def _matrix_lines(version: PolicyVersion, language: str) -> list[str]:
    rules = EscalationRule.objects.for_org(version.organization).select_related(
        "responsible", "backup"
    )
    lines = []
    with translation.override(language):
        for rule in rules:
            line = (
                f"{rule.get_kind_display()} ({rule.get_severity_display()}): "
                f"{rule.responsible.name}, "
                + WORDS["minutes"].get(language).format(n=rule.respond_within_minutes)
            )
            if rule.backup is not None:
                line += "; " + WORDS["backup"].get(language).format(who=rule.backup.name)
            lines.append(line)
    return lines


def _section(version: PolicyVersion, item: Decision, language: str) -> Section:
    answer = version.decisions.get(item.key) or {}
    choice = answer.get("choice")
    section = Section(heading=item.heading.get(language))
    keys = choice if isinstance(choice, list) else [choice] if choice else []
    chosen = [option for option in item.options if option.key in keys]
    if not chosen:
        section.paragraphs.append(WORDS["unanswered"].get(language))
    elif item.multiple:
        if item.intro is not None:
            section.paragraphs.append(item.intro.get(language))
        section.bullets = [option.text.get(language) for option in chosen]
    else:
        section.paragraphs.append(chosen[0].text.get(language))
    if item.key == "complaints" and "escalation_matrix" in keys:
        lines = _matrix_lines(version, language)
        section.paragraphs.append(WORDS["matrix" if lines else "no_matrix"].get(language))
        section.bullets = lines
    addition = (answer.get("addition") or {}).get(language, "")
    section.after = paragraphs(addition)
    return section


def build_document(version: PolicyVersion, language: str) -> PolicyDocument:
    """The document of ``version`` in ``language`` (``en`` or ``nl``)."""
    language = "nl" if language.lower().startswith("nl") else "en"
    status = WORDS[STATUS_WORD[version.status]].get(language)
    if version.approved_at is not None:
        approver: Any = version.approved_by
        who = (approver.full_name or approver.email) if approver is not None else "—"
        approval = (
            WORDS["approved"].get(language).format(who=who, day=_day(version.approved_at, language))
        )
        if version.published_at is not None:
            approval += ", " + WORDS["published"].get(language).format(
                day=_day(version.published_at, language)
            )
    else:
        approval = WORDS["not_approved"].get(language)
    return PolicyDocument(
        language=language,
        title=version.policy.title(language),
        organization=version.organization.name,
        version_line=f"{WORDS['version'].get(language)} {version.number} · {status}",
        approval_line=approval,
        intro=paragraphs(version.text("intro", language)),
        sections=[_section(version, item, language) for item in decisions()],
        closing=paragraphs(version.text("closing", language)),
    )


def to_markdown(document: PolicyDocument) -> str:
    lines = [
        f"# {document.title}",
        "",
        f"**{document.organization}**  ",
        f"{document.version_line}  ",
        document.approval_line,
        "",
    ]
    for paragraph in document.intro:
        lines += [paragraph, ""]
    for number, section in enumerate(document.sections, start=1):
        lines += [f"## {number}. {section.heading}", ""]
        for paragraph in section.paragraphs:
            lines += [paragraph, ""]
        if section.bullets:
            lines += [f"- {bullet}" for bullet in section.bullets] + [""]
        for paragraph in section.after:
            lines += [paragraph, ""]
    for paragraph in document.closing:
        lines += [paragraph, ""]
    return "\n".join(lines).rstrip() + "\n"


def to_pdf(document: PolicyDocument) -> bytes:
    """The document as an A4 PDF (ReportLab's standard fonts, as the assessment report)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    small = ParagraphStyle(
        "small", parent=styles["BodyText"], fontSize=9, textColor=colors.HexColor("#5b6b76")
    )
    body = styles["BodyText"]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=document.title,
        author=document.organization,
    )
    story: list[Any] = [
        Paragraph(escape(document.title), styles["Title"]),
        Paragraph(escape(document.organization), styles["Heading3"]),
        Paragraph(escape(document.version_line), small),
        Paragraph(escape(document.approval_line), small),
        Spacer(1, 5 * mm),
    ]
    story += [Paragraph(escape(p), body) for p in document.intro]
    for number, section in enumerate(document.sections, start=1):
        story.append(Paragraph(escape(f"{number}. {section.heading}"), styles["Heading2"]))
        story += [Paragraph(escape(p), body) for p in section.paragraphs]
        if section.bullets:
            story.append(
                ListFlowable(
                    [ListItem(Paragraph(escape(b), body)) for b in section.bullets],
                    bulletType="bullet",
                )
            )
        story += [Paragraph(escape(p), body) for p in section.after]
    if document.closing:
        story.append(Spacer(1, 4 * mm))
        story += [Paragraph(escape(p), body) for p in document.closing]
    doc.build(story)
    return buffer.getvalue()


# --- differences between versions ----------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A decision (or the own text) that differs: its name and both answers, as text."""

    name: str
    before: str
    after: str


def _answer_text(item: Decision, answer: Any, language: str) -> str:
    choice = (answer or {}).get("choice")
    keys = choice if isinstance(choice, list) else [choice] if choice else []
    labels = [o.label.get(language) for o in item.options if o.key in keys]
    text = ", ".join(labels) or "—"
    addition = ((answer or {}).get("addition") or {}).get(language, "")
    return f"{text} (+ {addition})" if addition else text


def _norm(answer: Any) -> Any:
    if not answer:
        return {"choice": None, "addition": {}}
    addition = {k: v for k, v in (answer.get("addition") or {}).items() if v}
    return {"choice": answer.get("choice") or None, "addition": addition}


def diff_versions(old: PolicyVersion, new: PolicyVersion, language: str) -> list[Change]:
    """What changed from ``old`` to ``new``: decisions first, then the own texts."""
    changes = []
    for item in decisions():
        before, after = old.decisions.get(item.key), new.decisions.get(item.key)
        if _norm(before) != _norm(after):
            changes.append(
                Change(
                    item.heading.get(language),
                    _answer_text(item, before, language),
                    _answer_text(item, after, language),
                )
            )
    for name, label in (
        ("intro", Text("Introduction", "Inleiding")),
        ("closing", Text("Closing text", "Slottekst")),
    ):
        if any(old.text(name, lang) != new.text(name, lang) for lang in ("en", "nl")):
            before_text, after_text = old.text(name, language), new.text(name, language)
            changes.append(Change(label.get(language), before_text or "—", after_text or "—"))
    return changes
