from django import forms
from django.utils.translation import gettext_lazy as _

from tongxin.core.forms import StyledFormMixin
from tongxin.orglife.choices import MeetingKind
from tongxin.orgs.forms import TreeChoiceField
from tongxin.orgs.models import PartyOrg


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class MeetingPlanForm(StyledFormMixin, forms.Form):
    field_aliases = {"org_id": "org"}

    org = TreeChoiceField(label=_("党组织"), queryset=PartyOrg.objects.none())
    kind = forms.ChoiceField(label=_("会议类型"), choices=MeetingKind.choices)
    planned_at = forms.DateTimeField(label=_("时间"), widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M"])
    place = forms.CharField(label=_("地点"), max_length=100)
    topic = forms.CharField(label=_("内容"), max_length=200)
    agenda = forms.CharField(
        label=_("议程（程序）"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = PartyOrg.objects.visible_to(user).with_tree_fields()


class MeetingRecordForm(StyledFormMixin, forms.Form):
    held_at = forms.DateTimeField(label=_("召开时间"), widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M"])
    minutes = forms.CharField(label=_("会议记录"), widget=forms.Textarea(attrs={"rows": 6}), max_length=50_000)


class ReturnForm(StyledFormMixin, forms.Form):
    note = forms.CharField(label=_("退回原因"), max_length=300)


class UploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("照片或文件"))
