from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "tongxin.imports"
    verbose_name = "数据导入"
