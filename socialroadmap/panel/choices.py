from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    QUESTION = "question", _("Question")
    IDEA = "idea", _("Idea")
    CONCEPT_TEST = "concept_test", _("Concept test")


class QuestionStatus(models.TextChoices):
    """A question is drafted, put to the panel, closed, and then leads to a decision."""

    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    DECIDED = "decided", _("Decided")


class AnswerSource(models.TextChoices):
    """Who typed the answer in: a manager (from an e-mail or a meeting) or the member."""

    MANAGER = "manager", _("Entered by a manager")
    MEMBER = "member", _("Given through the personal link")


# Which status may follow which; "decided" is reached by recording the decision.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    QuestionStatus.DRAFT: (QuestionStatus.OPEN,),
    QuestionStatus.OPEN: (QuestionStatus.CLOSED,),
    QuestionStatus.CLOSED: (QuestionStatus.OPEN, QuestionStatus.DECIDED),
    QuestionStatus.DECIDED: (),
}

MIN_OPTIONS = 2
MAX_OPTIONS = 6
# A personal answer link stays valid this long.
LINK_DAYS = 30
LINK_SALT = "socialroadmap.panel.answer-link"
# The panel counts as complete at this many consenting members.
FULL_PANEL = 20
# Candidates are read from the listening posts of this many days, and this many shown.
CANDIDATE_DAYS = 90
CANDIDATE_LIMIT = 20
