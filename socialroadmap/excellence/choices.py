from django.db import models
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.departments import MODEL_DEPARTMENTS, Department

# Department lives in core (one list for every tool); re-exported for older imports.
__all__ = ["MODEL_DEPARTMENTS", "Department"]


class TeamRole(models.TextChoices):
    """Hub and spokes: the conversation manager leads, the centre of excellence is the
    hub, and a spoke carries social media into one department."""

    CONVERSATION_MANAGER = "conversation_manager", _("Conversation manager")
    COE_MEMBER = "coe_member", _("Centre-of-excellence member")
    SPOKE = "spoke", _("Department spoke")


class ConversationKind(models.TextChoices):
    """What a conversation is about, which decides who answers it."""

    COMPLAINT = "complaint", _("Complaint")
    CRISIS = "crisis", _("Crisis")
    PRESS = "press", _("Press question")
    JOB_QUESTION = "job_question", _("Job question")
    PRODUCT_IDEA = "product_idea", _("Product idea")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")
