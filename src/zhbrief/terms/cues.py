"""The word lists people's names rest on: surnames, forms of address, cues, function characters."""

from __future__ import annotations

# A surname followed by one of these is a form of address, not a name: 林先生 is "Mr. Lin".
TITLES = {
    "先生": "Mr. {}",
    "女士": "Ms. {}",
    "小姐": "Miss {}",
    "太太": "Mrs. {}",
    "夫人": "Madame {}",
    "老师": "teacher {}",
    "教授": "Professor {}",
    "博士": "Dr. {}",
    "医生": "Dr. {}",
    "书记": "Secretary {}",
    "主任": "Director {}",
    "经理": "manager {}",
    "总": "{}, the boss",
    "董": "{}, the chairman",
    "老": "{}, the elder",
    "律师": "lawyer {}",
    "师傅": "master {}",
    "阿姨": "Auntie {}",
    "某": "a person surnamed {}",  # a name withheld: 李某
}
# The hundred most frequent surnames of mainland China's household register (public ranking),
# and the compound surnames: rarer ones (巴, 于, 万 as surnames) mislead more than they find.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程"
    "魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾"
    "龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文牛温施樊"
    "洪傅葛邢齐伍庞颜倪庄聂章鲁岳翟殷詹申耿俞左柳甘祝包符舒阮柯纪梅童凌毕季裴霍涂苗谷盛翁冉骆"
    "蓝辛靳管柴蒙鲍喻祁蒲滕屈饶牟艾尤穆卓缪简项褚娄窦戚岑宫卜冷晏席卫柏宗瞿桂佟臧闵苟邬卞姬仇"
    "栾隋刁巫寇桑郎甄丛仲虞敖巩佘池迟邝匡鞠荆冀郁胥班储栗燕楚鄢劳谌奚粟冼蔺楼闻厉伊仝郜阚屠豆"
    "朴练廉禹井祖漆支卿狄扈晁芮阙浦戈伏鹿薄邸雍辜羊乌裘亓邰赫杭况宿鲜逯茹诸慕亢嵇湛戎勾茅於揭"
    "尉冶檀昝幸奉衡尧"
) | frozenset(
    ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "司徒", "司空", "夏侯",
     "尉迟", "公孙", "长孙", "端木", "轩辕", "西门", "南宫", "独孤", "宇文")
)  # fmt: skip
# Surnames that are also everyday function words (于本周, 向全国): a name only with a cue.
PREPOSITIONS = frozenset("于向常万")
# Characters that end or link phrases: never part of a given name the segmenter did not find.
FUNCTION = frozenset(
    "的了在是和与及对为被把向从说等也都就还又而或之其这那有没不很更最将已能会要可以所时到"
    "们他她它我你您咱"
)
# Characters the segmenter's guesses glue to the end of a name it does not know (宋涛语, 蔡奇称).
FOLLOWERS = FUNCTION | frozenset("语称讲道指表则曾饰用于")
# A name ending so is a place, a body, a work or a thing named after someone or something, not a
# person: 薛埠镇, 李卜村, 伏羲庙, 卫健委, 顾问团, 鹿鼎记, 幸福感, 白沙滩, 马林鱼, 欧冠赛.
PLACE_END = frozenset(
    "县镇村乡市区省州寺庙堡队厂湖河谷滩路街港湾岛桥楼园馆站委办局署团奖记性感声鱼赛杯剑舰"
)
# The last character of a building or a ground a name can start (林达海渔|广场, 东方君悦|大酒店,
# 阿里·萨米扬|球场, 顾恩思义|殿): after a name and one more character, never a person.
VENUE_END = frozenset("场店厦殿院宫苑府")
# The last character of a noun for a role or a job (总监, 副总裁, 主教练, 老师傅, 患者).
ROLE_END = frozenset("长员师者监裁理官手练席任记委生友民工")
# Words around a two-character name that show it is one: 记者李明, 李明说.
BEFORE = frozenset(
    ("记者", "主任", "书记", "教授", "总统", "总理", "主席", "部长", "市长", "省长", "局长",
     "校长", "院长", "经理", "董事长", "总裁", "教练", "队长", "委员", "代表", "医生", "老师",
     "同志", "先生", "女士", "通讯员", "编辑", "作者", "研究员", "工程师", "厂长", "村民", "县长",
     "首相", "外长", "国务卿", "大使", "发言人", "主帅", "球员", "前锋", "后卫", "门将", "演员",
     "导演", "歌手", "作家", "夫人", "国王", "王子", "公主", "创始人", "秘书长", "议员", "总督",
     "经济学家", "科学家", "专家", "分析师", "律师", "法官", "学生", "市民", "网友", "患者",
     "会见", "会晤", "接见", "采访", "拜会", "拜访", "看望", "慰问", "陪同")
)  # fmt: skip
AFTER = frozenset(
    ("说", "表示", "指出", "认为", "介绍", "告诉", "称", "透露", "强调", "回忆", "同志", "先生",
     "女士", "等人", "教授", "主任", "书记", "一家")
)  # fmt: skip
# Words next to a person's name that say it is Japanese, Korean or Vietnamese (越南总理范明政,
# 岸田文雄首相): its characters are read in that language, not in pinyin (Pham Minh Chinh).
ABROAD = frozenset(
    ("日本", "韩国", "朝鲜", "越南", "日方", "韩方", "朝方", "越方", "首相", "外相", "大臣", "天皇",
     "日籍", "韩籍", "越籍", "日裔", "韩裔", "越通社", "韩联社", "共同社", "朝中社")
)  # fmt: skip
