"""Places called by a well-known other name: 泉城 for 济南, 岚岛 for 平潭. People name a place so as often as by
its own name, and no spelling rule (a suffix dropped, a character mistyped) leads from one to the other, so
it takes a table. The table is of places, not of reports: it reads a question about any agency of the place
(泉城城管, 泉城的人社局), and a nickname whose place the index does not hold reads as nothing.

Only names that mean one place to most readers are listed; names shared by several places (江城: 武汉 and
吉林; 鹤城: 齐齐哈尔, and a district of 怀化; 洛城, which is Los Angeles too) are left out rather than
guessed, and so are names inside other names (青城 in 青城山). A nickname that is also the
name of a place the index holds (鹿城区, 鲤城区) is that place: the agency finder reads a query first."""

from __future__ import annotations

from collections.abc import Container

# nickname → the place's own name, as agency names start with it (济南, not 济南市: the finder knows both)
NICKNAMES: dict[str, str] = {
    "泉城": "济南", "岚岛": "平潭", "海坛岛": "平潭", "海坛": "平潭", "羊城": "广州", "花城": "广州",
    "鹏城": "深圳", "蓉城": "成都", "锦官城": "成都", "春城": "昆明", "冰城": "哈尔滨", "星城": "长沙",
    "榕城": "福州", "鹭岛": "厦门", "申城": "上海", "沪上": "上海", "津门": "天津", "金陵": "南京",
    "雾都": "重庆", "筑城": "贵阳", "邕城": "南宁", "庐州": "合肥", "杭城": "杭州",
    "甬城": "宁波", "锡城": "无锡", "姑苏": "苏州", "瓷都": "景德镇", "牛城": "邢台", "齐都": "淄博",
    "椰城": "海口",
}
_LONGEST_FIRST = sorted(NICKNAMES, key=len, reverse=True)


def read_nicknames(text: str, known: Container[str]) -> tuple[str, list[tuple[str, str]]]:
    """The text with each nickname whose place is a name in `known` (the agency finder's aliases: 济南, 平潭)
    replaced by that place's name, and the (nickname, place) pairs read, in order. A nickname that is a name
    in `known` itself (a district called 鹿城区) stays: it is that place. ([] and the text: none read.)"""
    read: list[tuple[str, str]] = []
    for nick in _LONGEST_FIRST:
        place = NICKNAMES[nick]
        if nick in text and place in known and nick not in known:
            text = text.replace(nick, place)
            read.append((nick, place))
    return text, read
