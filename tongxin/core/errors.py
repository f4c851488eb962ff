"""One error shape for the API and one vocabulary for services.

Services raise Django's ValidationError({field: message}, code=...) for bad input (HTTP 422) and
`Conflict` when the request is well-formed but clashes with the state of the data (HTTP 409:
a duplicate ID number, an illegal state transition, a concurrent change).
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class Conflict(ValidationError):
    status_code = 409


def error_items(exc: ValidationError) -> list[dict]:
    items = []
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                items.append(_item(None if field in (NON_FIELD_ERRORS, None) else field, error))
    else:
        for error in exc.error_list:
            items.append(_item(None, error))
    return items


def _item(field, error: ValidationError) -> dict:
    message = error.message
    if error.params:
        message = message % error.params
    return {"field": field, "code": error.code or "invalid", "message": str(message)}


def errors_body(items: list[dict]) -> dict:
    return {"errors": items}


def single_error(code: str, message: str, field: str | None = None) -> dict:
    return {"errors": [{"field": field, "code": code, "message": message}]}
