"""`field__prefix=value`: an index-friendly "starts with" on both databases.

PostgreSQL: LIKE 'value%' (served by a varchar_pattern_ops index). SQLite: a BINARY range
(value <= field < value-with-last-char-incremented), because SQLite's case-insensitive LIKE cannot
use an ordinary index. Values are expected to be plain ASCII search keys (pinyin, digits).
"""

from django.db.models import CharField, Lookup


@CharField.register_lookup
class Prefix(Lookup):
    lookup_name = "prefix"
    prepare_rhs = False

    def _bounds(self):
        value = str(self.rhs)
        return value, value[:-1] + chr(ord(value[-1]) + 1)

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        value = str(self.rhs)
        escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"{lhs} LIKE %s", [*lhs_params, escaped + "%"]

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        low, high = self._bounds()
        return f"({lhs} >= %s AND {lhs} < %s)", [*lhs_params, low, *lhs_params, high]
