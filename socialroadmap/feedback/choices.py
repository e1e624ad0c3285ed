from django.db import models
from django.utils.translation import gettext_lazy as _

from socialroadmap.excellence.choices import ConversationKind


class FeedbackKind(models.TextChoices):
    """What the customer gave us; the first three are the everyday feedback, the others
    borrow the escalation matrix's own kinds."""

    COMPLAINT = "complaint", _("Complaint")
    QUESTION = "question", _("Question")
    IDEA = "idea", _("Idea")
    CRISIS = "crisis", _("Crisis")
    PRESS = "press", _("Press question")
    JOB_QUESTION = "job_question", _("Job question")


# The cell of the escalation matrix that decides who takes a kind of feedback.
ROUTING_KIND: dict[str, str] = {
    FeedbackKind.COMPLAINT: ConversationKind.COMPLAINT,
    FeedbackKind.QUESTION: ConversationKind.OTHER,
    FeedbackKind.IDEA: ConversationKind.PRODUCT_IDEA,
    FeedbackKind.CRISIS: ConversationKind.CRISIS,
    FeedbackKind.PRESS: ConversationKind.PRESS,
    FeedbackKind.JOB_QUESTION: ConversationKind.JOB_QUESTION,
}


class State(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ACTION_DECIDED = "action_decided", _("Action decided")
    DONE = "done", _("Done")
    REJECTED = "rejected", _("Rejected")


# Where an item may go from each state: one step forward, or rejected with a reason.
NEXT_STATES: dict[str, tuple[str, ...]] = {
    State.RECEIVED: (State.ACKNOWLEDGED, State.REJECTED),
    State.ACKNOWLEDGED: (State.ACTION_DECIDED, State.REJECTED),
    State.ACTION_DECIDED: (State.DONE, State.REJECTED),
    State.DONE: (),
    State.REJECTED: (),
}
OPEN_STATES = (State.RECEIVED, State.ACKNOWLEDGED, State.ACTION_DECIDED)


class Source(models.TextChoices):
    LISTENING = "listening", _("Listening post")
    SOUNDING_BOARD = "sounding_board", _("Sounding board")
    MANUAL = "manual", _("By hand")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")


# Targets when the organisation set none: acknowledge within a day (unless the matrix
# says faster), act within two weeks.
DEFAULT_ACKNOWLEDGE_HOURS = 24
DEFAULT_ACTION_DAYS = 14
# An owner hears about the same overdue item at most once in this many hours.
WARNING_INTERVAL_HOURS = 24
