import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tongxin.accounts.roles import Role


class User(AbstractUser):
    """A log-in. `person` links it to the one identity record of the human behind it."""

    person = models.OneToOneField(
        "people.Person", verbose_name=_("人员"), null=True, blank=True, related_name="user", on_delete=models.SET_NULL
    )
    display_name = models.CharField(_("显示名称"), max_length=50, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("账号")

    def __str__(self):
        return self.display_name or self.username


class RoleAssignment(models.Model):
    """(user, role, organisation subtree): exactly one of `party_org` / `unit` is the subtree's root."""

    user = models.ForeignKey(User, related_name="role_assignments", on_delete=models.CASCADE)
    role = models.CharField(_("角色"), max_length=30, choices=Role.choices)
    party_org = models.ForeignKey(
        "orgs.PartyOrg", verbose_name=_("党组织范围"), null=True, blank=True, on_delete=models.CASCADE
    )
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("单位范围"), null=True, blank=True, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("角色授权")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(party_org__isnull=False, unit__isnull=True)
                    | models.Q(party_org__isnull=True, unit__isnull=False)
                ),
                name="role_scope_exactly_one_root",
                violation_error_message="角色授权必须且只能指定一个党组织或一个单位作为范围。",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "party_org", "unit"],
                name="role_assignment_unique",
                violation_error_message="该账号已有相同范围的此角色。",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.party_org or self.unit}"


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(expires_at__gt=timezone.now())


class ApiToken(models.Model):
    """Bearer token for the JSON API. Only a SHA-256 digest is stored."""

    user = models.ForeignKey(User, related_name="api_tokens", on_delete=models.CASCADE)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("接口令牌")

    def __str__(self):
        return f"{self.user} 的令牌（至 {self.expires_at:%Y-%m-%d %H:%M}）"

    @classmethod
    def issue(cls, user) -> str:
        raw = secrets.token_urlsafe(32)
        cls.objects.create(user=user, digest=_digest(raw), expires_at=timezone.now() + settings.API_TOKEN_LIFETIME)
        return raw

    @classmethod
    def user_for(cls, raw: str):
        if not raw or len(raw) > 200:
            return None
        token = cls.objects.active().select_related("user").filter(digest=_digest(raw)).first()
        if token is None or not token.user.is_active:
            return None
        return token.user
