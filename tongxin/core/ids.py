MAX_ID = 2**63 - 1


def valid_pk(value) -> int | None:
    """An integer primary key within the database's range, or None."""
    try:
        value = int(value)
    except (TypeError, ValueError):
        return None
    return value if 1 <= value <= MAX_ID else None
