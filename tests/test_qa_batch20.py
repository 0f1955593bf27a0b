"""The kinds held-out batch 20 (ho1000–ho1049) and its probes found answered wrongly, each asked here in other words
over dev.json's corpus: two columns of one row compared per report (哪几年废止的比制发的多), a threshold that is the
scope's own average (高于七年平均值 / 超过平均数 / 低于平均水平: never the 七 before it), the fastest change over the
year before (比上一年增长最快 / 涨得最快 / 下降得最快: by rate, each year against its own year before), a bound on that
rate (翻了一倍以上 / 同比增长超过50% / 下降超过30%), one condition on two items (行政复议和行政诉讼都不为0), and a rate
written as its formula (（予以公开+部分公开）/总计, 结果纠正÷总计, A+B占总计的比例)."""

from __future__ import annotations

import pytest

from test_dev_questions import ask_turns, dev_corpus, dev_qa  # noqa: F401 (fixtures)


def _says(answer, *parts: str) -> None:
    assert all(p in answer.text for p in parts), answer.text


def _not_says(answer, *parts: str) -> None:
    assert not any(p in answer.text for p in parts), answer.text


def _asked(qa, q: str, says: list[str], not_says: list[str]):
    """The answer to q says every part of `says` and none of `not_says`."""
    a = ask_turns(qa, q)[-1]
    _says(a, *says)
    _not_says(a, *not_says)
    return a


# 平潭 行政规范性文件 制发 / 废止: 2021 69/3, 2022 88/55, 2023 77/132, 2024 62/33, 2025 58/45 (2019/2020 template: no 废止)
@pytest.mark.parametrize("q, says, not_says", [
    ("平潭哪几年的行政规范性文件废止的比制发的多", ["有1份", "2023年", "本年制发件数」：平潭综合实验区2023年77件"], ["2024年）"]),
    ("平潭哪些年份规范性文件制发件数少于废止件数", ["有1份", "2023年"], ["2025年）"]),
    ("平潭哪几年行政规范性文件制发的比废止的多", ["有4份", "2021年", "2022年", "2024年", "2025年"], ["2023年）"]),
])
def test_two_columns_of_one_row_compared_per_report(dev_qa, q, says, not_says) -> None:
    _asked(dev_qa, q, says, not_says)


@pytest.mark.parametrize("q, says, not_says", [
    # 平潭 行政处罚 430 538 1282 2113 1330 1100 644: 7437 ÷ 7 = 1062.43 → 2021–2024
    ("平潭行政处罚决定数高于七年平均值的有哪几年", ["1062.43", "有4份"], ["大于7件"]),
    # 2020 行政处罚: 平潭 538, 伊川 313, 济南 135, 沙河 12, 鹤岗 10 (张店 lost): 1008 ÷ 5 = 201.6
    ("2020年哪些单位的行政处罚决定超过了平均数", ["201.6", "平潭综合实验区", "伊川县城市管理局"], ["济南市城市管理局 135"]),
    # 平潭 新收 23 21 70 74 81 218 154: 641 ÷ 7 = 91.57 → five years below
    ("平潭收到的申请低于平均水平的是哪几年", ["91.57", "有5份"], ["218件"]),
])
def test_a_threshold_that_is_the_scopes_own_average(dev_qa, q, says, not_says) -> None:
    a = _asked(dev_qa, q, says, not_says)
    assert any("÷" in d.how for d in a.derived), a.derived


@pytest.mark.parametrize("q, says", [
    # 行政许可 181 278 2293 10690 2629 4529 2418: fastest rise 2021 (724.82%), most in count 2022 (+8397)
    ("平潭行政许可哪一年比上一年增长最快", ["增幅最大的是2021年", "724.82%"]),
    ("平潭行政许可哪一年比上一年增加得最多", ["增加最多的是2022年", "10690 − 2293 = 8397"]),
    # 新收 21 → 70 (2021): +233.33%
    ("平潭收到的申请哪年涨得最快", ["增幅最大的是2021年", "233.33%"]),
    # 行政处罚 1100 → 644 (2025): −41.45%
    ("平潭行政处罚哪一年降得最快", ["降幅最大的是2025年", "41.45%"]),
])
def test_the_fastest_change_over_the_year_before(dev_qa, q, says) -> None:
    _says(ask_turns(dev_qa, q)[-1], *says)


