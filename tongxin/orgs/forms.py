from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from tongxin.core.forms import DateInput, StyledFormMixin
from tongxin.orgs.choices import PartyOrgKind, UnitKind
from tongxin.orgs.models import PartyOrg, Unit


class TreeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        depth = getattr(obj, "tree_depth", 0)
        return "　" * depth + obj.name


class PartyOrgForm(StyledFormMixin, forms.Form):
    field_aliases = {"parent_id": "parent", "unit_id": "unit"}

    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类型"), choices=PartyOrgKind.choices)
    parent = TreeChoiceField(
        label=_("上级党组织"), queryset=PartyOrg.objects.none(), required=False, empty_label=_("（无：顶层组织）")
    )
    unit = TreeChoiceField(
        label=_("所在单位"), queryset=Unit.objects.none(), required=False, empty_label=_("（沿用上级的单位）")
    )
    established_on = forms.DateField(label=_("成立日期"), required=False, widget=DateInput())

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = PartyOrg.objects.visible_to(user).with_tree_fields()
        self.fields["unit"].queryset = Unit.objects.visible_to(user).with_tree_fields()


class UnitForm(StyledFormMixin, forms.Form):
    field_aliases = {"parent_id": "parent"}

    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类型"), choices=UnitKind.choices)
    parent = TreeChoiceField(
        label=_("上级单位"), queryset=Unit.objects.none(), required=False, empty_label=_("（无：顶层单位）")
    )
    region_code = forms.CharField(
        label=_("行政区划代码"), max_length=6, required=False, help_text=_("6位数字；不填时沿用上级")
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Unit.objects.visible_to(user).with_tree_fields()


class MoveForm(StyledFormMixin, forms.Form):
    field_aliases = {"parent_id": "parent"}

    parent = TreeChoiceField(
        label=_("移到此上级之下"), queryset=PartyOrg.objects.none(), required=False, empty_label=_("（顶层）")
    )

    def __init__(self, *args, queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = queryset


class PartyOrgSettingsForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100)
    established_on = forms.DateField(label=_("成立日期"), required=False, widget=DateInput())
    term_started_on = forms.DateField(label=_("本届任期开始"), required=False, widget=DateInput())
    term_years = forms.TypedChoiceField(
        label=_("任期（年）"), required=False, coerce=int, empty_value=None,
        choices=[("", _("按规定（村、社区5年，其他3年）")), (3, "3"), (5, "5")],
    )  # fmt: skip
    farmer_dues_amount = forms.DecimalField(
        label=_("农民党员每月党费（元）"), min_value=Decimal("0.20"), max_value=Decimal("1.00"), decimal_places=2
    )
