from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from tongxin.core.forms import StyledFormMixin


class LoginForm(StyledFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码错误。连续输错6次，账号将锁定30分钟。",
        "inactive": "此账号已停用。",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"
        self.fields["username"].widget.attrs["autocomplete"] = "username"


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    pass
