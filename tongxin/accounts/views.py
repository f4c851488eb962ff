from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse_lazy

from tongxin.accounts.forms import LoginForm, StyledPasswordChangeForm
from tongxin.core.errors import single_error

LOCKED_MESSAGE = "登录失败次数过多，账号已锁定30分钟，请稍后再试或联系管理员解锁。"


def lockout_response(request, original_response=None, credentials=None):
    """django-axes calls this for a locked-out account, for the pages and the API alike."""
    if request.path.startswith("/api/"):
        return JsonResponse(single_error("locked_out", LOCKED_MESSAGE), status=429)
    form = LoginForm(request, data=request.POST or None)
    form.errors.clear()
    form.add_error(None, LOCKED_MESSAGE)
    return render(request, "accounts/login.html", {"form": form, "locked": True}, status=429)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = StyledPasswordChangeForm
    success_url = reverse_lazy("core:home")

    def form_valid(self, form):
        from django.contrib import messages

        messages.success(self.request, "密码已修改。")
        return super().form_valid(form)
