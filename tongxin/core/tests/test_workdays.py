import datetime

import pytest

from tongxin.core import workdays
from tongxin.core.calendar_services import calendar_year_save
from tongxin.core.models import CalendarYear

D = datetime.date


@pytest.mark.django_db
class TestOfficialCalendar:
    def test_national_day_week_and_adjusted_saturday(self):
        # 2026: 1–7 October off; Saturday 10 October is an adjusted working day (调休).
        result = workdays.add_working_days(D(2026, 9, 28), 5)
        assert result == workdays.WorkdayResult(D(2026, 10, 10), "official")

    def test_plain_weekend_is_skipped(self):
        # Friday 2026-11-20 + 1 working day = Monday 2026-11-23.
        assert workdays.add_working_days(D(2026, 11, 20), 1).date == D(2026, 11, 23)

    def test_spring_festival_2026(self):
        # 2026 Spring Festival: 15–23 February off; 14 Feb (Sat) and 28 Feb (Sat) adjusted working days.
        assert workdays.is_working_day(D(2026, 2, 14)) == (True, "official")
        assert workdays.is_working_day(D(2026, 2, 18)) == (False, "official")
        assert workdays.add_working_days(D(2026, 2, 13), 1).date == D(2026, 2, 14)
        assert workdays.add_working_days(D(2026, 2, 14), 1).date == D(2026, 2, 24)

    def test_zero_days_is_the_start_itself(self):
        assert workdays.add_working_days(D(2026, 10, 3), 0).date == D(2026, 10, 3)

    def test_between_counts_working_days_after_start_up_to_end(self):
        count = workdays.working_days_between(D(2026, 9, 28), D(2026, 10, 10))
        assert count == workdays.WorkdayCount(5, "official")
        assert workdays.working_days_between(D(2026, 10, 10), D(2026, 9, 28)).days == -5

    def test_thirty_working_days_from_an_application(self):
        # The default statutory limit for an assistance case. Counted: Sunday 20 Sep (调休上班) and
        # Saturday 10 Oct (调休上班); not counted: Mid-Autumn Friday 25 Sep and 1–7 Oct.
        assert workdays.add_working_days(D(2026, 9, 15), 30).date == D(2026, 11, 2)
        assert workdays.working_days_between(D(2026, 9, 15), D(2026, 11, 2)).days == 30


@pytest.mark.django_db
class TestYearsNotCovered:
    def test_future_year_falls_back_to_weekends_and_says_so(self):
        # 2027 is not published in the installed chinesecalendar release.
        assert 2027 not in workdays.official_years()
        result = workdays.add_working_days(D(2027, 9, 30), 1)
        assert result == workdays.WorkdayResult(D(2027, 10, 1), "weekends_only")

    def test_a_span_into_an_uncovered_year_reports_the_weaker_source(self):
        result = workdays.add_working_days(D(2026, 12, 30), 5)
        assert result.source == "weekends_only"

    def test_far_future_never_crashes(self):
        assert workdays.add_working_days(D(2199, 12, 1), 10).source == "weekends_only"
        assert workdays.working_days_between(D(2190, 1, 1), D(2199, 1, 1)).days > 2000

    def test_admin_entered_year_is_used(self, users):
        calendar_year_save(
            actor=users["admin"],
            year=2027,
            note="测试",
            holidays="2027-10-01~2027-10-07 国庆节",
            workdays="2027-10-09 国庆调休",
        )
        assert workdays.is_working_day(D(2027, 10, 4)) == (False, "admin")
        assert workdays.is_working_day(D(2027, 10, 9)) == (True, "admin")
        result = workdays.add_working_days(D(2027, 9, 30), 2)
        assert result == workdays.WorkdayResult(D(2027, 10, 9), "admin")

    def test_admin_entry_is_validated(self, users):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError) as info:
            calendar_year_save(actor=users["admin"], year=2027, holidays="2027-02-30 错误日期")
        assert "holidays" in info.value.error_dict
        with pytest.raises(ValidationError) as info:
            calendar_year_save(actor=users["admin"], year=2027, holidays="2028-01-01 元旦")
        assert info.value.error_dict["holidays"][0].code == "year"
        with pytest.raises(ValidationError) as info:
            calendar_year_save(actor=users["admin"], year=2027, holidays="2027-01-01", workdays="2027-01-01")
        assert info.value.error_dict["workdays"][0].code == "clash"
        assert not CalendarYear.objects.exists()

    def test_only_administrators_enter_holidays(self, users):
        from django.core.exceptions import PermissionDenied

        with pytest.raises(PermissionDenied):
            calendar_year_save(actor=users["officer"], year=2027, holidays="2027-01-01 元旦")


def test_out_of_range_day_count_is_refused():
    with pytest.raises(ValueError):
        workdays.add_working_days(D(2026, 1, 1), -1)