@pytest.mark.parametrize("q, says, not_says", [
    # 新收 growth: 2020 −8.70%, 2021 233.33%, 2022 5.71%, 2023 9.46%, 2024 169.14%, 2025 −29.36%
    ("平潭哪些年份收到的申请比上一年翻了一倍以上", ["有2年", "2021年", "2024年"], ["2023年比2022年"]),
    ("平潭哪几年新收申请同比增长超过百分之五十", ["有2年", "2021年", "2024年"], ["2022年比2021年"]),
    # 行政处罚 growth: 2023 −37.06%, 2025 −41.45%, 2024 −17.29%
    ("平潭行政处罚哪几年比上一年下降了30%以上", ["有2年", "2023年", "2025年"], ["2024年比2023年"]),
])
def test_a_bound_on_the_rate_over_the_year_before(dev_qa, q, says, not_says) -> None:
    _asked(dev_qa, q, says, not_says)


@pytest.mark.parametrize("q, says, not_says", [
    # 平潭 行政复议 总计 0 0 3 2 2 7 36; 行政诉讼 (both routes) 0 0 12 1 7 19 9 → 2021–2025
    ("平潭哪些年份行政复议和行政诉讼均不为0", ["有5份", "且「行政诉讼"], []),
    # 平潭 行政处罚 > 1000: 2021–2024; 行政许可 > 1000: 2021–2025 → 2021–2024
    ("平潭哪几年行政许可和行政处罚都超过1000件", ["有4份", "且「行政处罚"], ["2025年）"]),
])
def test_one_condition_on_two_items(dev_qa, q, says, not_says) -> None:
    _asked(dev_qa, q, says, not_says)


@pytest.mark.parametrize("q, says", [
    # 平潭2024 予以公开 71 + 部分公开 29 = 100 of （七）总计 218
    ("平潭2024年的公开率（予以公开+部分公开）/总计是多少", ["100件 ÷ 218件 = 45.87%"]),
    ("平潭2024年予以公开+部分公开占总计的比例", ["100件 ÷ 218件 = 45.87%"]),
    # 平潭2025 行政复议 结果纠正 3 / 总计 36; 结果维持 25
    ("平潭2025年行政复议 结果纠正÷总计", ["3件 ÷ 36件 = 8.33%"]),
    ("平潭2025年行政复议结果维持除以总计等于多少", ["25件 ÷ 36件 = 69.44%"]),
])
def test_a_rate_written_as_its_formula(dev_qa, q, says) -> None:
    _says(ask_turns(dev_qa, q)[-1], *says)


@pytest.mark.parametrize("q, says, not_says", [
    # 平潭 行政复议 总计 2019–2025: 0 0 3 2 2 7 36 → without 2025: 2024 (7)
    ("平潭除了2025年以外哪一年行政复议最多", ["不含2025年", "7件（2024年）"], ["36件（2025年）"]),
    # 新收 without 2024 (218): 2025 (154)
    ("不算2024年，平潭哪年收到的申请最多", ["不含2024年", "154件（2025年）"], ["218件（2024年）"]),
    # 行政许可 2019–2025 less 2022 (10690): 181 + 278 + 2293 + 2629 + 4529 + 2418 = 12328
    ("平潭2019至2025年行政许可合计多少，2022年除外", ["12,328件"], ["10690 +"]),
])
def test_a_year_left_out_of_the_years(dev_qa, q, says, not_says) -> None:
    _asked(dev_qa, q, says, not_says)


@pytest.mark.parametrize("q, says", [
    # 平潭 新收 top 3: 218 (2024), 154 (2025), 81 (2023)
    ("平潭收到申请最多的三年加起来一共多少件", ["218 + 154 + 81 = 453"]),
    # 2020 行政处罚 top 2: 平潭 538, 伊川 313
    ("2020年行政处罚决定最多的前两个单位合计多少", ["538 + 313 = 851"]),
])
def test_the_top_n_summed(dev_qa, q, says) -> None:
    _says(ask_turns(dev_qa, q)[-1], *says)


@pytest.mark.parametrize("q, says", [
    # 平潭 行政处罚 2019 430 → 2025 644: 214 over 6 years
    ("平潭2019年到2025年行政处罚决定平均每年增加多少", ["平均每年增加35.67件", "214 ÷ 6 = 35.67"]),
    # 规范性文件 现行有效 2021 665 → 2024 440: −225 over 3 years
    ("平潭2021至2024年规范性文件现行有效件数年均减少几件", ["平均每年减少75件"]),
])
def test_the_change_per_year_between_two_years(dev_qa, q, says) -> None:
    _says(ask_turns(dev_qa, q)[-1], *says)


