"""Site templates: lines two pages of one site share leave both; one page teaches nothing."""

from __future__ import annotations

from zhbrief.documents import Article
from zhbrief.ingest import RawSource, prepare_articles
from zhbrief.ingest.templates import (
    Sighting,
    Templates,
    host_of,
    learn,
    line_key,
    sighting,
    template_lines,
)

FOOTER = "欢迎广大读者踊跃投稿，来稿请寄本报新闻部，我们将择优刊登"
HOT = "今日热点：全市中小学明天起恢复线下教学安排"
STORIES = (
    (
        "城市图书馆推出夜间开放服务",
        "本市中心图书馆昨天宣布，自下月起每周五和周六开放至晚上十点。",
        "馆长表示，延长开放时间是读者呼声最高的建议，图书馆将增加值班馆员。",
    ),
    (
        "新能源汽车销量创新高",
        "今年前三季度，全国新能源汽车销量达到九百万辆，同比增长百分之五十。",
        "分析人士认为，充电设施的完善是销量增长的重要原因之一。",
    ),
    (
        "暴雨预警今晚生效",
        "气象台今天下午发布暴雨黄色预警，预计今晚到明天有大到暴雨。",
        "有关部门提醒市民减少外出，注意防范城市内涝和山洪地质灾害。",
    ),
)


def page(host: str, n: int, *extra: str) -> RawSource:
    """A page of `host`: a story, then the site's footer and "hot" box inside the article."""
    title, *paragraphs = STORIES[n]
    body = "".join(f"<p>{p}</p>" for p in (*paragraphs, *extra))
    html = (
        f'<html><head><title>{title}</title><link rel="canonical" href="https://{host}/{n}.html">'
        f"</head><body><div><h1>{title}</h1>{body}</div></body></html>"
    )
    return RawSource(f"{host}/{n}.html", html.encode("utf-8"))


def body(result: Article | Exception) -> list[str]:
    assert isinstance(result, Article), result
    return [p.zh for p in result.paragraphs]


def test_two_pages_of_one_site_lose_their_shared_footer_and_hot_box() -> None:
    done = prepare_articles([page("www.a.cn", 0, HOT, FOOTER), page("a.cn", 1, HOT, FOOTER)])
    for n, result in enumerate(done.results):
        assert body(result) == list(STORIES[n][1:])
        assert [r.split(":")[0] for r in result.removed] == ["site_template"] * 2  # type: ignore[union-attr]
    assert {s.host for s in done.sightings.values()} == {"a.cn"}


def test_a_single_page_or_another_site_teaches_nothing() -> None:
    alone = prepare_articles([page("a.cn", 0, HOT, FOOTER)])
    assert FOOTER in body(alone.results[0])
    two_sites = prepare_articles([page("a.cn", 0, FOOTER), page("b.cn", 1, FOOTER)])
    assert all(FOOTER in body(r) for r in two_sites.results)


def test_lines_known_from_pages_seen_before_leave_a_new_page() -> None:
    first = prepare_articles([page("a.cn", 0, FOOTER)])
    second = prepare_articles([page("a.cn", 1, FOOTER)])
    known = learn([*first.sightings.values(), *second.sightings.values()])
    later = prepare_articles([page("a.cn", 2, FOOTER)], known)
    assert body(later.results[0]) == list(STORIES[2][1:])


def test_a_pages_own_title_and_lead_are_never_template_lines() -> None:
    title, lead, second = STORIES[0]
    keys = frozenset(k for k in (line_key(title), line_key(lead), line_key(second)) if k)
    assert template_lines([title, lead, second], keys, title) == {2}


def test_short_lines_are_no_template_lines() -> None:
    assert line_key("相关阅读") is None  # under 8 Han characters: recurring labels say too little
    assert line_key(FOOTER) == line_key(FOOTER.replace("，", "， "))  # spacing does not matter


def test_learning_counts_pages_not_lines() -> None:
    key = line_key(FOOTER)
    assert key is not None
    same_page = [Sighting("a.cn", "p1", frozenset({key})), Sighting("a.cn", "p1", frozenset({key}))]
    assert learn(same_page).of("a.cn") == frozenset()
    two_pages = [*same_page, Sighting("a.cn", "p2", frozenset({key}))]
    assert learn(two_pages).of("a.cn") == {key}
    assert learn(two_pages, Templates({"b.cn": frozenset({"x"})})).of("b.cn") == {"x"}


def test_host_of_a_page() -> None:
    assert host_of("https://www.example.cn/a.html", "x.html") == "example.cn"
    assert host_of("", "news.example.cn/2026-03-12-a.html") == "news.example.cn"
    assert host_of("", "a.html") == "" and host_of("/relative", "notes/a.html") == ""
    assert sighting(
        "", "p", ["一二三四五六七八九十"]
    ).keys  # keys are kept; a hostless page is not learned from
