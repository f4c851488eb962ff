"""English for the msgids in locale/en/LC_MESSAGES/django.po (Chinese is the source language).

Run after `manage.py makemessages -l en`: fills empty msgstr entries from this table, then
`manage.py compilemessages -l en`. A msgid missing here stays untranslated (shown in Chinese).
"""

from pathlib import Path

import polib_lite

EN = {
    "简体中文": "简体中文",
    "English": "English",
    "没有权限": "Not permitted",
    "您的角色不能进行此项操作。": "Your role cannot do this.",
    "回到首页": "Back to the home page",
    "未找到": "Not found",
    "页面不存在": "Page not found",
    "您要找的内容不存在，或不在您的权限范围内。": "What you are looking for does not exist or is outside your scope.",
    "上一页": "Previous",
    "第 %(n)s / %(total)s 页": "Page %(n)s of %(total)s",
    "下一页": "Next",
    "同心": "Tongxin",
    "同心 民政党建业务融合平台": "Tongxin civil-affairs platform",
    "菜单": "Menu",
    "修改密码": "Change password",
    "系统管理后台": "Administration",
    "退出登录": "Log out",
    "同心 · 民政党建与业务融合平台": "Tongxin · Party building and civil-affairs work",
    "系统管理员": "System administrator",
    "局组织委员": "Bureau organisation officer",
    "支部书记": "Branch secretary",
    "党员": "Party member",
    "业务科室人员": "Business staff",
    "乡镇（街道）审核员": "Township reviewer",
    "社区工作者": "Community worker",
    "登录": "Log in",
    "同心 · 民政党建业务融合平台": "Tongxin · civil-affairs platform",
    "请使用单位分配的账号登录": "Log in with the account your unit gave you",
    "首页": "Home",
    "人员": "People",
    "党组织": "Party organisations",
    "行政单位": "Units",
    "数据导入": "Import",
    "工作日历": "Working days",
    "定期检查": "Periodic checks",
    "登记人员": "Registered people",
    "您好，%(user)s": "Hello, %(user)s",
    "待办事项": "To do",
    "导入": "Import",
    "目前没有需要您处理的事项。": "Nothing needs your attention right now.",
    "我的信息": "About me",
    "此账号尚未关联人员信息。": "This account is not linked to a person record yet.",
    "角色": "Roles",
    "人数\x04党员": "Party members",
    "（未授权）": "(none)",
    "男": "Male",
    "女": "Female",
    "共 %(n)s 人": ("%(n)s person", "%(n)s people"),
    "，匹配“%(q)s”": ", matching “%(q)s”",
    "姓名": "Name",
    "性别": "Gender",
    "出生日期": "Date of birth",
    "身份证号": "ID number",
    "登记单位": "Registered at",
    "没有找到匹配“%(q)s”的人员。": "Nobody matches “%(q)s”.",
    "还没有登记人员。": "No one is registered yet.",
    "导出": "Export",
    "姓名、拼音、首字母（如 zsf）或身份证号末几位": "Name, pinyin, initials (e.g. zsf) or the last digits of the ID",
    "搜索人员": "Search people",
    "搜索": "Search",
}

if __name__ == "__main__":
    path = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"
    polib_lite.fill(path, EN)