@pytest.mark.parametrize("q, says", [
    # 平潭 新收 most in 2024 (218): 予以公开 71; fewest in 2020 (21): 部分公开 6
    ("平潭申请最多那年的予以公开是多少", ["218件（2024年）", "2024年「予以公开 · 总计」为71件"]),
    ("平潭收到申请最少的那一年部分公开有几件", ["21件（2020年）", "2020年「部分公开 · 总计」为6件"]),
])
def test_a_part_asked_of_the_year_most_requests_came(dev_qa, q, says) -> None:
    _says(ask_turns(dev_qa, q)[-1], *says)


@pytest.mark.parametrize("q, says, not_says", [
    # 平潭 行政复议 纠正 / 总计: 2021 0/3, 2022 1/2, 2023 1/2, 2024 1/7 = 14.29%, 2025 3/36 = 8.33% (2019/2020: 0/0)
    ("平潭哪几年行政复议纠错率超过10%", ["比例大于10%的有3份", "（2022年）、平潭综合实验区（2023年）、平潭综合实验区（2024年）"],
     ["（2025年）、"]),
    # 部分公开 / 办理结果总计: 2019 4.35%, 2021 7.25%, 2022 12.00%, 2024 13.30% below 20%
    ("平潭有几年的部分公开率低于20%", ["比例少于20%的有4份"], []),
])
def test_a_bound_on_a_share_over_years(dev_qa, q, says, not_says) -> None:
    _asked(dev_qa, q, says, not_says)


@pytest.mark.parametrize("q, says", [
    # 2023 新收: 平潭 81 (15 html), 洪泽 21 (22 pdf)
    ("平潭和洪泽2023年收到的申请加起来多少，洪泽占多少", ["81 + 21 = 102", "21 ÷ 102 = 20.59%"]),
    # 2020 行政处罚: 伊川 313, 济南 135
    ("伊川和济南城管2020年行政处罚哪个多，一共多少", ["多178件", "313 + 135 = 448"]),
])
def test_two_agencies_compared_then_summed(dev_qa, q, says) -> None:
    _says(ask_turns(dev_qa, q)[-1], *says)


@pytest.mark.parametrize("q, says", [
    # 鹤岗2020 行政事业性收费 上一年项目数量 5, 本年增/减 0 (003); 伊川 1 (002)
    ("鹤岗城管2020年的行政事业性收费项目有几个", ["上一年项目数量」为5"]),
    ("伊川2020年收费项目多少个", ["上一年项目数量」为1"]),
])
def test_items_of_a_row_that_counts_them(dev_qa, q, says) -> None:
    _says(ask_turns(dev_qa, q)[-1], *says)


@pytest.mark.parametrize("q, says, not_says", [
    # 平潭 新收 ... 2023 81, 2024 218, 2025 154: first above 100 in 2024
    ("平潭收到的申请是哪一年第一次超过100件的", ["首次大于100件", "2024年（218件）", "2023年81件"], ["2025年（154件）"]),
    # 收费金额 2021 24252.311082, 2022 9116.36, 2023 5949.088667, 2024 18651.06, 2025 4166.241619
    ("平潭行政事业性收费哪一年跌破了5000万元", ["首次少于5000万元", "2025年（4,166.241619万元）"], []),
    # 行政许可 2021 2293 → 2022 10690
    ("平潭的行政许可决定在哪一年突破一万件", ["2022年（10,690件）", "2021年2,293件"], []),
])
def test_the_first_year_a_bound_is_crossed(dev_qa, q, says, not_says) -> None:
    _asked(dev_qa, q, says, not_says)


@pytest.mark.parametrize("q, says", [
    # 平潭2023 予以公开 22 (15 html); 2024 本机关不掌握 75 (16 html)
    ("平潭2023年给予公开的申请有多少件", ["「予以公开 · 总计」为22件"]),
    ("平潭2024年因信息不存在而无法提供的有几件", ["本机关不掌握相关政府信息 · 总计」为75件"]),
])
def test_everyday_words_for_result_rows(dev_qa, q, says) -> None:
    _says(ask_turns(dev_qa, q)[-1], *says)


@pytest.mark.parametrize("q, says", [
    # 平潭 行政复议 总计 2023 2, 2024 7
    ("平潭2023年和2024年的行政复议一共几件，各占多少", ["7 + 2 = 9", "2024年占7 ÷ 9 = 77.78%", "2023年占2 ÷ 9 = 22.22%"]),
    # 2020 行政处罚: 伊川 313, 沙河 12, 鹤岗 10 → 335
    ("沙河、伊川和鹤岗2020年行政处罚加起来多少，各占多少", ["合计335件", "伊川县城市管理局2020年占313 ÷ 335 = 93.43%"]),
])
def test_a_sum_and_each_ones_share_of_it(dev_qa, q, says) -> None:
    _says(ask_turns(dev_qa, q)[-1], *says)
