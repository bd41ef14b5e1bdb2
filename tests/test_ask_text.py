"""The question box's text handling: folding, words, terms, phrases (familyguide/ask/text.py, phrases.py)."""

from hypothesis import given
from hypothesis import strategies as st

from familyguide.ask import phrases, text


def test_case_apostrophes_and_latin_accents_do_not_matter():
    assert text.words("Don’t TAKE my kids") == text.words("dont take my kids")
    assert text.words("mąż mnie bije") == text.words("maz mnie bije")
    assert text.words("decisão Ședința") == ["decisao", "sedinta"]


def test_arabic_and_urdu_letter_variants_and_short_vowels_fold_together():
    assert text.fold("أحضر") == text.fold("احضر") == text.fold("إحضر")
    assert text.fold("مُتَرْجِم") == text.fold("مترجم")
    assert text.fold("کیا") == text.fold("كيا")  # keheh and Farsi yeh
    assert text.fold("بچے") == text.fold("بچي")  # yeh barree
    assert text.fold("مدرسة") == text.fold("مدرسه")  # teh marbuta
    assert text.fold("١٢") == "12"


def test_indic_vowel_signs_stay_inside_their_word():
    assert text.words("আমার বাচ্চাদের") == ["আমার", "বাচ্চাদের"]
    assert text.words("ਮੇਰੇ ਬੱਚੇ") == ["ਮੇਰੇ", "ਬੱਚੇ"]


def test_snowball_stems_where_the_language_has_a_stemmer_and_3_grams_where_it_does_not():
    assert text.terms("children's meetings", "en") == text.terms("childrens meeting", "en")
    assert text.terms("decyzji", "pl") == text.terms("decyzja", "pl")
    welsh = text.terms("plant", "cy")
    assert "plant" in welsh and "#lan" in welsh
    assert set(text.terms("mhlant", "cy")) & set(welsh) - {"plant"}  # a mutated word meets its root


def test_a_phrase_matches_words_that_start_with_its_words_in_order():
    question = text.words("My partner is hitting me again")
    assert phrases.find(tuple(text.words("hit me")), question) == 3  # "hit" matches "hitting"
    assert phrases.find(tuple(text.words("partner hit")), question) == -1  # "is" comes between
    assert phrases.find(tuple(text.words("me hitting")), question) == -1


def test_a_phrase_of_two_longer_words_matches_them_either_way_round_and_a_short_word_keeps_its_order():
    assert phrases.find(tuple(text.words("zabic sie")), text.words("chcę się zabić")) == 1  # Polish word order
    assert phrases.find(tuple(text.words("mnie bije")), text.words("mąż bije mnie")) == 1
    assert phrases.find(tuple(text.words("in danger")), text.words("is there any danger in telling them")) == -1


def test_synonyms_give_a_concept_with_the_guides_words():
    lists = phrases.Phrases(synonyms=[(("kid",), ("child", "children"))])
    assert phrases.concepts(lists, ["my", "kids", "school"]) == [
        [["my"]],
        [["kids"], ["child", "children"]],
        [["school"]],
    ]


@given(st.text())
def test_any_text_gives_words_without_crashing(value):
    for lang in ("en", "ar", "ur", "bn", "cy"):
        assert all(word for word in text.words(value))
        text.terms(value, lang)
