"""Stop words per language, written by hand for procedure text (the README says why)."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    # Lists are written with ё where Russian spells it; analysis folds ё to е first, so we do too.
    return frozenset(text.replace("ё", "е").split())


# Function words only. Kept on purpose: negations (no, not, nor, without) and modals (can, must,
# should), because "do not transfer" and "transfer" are different instructions.
ENGLISH = _words(
    """
    a an and are as at be been being but by did do does doing for from had has have having he her
    here hers him his how i if in into is it its itself me my of off on onto or our ours she so
    such than that the their theirs them then there these they this those through to too us
    was we were what when where which while who whom whose why will with would you your yours
    """
)

# Pronouns, prepositions, conjunctions, particles and forms of быть. Kept on purpose: не, нет, без
# (negation: "нет связи", "не переводить"), нельзя, можно, нужно, надо (the instruction itself),
# numerals (второй линии), and words with a meaning of their own in procedures (другой, после).
RUSSIAN = _words(
    """
    а ах б бы будем будет будете будешь буду будут бывает был была были было быть в вам вами вас
    ваш ваша ваше вашего вашей вашем вашему ваши вашим вашими ваших вашу ведь весь во вот все всё
    всего всей всем всеми всему всех всю вся вы да для до его ее её ей ею если есть еще ещё же ж
    за здесь и из изо или им ими их к как какая какие каким каких какого какое какой какую ко
    когда кого ком кому которая которого которое которой котором которому которую которые
    который которым которыми которых кто ли либо лишь меня мне мной мною мы на над нам нами
    нас наш наша наше нашего нашей нашем нашему наши нашим нашими наших нашу него нее неё ней
    нем нём нему ни ним ними них но ну о об обо он она они оно от ото перед по под при про с
    себе себя со собой сам сама сами само самого самой самому самим самих свое своё своего своей
    своем своём своему свои своим своими своих свой свою своя та так также такая такие таким
    таких такого такое такой такую там те тебе тебя тем теми тех то тобой того той том тому
    тот тоже ту тут ты у уж уже чего чей чем чём что чтоб чтобы чему эта эти этим этими этих это
    этого этой этом этому этот эту я являются является
    """
)
