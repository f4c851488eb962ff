"""Running a service call from a page: field errors and refusals become messages, never a 500."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError


def attempt(request, func, *, success: str = ""):
    """Call `func()`; return (True, its result) or (False, None) after showing why it was refused."""
    try:
        result = func()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False, None
    except PermissionDenied as error:
        messages.error(request, str(error))
        return False, None
    if success:
        messages.success(request, success)
    return True, result
