from django import forms
from django.utils.translation import gettext_lazy as _

from tongxin.core.forms import StyledFormMixin
from tongxin.orgs.models import Unit


class PersonForm(StyledFormMixin, forms.Form):
    field_aliases = {"unit_id": "unit"}

    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(
        label=_("身份证号"),
        max_length=18,
        min_length=1,
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "tx-mono"}),
    )
    phone = forms.CharField(
        label=_("手机号码"), max_length=20, required=False, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    address = forms.CharField(label=_("住址"), max_length=200, required=False)
    unit = forms.ModelChoiceField(
        label=_("登记单位"), queryset=Unit.objects.none(), required=False, empty_label=_("（默认：我的单位）")
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["id_number"].error_messages["max_length"] = "身份证号码应为18位。"
        self.fields["unit"].queryset = Unit.objects.visible_to(user).order_by("id")
