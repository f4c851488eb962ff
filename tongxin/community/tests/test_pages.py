import datetime

from django.utils import timezone

from tongxin.community import services
from tongxin.community.models import Appeal, CharityItem, SurveyResponse
from tongxin.members.models import DuesBill


def test_intake_and_handling_through_the_pages(world, users, client):
    client.force_login(users["worker"])
    page = client.get("/community/appeals/")
    assert page.status_code == 200 and "受理诉求" in page.content.decode()
    response = client.post("/community/appeals/", {
        "community_id": world.community.pk, "channel": "window", "category": "environment", "content": "楼道灯坏了",
        "contact_name": "李阿姨", "contact_phone": "13912345678", "received_at": "2026-09-30T10:00",
    })  # fmt: skip
    appeal = Appeal.objects.get()
    assert response.url == f"/community/appeals/{appeal.pk}/"
    assert timezone.localtime(appeal.due_at).strftime("%Y-%m-%d %H:%M") == "2026-10-10 10:00"
    text = client.get(response.url).content.decode()
    assert "139****5678" in text and "13912345678" not in text  # the worker does not see full numbers
    client.post(response.url, {"action": "assign", "unit_id": world.community.pk})
    client.post(response.url, {"action": "reply", "note": "已更换灯泡"})
    response = client.post(response.url, {"action": "follow_up"}, follow=True)
    assert "回访请记录满意度" in response.content.decode()
    client.post(f"/community/appeals/{appeal.pk}/", {"action": "follow_up", "satisfaction": "satisfied"})
    client.post(f"/community/appeals/{appeal.pk}/", {"action": "close"})
    assert Appeal.objects.get().status == "closed"
    response = client.post("/community/appeals/", {"community_id": world.community.pk, "channel": "window",
                                                   "category": "environment", "content": "", "received_at": "x"},
                           follow=True)  # fmt: skip
    assert "受理时间格式不对" in response.content.decode() and Appeal.objects.count() == 1


def test_charity_page_in_out_receipt_and_errors(world, users, client):
    client.force_login(users["worker"])
    client.post(
        "/community/charity/", {"action": "item", "community_id": world.community.pk, "name": "面粉", "unit": "袋"}
    )
    item = CharityItem.objects.get()
    response = client.post("/community/charity/", {"action": "move", "item_id": item.pk, "direction": "in",
                                                   "quantity": "20", "value": "600", "donor_kind": "member",
                                                   "donor_name": "党员王某"})  # fmt: skip
    receipt = client.get(response.url).content.decode()
    assert "捐赠收据" in receipt and "面粉 20.00袋" in receipt and "600.00 元" in receipt
    resident = world.person(world.community, name="困难户丁")
    response = client.post("/community/charity/", {"action": "move", "item_id": item.pk, "direction": "out",
                                                   "quantity": "25", "recipient_id_number": resident.id_number},
                           follow=True)  # fmt: skip
    assert "库存不足" in response.content.decode()
    client.post("/community/charity/", {"action": "move", "item_id": item.pk, "direction": "out", "quantity": "5",
                                        "recipient_id_number": resident.id_number})  # fmt: skip
    assert CharityItem.objects.get().stock == 15
    page = client.get("/community/charity/").content.decode()
    assert "困难户丁" in page


def test_public_board_shows_figures_and_no_personal_data(world, users, client):
    resident = world.person(world.community, name="欧阳困难")
    appeal = services.appeal_create(actor=users["worker"], community=world.community, channel="phone",
                                    category="consult", content="咨询低保政策", received_at=timezone.now(),
                                    contact_name="欧阳困难", contact_phone="13700001234")  # fmt: skip
    services.appeal_transition(actor=users["worker"], appeal=appeal, action="assign")
    services.appeal_transition(actor=users["worker"], appeal=appeal, action="reply", note="已解答")
    services.appeal_transition(actor=users["worker"], appeal=appeal, action="follow_up", satisfaction="satisfied")
    item = services.charity_item_create(actor=users["worker"], name="大米", unit="袋", owner=world.community)
    services.charity_move(actor=users["worker"], item=item, direction="in", quantity=10, donor_name="某企业")
    services.charity_move(actor=users["worker"], item=item, direction="out", quantity=2, recipient=resident)
    member = world.member(world.community_branch, name="郑党员")
    month = timezone.localdate().replace(day=1)
    DuesBill.objects.create(member=member, org=world.community_branch, month=month, category="employed", base=4000,
                            rate="0.01", amount="40.00", paid_amount="40.00")  # fmt: skip
    survey = services.survey_create(actor=users["worker"], unit=world.community, title="测评", questions=["态度"],
                                    opens_on=timezone.localdate(), closes_on=timezone.localdate())  # fmt: skip
    services.survey_respond(survey=survey, answers=["satisfied"])
    response = client.get(f"/board/community/{world.community.pk}/")  # no log-in
    assert response.status_code == 200
    text = response.content.decode()
    assert "乐安社区" in text and "100.0%" in text and "欧**难" in text and "乐安社区党支部" in text
    for secret in ("欧阳困难", resident.id_number, "13700001234", "郑党员", "4000"):
        assert secret not in text
    branch = client.get(f"/board/branch/{world.community_branch.pk}/").content.decode()
    assert "40.00" in branch and "郑党员" not in branch
    assert client.get(f"/board/community/{world.street.pk}/").status_code == 404
    assert client.get("/board/branch/999999/").status_code == 404


def test_public_survey_form_records_a_response_without_log_in(world, users, client):
    today = timezone.localdate()
    survey = services.survey_create(actor=users["worker"], unit=world.community, title="便民服务满意度",
                                    questions=["办事效率", "服务态度"], opens_on=today, closes_on=today)  # fmt: skip
    url = f"/survey/{survey.token}/"
    assert "便民服务满意度" in client.get(url).content.decode()
    assert "感谢您的评价" in client.post(url, {"q0": "satisfied", "q1": "basic"}).content.decode()
    assert "请为每一道题选择" in client.post(url, {"q0": "satisfied"}).content.decode()
    assert SurveyResponse.objects.count() == 1
    survey.closes_on = today - datetime.timedelta(days=1)
    survey.opens_on = today - datetime.timedelta(days=2)
    survey.save()
    assert "本次测评时间为" in client.get(url).content.decode()
    assert client.get("/survey/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_every_desk_page_opens_and_is_scoped(world, users, client):
    client.force_login(users["worker"])
    for url in ("/community/appeals/", "/community/disputes/", "/community/charity/", "/community/volunteers/",
                "/community/pairings/", "/community/surveys/", "/community/appeals/?month=bad&page=x"):  # fmt: skip
        assert client.get(url).status_code == 200, url
    appeal = services.appeal_create(actor=users["worker"], community=world.community, channel="phone",
                                    category="consult", content="x", received_at=timezone.now())  # fmt: skip
    other = world.user("hf", "community_worker", unit=world.other_community)
    client.force_login(other)
    assert client.get(f"/community/appeals/{appeal.pk}/").status_code == 404
    client.force_login(users["secretary"])
    assert client.get("/community/appeals/").status_code == 403
