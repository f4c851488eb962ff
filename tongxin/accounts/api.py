from django.contrib.auth import authenticate
from ninja import Router, Schema, Status
from pydantic import Field

from tongxin.accounts.models import ApiToken
from tongxin.core.api_base import StrictSchema, responses
from tongxin.core.errors import single_error

router = Router(tags=["认证"])


class TokenIn(StrictSchema):
    username: str = Field(max_length=150)
    password: str = Field(max_length=256)


class TokenOut(Schema):
    token: str


@router.post(
    "/token",
    auth=None,
    response=responses({200: TokenOut}, 401, 429, public=True),
    summary="用用户名和密码换取 Bearer 令牌",
)
def token_obtain(request, payload: TokenIn):
    """Six wrong passwords in a row lock the account for 30 minutes (429)."""
    user = authenticate(request=request, username=payload.username, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        return Status(429, single_error("locked_out", "登录失败次数过多，账号已锁定30分钟，请稍后再试或联系管理员。"))
    if user is None or not user.is_active:
        return Status(401, single_error("invalid_credentials", "用户名或密码错误。"))
    return Status(200, {"token": ApiToken.issue(user)})
