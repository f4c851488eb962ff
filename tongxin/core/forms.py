from django import forms
from django.core.exceptions import ValidationError


class DateInput(forms.DateInput):
    """A browser date picker; its value must be ISO (YYYY-MM-DD) whatever the interface language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class StyledFormMixin:
    """Bootstrap classes on every widget; service errors land on the matching field."""

    field_aliases: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()

    def add_service_error(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                name = self.field_aliases.get(field, field)
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error)
        self._mark_invalid()

    def full_clean(self):
        super().full_clean()
        self._mark_invalid()

    def _mark_invalid(self):
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                if "is-invalid" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"
                widget.attrs["aria-invalid"] = "true"
