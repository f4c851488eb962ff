from django import forms
from django.utils.translation import gettext_lazy as _

from tongxin.core.forms import StyledFormMixin
from tongxin.imports.models import ImportKind
from tongxin.orgs.forms import TreeChoiceField
from tongxin.orgs.models import PartyOrg, Unit


class ImportForm(StyledFormMixin, forms.Form):
    field_aliases = {"unit_id": "unit", "org_id": "org"}

    kind = forms.ChoiceField(label=_("导入内容"), choices=ImportKind.choices)
    unit = TreeChoiceField(label=_("登记单位（导入人员时）"), queryset=Unit.objects.none(), required=False)
    org = TreeChoiceField(label=_("党组织（导入党员时）"), queryset=PartyOrg.objects.none(), required=False)
    file = forms.FileField(label=_("Excel 文件（.xlsx）"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.visible_to(user).with_tree_fields()
        self.fields["org"].queryset = PartyOrg.objects.visible_to(user).with_tree_fields().exclude(kind="group")
