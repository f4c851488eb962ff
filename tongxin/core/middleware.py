from auditlog.context import set_extra_data
from django.utils.functional import SimpleLazyObject


class AuditActorMiddleware:
    """Attach the acting user to audit log entries.

    Unlike auditlog's own middleware, the user is read lazily, when the first entry is written,
    so callers authenticated later in the request (API bearer tokens) are recorded too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        def actor():
            user = getattr(request, "user", None)
            return user if user is not None and user.is_authenticated else None

        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        remote_addr = forwarded.split(",")[0].strip() if forwarded else request.META.get("REMOTE_ADDR")
        context = {"actor": SimpleLazyObject(actor), "remote_addr": remote_addr}
        with set_extra_data(context_data=context):
            return self.get_response(request)


class LanguageMiddleware:
    """Chinese unless the user chose otherwise (the language cookie set by /i18n/setlang/).

    Django's LocaleMiddleware would follow the browser's Accept-Language; bureau computers with an
    English system locale would then open in English, which is not what a Chinese office expects.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
