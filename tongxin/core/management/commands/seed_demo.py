from django.core.management.base import BaseCommand

from tongxin.core.demo import build_demo
from tongxin.core.periodic import run_checks


class Command(BaseCommand):
    help = "建立演示数据（滨州市民政局：1个党总支、14个党支部、286名党员；县局；街道和社区）。可重复运行。"

    def handle(self, *args, **options):
        result = build_demo()
        if result.created:
            run_checks()
            self.stdout.write(self.style.SUCCESS("演示数据已建立。"))
        else:
            self.stdout.write("演示数据已存在，未重复建立。")
        self.stdout.write("\n演示账号（密码相同）：")
        for username, password, role in result.logins:
            self.stdout.write(f"  {username:<10} 密码 {password}   {role}")
