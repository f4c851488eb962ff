from django.core.management.base import BaseCommand

from tongxin.core.periodic import registered_checks, run_checks


class Command(BaseCommand):
    help = "运行所有已登记的定期检查（幂等，可由 cron 或 systemd 定时器每几分钟运行一次）。"

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", help="只运行这些检查（名称）")
        parser.add_argument("--list", action="store_true", help="列出已登记的检查")

    def handle(self, *args, only=None, list=False, **options):
        if list:
            for check in registered_checks():
                self.stdout.write(f"{check.name}\t{check.label}")
            return
        failed = 0
        for run in run_checks(only=only):
            status = "成功" if run.ok else "失败"
            failed += 0 if run.ok else 1
            self.stdout.write(f"[{status}] {run.name}: {run.summary.splitlines()[-1] if run.summary else ''}")
        if failed:
            raise SystemExit(1)
