"""What a person does, in headless Chromium: log in, search, register, scope, phone width."""

import datetime

import pytest

from conftest import PASSWORD
from tests.browser.conftest import log_in, shot
from tongxin.core.idcard import make_id_number
from tongxin.people.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_log_in_and_see_the_home_page(new_page, users):
    page = new_page()
    page.goto(page.base + "/")
    assert "/accounts/login/" in page.url
    page.fill("#id_username", "worker")
    page.fill("#id_password", "wrong-password")
    page.click("button[type=submit]")
    assert "用户名或密码错误" in page.inner_text(".alert-danger")
    log_in(page, "worker", PASSWORD)
    assert "您好" in page.inner_text("h1")
    assert page.is_visible("#todo")
    shot(page, "home-desktop")


def test_search_a_person_by_pinyin_initials(new_page, users, world):
    world.person(world.community, name="张三丰")
    world.person(world.community, name="李四")
    page = new_page()
    log_in(page, "worker", PASSWORD)
    page.click("text=人员")
    page.fill("input[name=q]", "zsf")
    page.wait_for_function("document.querySelectorAll('#people-table tbody tr').length === 1")
    assert page.inner_text("#people-table tbody").startswith("张三丰")
    assert "q=zsf" in page.url  # the search is in the address bar, so it can be shared and reloaded
    shot(page, "people-search")


def test_adding_a_person_with_a_bad_id_shows_the_error_beside_the_field(new_page, users):
    page = new_page()
    log_in(page, "worker", PASSWORD)
    page.goto(page.base + "/people/new/")
    page.fill("#id_name", "张三丰")
    page.fill("#id_id_number", "110105194912310021")
    page.click("#person-form button[type=submit]")
    error = page.locator('.invalid-feedback[data-field="id_number"]')
    assert error.inner_text() == "身份证号码校验位不正确，请核对。"
    assert "is-invalid" in page.get_attribute("#id_id_number", "class")
    shot(page, "person-bad-id")
    number = make_id_number("371621", datetime.date(1960, 5, 4), 131)
    page.fill("#id_id_number", number.lower())
    page.click("#person-form button[type=submit]")
    page.wait_for_url("**/people/*/")
    assert Person.objects.get(id_number=number).name == "张三丰"
    assert "男" in page.inner_text("dl")


def test_an_object_outside_ones_scope_is_404(new_page, users, world):
    outsider = world.person(world.other_community, name="何坊居民")
    page = new_page()
    log_in(page, "worker", PASSWORD)
    response = page.goto(page.base + f"/people/{outsider.pk}/")
    assert response.status == 404
    assert "页面不存在" in page.inner_text("main")
    assert "何坊居民" not in page.content()
    response = page.goto(page.base + f"/orgs/{world.general.pk}/")
    assert response.status == 404


def test_pages_work_at_phone_width(new_page, users, world):
    for _ in range(5):
        world.person(world.community)
    page = new_page(width=390, height=844)
    log_in(page, "worker", PASSWORD)
    assert page.is_visible(".navbar-toggler")
    assert not page.is_visible("#mainnav")
    page.click(".navbar-toggler")
    page.locator("#mainnav").get_by_text("人员").click()
    page.wait_for_url("**/people/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page is {width}px wide at a 390px viewport"
    shot(page, "people-phone")
    page.goto(page.base + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "home-phone")


def test_full_id_reveal_for_business_staff(new_page, users, world):
    person = world.person(world.community)
    page = new_page()
    log_in(page, "staff", PASSWORD)
    page.goto(page.base + f"/people/{person.pk}/")
    assert page.inner_text("#id-number") == person.masked_id_number
    page.click("#reveal-btn")
    page.wait_for_function(f"document.querySelector('#id-number').innerText === '{person.id_number}'")
    page.reload()
    assert "查看完整身份证号" in page.inner_text("main")


def test_organisation_page_draws_its_chart(new_page, users, world):
    world.member(world.other_branch)
    page = new_page()
    log_in(page, "officer", PASSWORD)
    page.goto(page.base + f"/orgs/{world.general.pk}/")
    page.wait_for_selector("#child-chart svg")
    assert "社会救助党支部" in page.inner_text("#child-chart")
    shot(page, "org-chart")
