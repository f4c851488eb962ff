"""What each person sees first: their figures and what they have to do next."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tongxin.accounts.roles import Cap, Role
from tongxin.accounts.scope import scope_for
from tongxin.imports.models import ImportJob, ImportStatus
from tongxin.members.models import Member
from tongxin.orgs.models import PartyOrg, Unit
from tongxin.people.models import Person


def home_summary(user) -> dict:
    scope = scope_for(user)
    stats = []
    if scope.roles - {Role.PARTY_MEMBER} or scope.is_global:
        orgs = PartyOrg.objects.visible_to(user)
        stats.append({"label": _("党组织"), "value": orgs.count(), "url": "/orgs/"})
        stats.append(
            {"label": pgettext("人数", "党员"), "value": Member.objects.visible_to(user).count(), "url": "/orgs/"}
        )
        if scope.can(Cap.VIEW_PEOPLE):
            stats.append({"label": _("登记人员"), "value": Person.objects.visible_to(user).count(), "url": "/people/"})
        stats.append({"label": _("行政单位"), "value": Unit.objects.visible_to(user).count(), "url": "/units/"})
    me = None
    if user.person_id:
        person = Person.objects.select_related("unit").get(pk=user.person_id)
        membership = Member.objects.select_related("org").filter(person_id=person.pk).first()
        me = {"person": person, "membership": membership}
    failed_imports = list(
        ImportJob.objects.filter(created_by=user, status=ImportStatus.FAILED).order_by("-created_at")[:5]
    )
    return {"stats": stats, "me": me, "failed_imports": failed_imports, "scope": scope}
