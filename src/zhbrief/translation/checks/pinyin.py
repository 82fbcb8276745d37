"""Pinyin facts for checks: the syllables a source can be read as, and words spelt in pinyin."""

from __future__ import annotations

import unicodedata

from zhbrief.terms.reading import readings as character_readings

LONGEST = 6  # "zhuang", "chuang", "shuang"
# The toneless syllables of Standard Chinese (and a few dialect readings dictionaries give),
# without the interjections and bare vowels (m, ng, e, ai, an, er...): too short or too English
# to mark a word as pinyin.
_SYLLABLE_TEXT = (
    "ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong bu ca cai can cang "
    "cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai "
    "chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den "
    "deng di dia dian diao die din ding diu dong dou du duan dui dun duo fa fan fang fei fen feng "
    "fiao fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun "
    "guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia "
    "jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng "
    "kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei len leng li lia lian "
    "liang liao lie lin ling liu lo long lou lu luan lue lun luo ma mai man mang mao me mei men "
    "meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nia nian "
    "niang niao nie nin ning niu nong nou nu nuan nue nun nuo pa pai pan pang pao pei pen peng pi "
    "pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que "
    "qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen "
    "seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui "
    "shun shuo si song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie "
    "ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wong wu xi xia xian xiang "
    "xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yong you yu yuan "
    "yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi "
    "zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo"
)  # fmt: skip
SYLLABLES = frozenset(_SYLLABLE_TEXT.split())


def toneless(text: str) -> str:
    """Pinyin without tone marks or ü's dots, lower case, as English writes it: "Lǚ" → "lu"."""
    decomposed = unicodedata.normalize("NFD", text.replace("v", "u"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def split_pinyin(word: str) -> list[str] | None:
    """A word cut into pinyin syllables, longest first ("Chunshan" → chun, shan); None if none fit."""
    word = word.casefold()
    rest: list[list[str] | None] = [None] * len(word) + [[]]
    for i in range(len(word) - 1, -1, -1):
        for j in range(min(len(word), i + LONGEST), i, -1):
            tail = rest[j]
            if tail is not None and word[i:j] in SYLLABLES:
                rest[i] = [word[i:j], *tail]
                break
    return rest[0]


def readings(text: str) -> frozenset[str]:
    """Every toneless syllable the characters of a text can be read as (CC-CEDICT's, all)."""
    return frozenset(s for c in text for s in character_readings(c))
