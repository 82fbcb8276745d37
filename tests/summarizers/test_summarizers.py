"""summarize: sumy methods on pre-split sentences, the news selector, the evaluation scorer."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from builders import make_article

from zhbrief.documents import Article
from zhbrief.summarizers import NAMES as METHODS
from zhbrief.summarizers import summarize, summary_length
from zhbrief.summarizers.news import (
    IDEAL_CHARS,
    is_filler,
    length_prior,
    news_scores,
    select_news,
    tfidf_centrality,
)

REPO = Path(__file__).resolve().parents[2]

BODY = (
    (
        "新华社北京9月5日电",
        "国家统计局今天发布数据，八月份全国居民消费价格同比上涨百分之二。",
        "其中，食品价格上涨百分之三，非食品价格上涨百分之一点五。",
    ),
    (
        "图为北京一家超市的蔬菜柜台。",
        "分析人士认为，消费价格温和上涨，物价总体保持稳定。",
        "国家统计局表示，下一步将继续加强价格监测。",
    ),
    ("（记者 张三）",),
)


def article(paragraphs: tuple[tuple[str, ...], ...] = BODY, title: str | None = None) -> Article:
    """These paragraphs of sentences."""
    return make_article(paragraphs, title)


# ---- summary_length ---------------------------------------------------------------------


def test_length_n_fixes_the_number_capped_by_the_article() -> None:
    assert summary_length(10, n=3) == 3
    assert summary_length(2, n=5) == 2


def test_length_ratio_rounds_and_keeps_at_least_one() -> None:
    assert summary_length(10, ratio=0.25) == 2  # round(2.5) is 2, banker's rounding
    assert summary_length(10, ratio=0.35) == 4
    assert summary_length(3, ratio=0.01) == 1


def test_length_n_wins_over_ratio() -> None:
    assert summary_length(10, n=1, ratio=0.9) == 1


def test_length_adapts_short_posts_to_long_features() -> None:
    assert summary_length(2) == 1
    assert summary_length(4) == 2
    assert summary_length(20) == 4
    assert summary_length(40) == 6
    assert summary_length(400) == 6
    assert summary_length(0) == 0


@pytest.mark.parametrize("kwargs", [{"n": 0}, {"ratio": 0.0}, {"ratio": 1.5}])
def test_length_rejects_nonsense(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        summary_length(10, **kwargs)  # type: ignore[arg-type]


# ---- summarize ----------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_every_method_returns_valid_indices_in_document_order(method: str) -> None:
    chosen = summarize(article(), method, n=3)
    assert len(chosen) == 3
    assert len(set(chosen)) == 3
    assert all(0 <= i < len(article().sentences) for i in chosen)
    assert list(chosen) == sorted(chosen)


@pytest.mark.parametrize("method", METHODS)
def test_empty_article_gives_empty_summary(method: str) -> None:
    assert summarize(article(()), method) == ()


def test_unknown_method_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown summary method 'bogus'"):
        summarize(article(), "bogus")


def test_repeated_sentences_map_to_their_own_indices() -> None:
    repeated = article(
        (
            ("我们今天讨论的是经济增长问题。", "天气很好。"),
            ("我们今天讨论的是经济增长问题。", "明天继续开会讨论。"),
        )
    )
    for method in METHODS:
        chosen = summarize(repeated, method, n=3)
        assert len(set(chosen)) == len(chosen), method


def test_news_skips_dateline_caption_and_byline() -> None:
    chosen = summarize(article(), "news", n=4)
    texts = [article().sentences[i].norm for i in chosen]
    assert not any(t.startswith(("新华社", "图为", "（记者")) for t in texts)


def test_news_uses_the_title() -> None:
    body = (("今天天气晴朗，市民纷纷外出散步游玩。", "央行宣布下调存款准备金率零点五个百分点。"),)
    assert summarize(article(body), "news", n=1) == (0,)  # lead wins without a title
    assert summarize(article(body, title="央行下调存款准备金率"), "news", n=1) == (1,)


# ---- the selector ---------------------------------------------------------------------------


def test_lead_feature_ranks_equal_sentences_by_position() -> None:
    texts = [
        "甲地今年粮食产量创下新高。",
        "乙地今年钢铁产量创下新高。",
        "丙地今年煤炭产量创下新高。",
    ]
    scores = news_scores(texts)
    assert scores[0] > scores[1] > scores[2]


def test_length_prior_peaks_at_the_ideal_length() -> None:
    assert length_prior(IDEAL_CHARS) == pytest.approx(1.0)
    assert length_prior(IDEAL_CHARS // 2) < length_prior(IDEAL_CHARS - 1) < 1.0
    assert length_prior(3 * IDEAL_CHARS) == pytest.approx(0.5)  # 2·L/(3L + L)
    assert length_prior(0) == 0.0


def test_centrality_favours_the_sentence_on_the_topic() -> None:
    texts = [
        "央行宣布下调存款准备金率。",
        "央行表示，下调存款准备金率将释放长期资金。",
        "今天天气晴朗。",
        "分析人士认为，下调存款准备金率有利于稳定增长。",
    ]
    central = tfidf_centrality(texts)
    assert all(0.0 <= c <= 1.0 for c in central)
    assert min(central[0], central[1], central[3]) > central[2]


def test_centrality_counts_numbers() -> None:
    # the two first sentences differ only in their number, and only 2035 recurs
    central = tfidf_centrality(["目标年份是2035。", "目标年份是1949。", "规划期到2035。"])
    assert central[0] > central[1]


def test_centrality_is_a_cosine_to_the_whole_text() -> None:
    texts = [
        "央行宣布下调存款准备金率0.5个百分点。",
        "央行表示，此举将释放长期资金。",
        "今天天气晴朗。",
    ]
    central = tfidf_centrality(texts)
    assert all(0.0 <= c <= 1.0 for c in central)
    assert tfidf_centrality([texts[0]]) == pytest.approx((1.0,))  # a text against itself
    # term frequencies are relative to the most frequent word: the same article twice over
    # (every sentence repeated) leaves every sentence as central as it was
    assert tfidf_centrality(texts + texts)[:3] == pytest.approx(central)
    assert central[2] < central[0]  # the weather shares no word with the rest


def test_centrality_and_length_can_beat_the_lead() -> None:
    texts = [
        "今天天气晴朗，市民纷纷外出散步游玩，公园里人来人往，十分热闹。",
        "央行宣布下调存款准备金率零点五个百分点。",
        "央行表示，下调存款准备金率将释放长期资金约一万亿元。",
        "分析人士认为，央行下调存款准备金率有利于稳定经济增长。",
    ]
    assert select_news(texts, 1) != (0,)


def test_full_width_digits_count_as_content() -> None:
    half, full = news_scores(["2012年深圳地铁11号线开通。", "２０１２年深圳地铁１１号线开通。"])
    assert half == pytest.approx(full + 0.5)  # the same sentence; only the lead feature differs


def test_lead_bias_breaks_equal_scores() -> None:
    texts = [
        "第一句话讲的是今年的粮食产量。",
        "第二句话讲的是明年的钢铁产量。",
        "第三句话讲的是后年的煤炭产量。",
    ]
    assert select_news(texts, 1) == (0,)


def test_near_duplicates_are_chosen_once() -> None:
    texts = [
        "国务院总理今天在北京会见了来访的法国总统。",
        "国务院总理今天在北京会见了法国总统。",
        "双方就气候变化问题深入交换了意见。",
    ]
    assert select_news(texts, 2) == (0, 2)


def test_output_is_in_document_order() -> None:
    texts = [
        "昨天下午城市东部发生了一场小雨。",
        "某某公司宣布完成新一轮融资五亿元。",
        "公司表示融资将用于研发新产品。",
    ]
    chosen = select_news(texts, 2)
    assert chosen == tuple(sorted(chosen)) and len(chosen) == 2


@pytest.mark.parametrize(
    "text",
    [
        "（记者 张三）",
        "图为会见现场。",
        "第1张",
        "新华社北京9月5日电",
        "本报讯",
        "好。",
        "新华社北京９月５日电",
        "图片来源：网络",
    ],
)
def test_fillers(text: str) -> None:
    assert is_filler(text)


@pytest.mark.parametrize(
    "text",
    [
        "新华社北京9月5日电 国务院总理今天会见了法国总统。",
        "国家统计局今天发布了八月份数据。",
        "国家电网宣布涨价。",
        "他说消息属实了。",
    ],
)
def test_not_fillers(text: str) -> None:
    assert not is_filler(text)


def test_only_fillers_still_gives_a_short_line_but_no_caption() -> None:
    assert select_news(["图为现场。", "好的。"], 1) == (1,)


# ---- the segmenter is silent ---------------------------------------------------------------


def test_summarize_and_key_terms_write_nothing_to_stderr(tmp_path: Path) -> None:
    code = (
        "from zhbrief.documents import Article, Paragraph, Sentence\n"
        "from zhbrief.summarizers import summarize, NAMES as METHODS\n"
        "from zhbrief.keyterms import key_terms\n"
        "s = ['国家统计局今天发布数据。', '消费价格温和上涨。', '物价总体稳定。']\n"
        "a = Article('a', '', None, (Paragraph(tuple(Sentence(t, t) for t in s)),))\n"
        "print([summarize(a, m, n=1) for m in METHODS], key_terms(a))\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "(0,)" in done.stdout
    assert list((tmp_path / "zhbrief").glob("lexicon-*.sqlite"))  # the index: not in /tmp
    assert list((tmp_path / "tmp").iterdir()) == []


def test_sumy_choices_do_not_depend_on_the_hash_seed() -> None:
    # LSA orders its words by string hash; equal ratings used to differ in the last bits
    code = (
        "from zhbrief.documents import Article, Paragraph, Sentence\n"
        "from zhbrief.summarizers import summarize, NAMES as METHODS\n"
        "s = ['记者：为什么想到京东上买正品退假货？', '周某：有个成语叫“狸猫换太子”嘛，电视剧上看的。',"
        " '记者：具体是怎么做的？', '周某：先垫钱在京东买个真的，然后淘宝买个假的。', '再退货，钱退出来。',"
        " '因假货无法二次销售，京东损失达19万元。']\n"
        "a = Article('a', '', None, (Paragraph(tuple(Sentence(t, t) for t in s)),))\n"
        "print([summarize(a, m, n=k) for m in METHODS for k in (1, 2)])\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(outputs) == 1, outputs


def test_importing_summarize_loads_no_segmenter() -> None:
    code = "import sys, zhbrief.summarizers, zhbrief.summarizers.news, zhbrief.keyterms; print('jieba' in sys.modules or 'rjieba' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "False"


# ---- the evaluation scorer ---------------------------------------------------------------


def evaluation() -> ModuleType:
    """evaluation/summaries.py, imported by path (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location(
        "eval_summaries", REPO / "evaluation" / "summaries.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_scorer_counts_chinese_characters() -> None:
    scores = evaluation().scorer().score("我爱北京", "我爱上海")
    assert scores["rouge1"].fmeasure == pytest.approx(0.5)
    assert scores["rouge2"].fmeasure == pytest.approx(1 / 3)
    assert scores["rougeL"].fmeasure == pytest.approx(0.5)


def test_scorer_ignores_spaces() -> None:
    assert evaluation().scorer().score("北 京", "北京")["rouge1"].fmeasure == pytest.approx(1.0)


def test_evaluation_scores_one_record() -> None:
    module = evaluation()
    job = ("x", "国家统计局发布数据。物价稳定。", "国家统计局发布数据", 1, "regex")
    scores = module.score_record(job)
    assert set(scores) == set(module.SYSTEMS)
    assert scores["lead"]["rouge1"] == pytest.approx(2 * 9 / 10 / (9 / 10 + 1))


def test_evaluation_halves_are_even_and_odd_positions() -> None:
    module = evaluation()
    results = [{s: {m: float(k) for m in module.METRICS} for s in module.SYSTEMS} for k in range(5)]
    split = module.halves(results)
    assert split["tuned"]["news"]["rougeL"] == pytest.approx(2.0)  # records 0, 2, 4
    assert split["held out"]["news"]["rougeL"] == pytest.approx(2.0)  # records 1, 3
    assert split["all"]["lead"]["rouge1"] == pytest.approx(2.0)
    table = module.split_table({"lcsts": split}, 1)
    assert table.splitlines()[0] == "| R-L (N=1) | lcsts tuned | lcsts held out | lcsts all |"
    assert len(table.splitlines()) == 2 + len(module.SYSTEMS)


def test_evaluation_long_row_keeps_only_long_sogou_articles(tmp_path: Path) -> None:
    module = evaluation()
    rows = [
        {"id": "short", "article": "短" * module.LONG_CHARS, "headline": "甲"},
        {"id": "long", "article": "长" * (module.LONG_CHARS + 1), "headline": "乙"},
    ]
    (tmp_path / "summaries").mkdir()
    (tmp_path / "summaries" / "sogou-headlines.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
    )
    jobs = module.long_records(tmp_path, 3, "regex")
    assert [job[0] for job in jobs["sogou long"]] == ["long"]
    assert jobs["sogou long"][0][2:] == ("乙", 3, "regex")


def test_evaluation_never_worse_line_names_the_failing_metric() -> None:
    module = evaluation()
    lead = {"rouge1": 0.3, "rouge2": 0.2, "rougeL": 0.25}
    better = {"news": {**lead, "rougeL": 0.26}, "lead": lead}
    worse = {"news": {**lead, "rouge2": 0.19}, "lead": lead}
    assert module.never_worse(better, 3, "sogou long").startswith(
        "news never worse than Lead-3 on sogou long: yes (rouge1 0.300 vs 0.300"
    )
    assert "rouge2 0.190 vs 0.200" in module.never_worse(worse, 3, "sogou long")
    assert ": NO (" in module.never_worse(worse, 3, "sogou long")
