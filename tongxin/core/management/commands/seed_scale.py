from django.core.management.base import BaseCommand, CommandError

from tongxin.core.scale import analyze_database, build_orglife_scale, build_scale


class Command(BaseCommand):
    help = "生成“城市”规模数据（批量插入）：300个党组织、--members 名党员、--people 个人员。可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=10_000)
        parser.add_argument("--people", type=int, default=200_000)
        parser.add_argument("--orgs", type=int, default=300)

    def handle(self, *args, members, people, orgs, **options):
        if members < 0 or people < 1 or orgs < 20:
            raise CommandError("参数不合理：--people 至少1，--orgs 至少20。")
        try:
            result = build_scale(members=members, people=people, orgs=orgs)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        meetings = build_orglife_scale()
        from django.utils import timezone

        from tongxin.assistance.scale import build_casework_scale

        households = build_casework_scale(today=timezone.localdate())
        if households:
            analyze_database()
            self.stdout.write(f"已生成社会救助：家庭 {households} 户（以及保障对象、申请和一年的低保发放）。")
        from tongxin.community.scale import build_community_scale

        appeals = build_community_scale()
        if appeals:
            analyze_database()
            self.stdout.write(f"已生成群众诉求 {appeals} 件（一年，384个社区）和各社区爱心超市。")
        if meetings:
            analyze_database()
            self.stdout.write(f"已生成一年的组织生活：会议 {meetings} 次（以及每名党员每月的党费账单）。")
        if not result.created:
            self.stdout.write("规模数据已存在，未重复生成。")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"已生成：行政单位 {result.units} 个，党组织 {result.orgs} 个，人员 {result.people} 人，"
                f"党员 {result.members} 名，用时 {result.seconds:.1f} 秒。"
            )
        )
