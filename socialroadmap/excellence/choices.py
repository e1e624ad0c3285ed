from django.db import models
from django.utils.translation import gettext_lazy as _


class TeamRole(models.TextChoices):
    """Hub and spokes: the conversation manager leads, the centre of excellence is the
    hub, and a spoke carries social media into one department."""

    CONVERSATION_MANAGER = "conversation_manager", _("Conversation manager")
    COE_MEMBER = "coe_member", _("Centre-of-excellence member")
    SPOKE = "spoke", _("Department spoke")


class Department(models.TextChoices):
    MARKETING = "marketing", _("Marketing")
    COMMUNICATION = "communication", _("Communication")
    CUSTOMER_SERVICE = "customer_service", _("Customer service")
    HR = "hr", _("HR")
    IT = "it", _("IT")
    RND = "rnd", _("R&D")
    SALES = "sales", _("Sales")
    MANAGEMENT = "management", _("Management")
    OTHER = "other", _("Other")


# The departments the model names as owners of their own plan (project 8): each needs a
# spoke before social media can go into every plan.
MODEL_DEPARTMENTS = (
    Department.MARKETING,
    Department.COMMUNICATION,
    Department.CUSTOMER_SERVICE,
    Department.HR,
    Department.IT,
    Department.RND,
    Department.SALES,
)


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
