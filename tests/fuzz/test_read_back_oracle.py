"""The fuzz tests' oracle for what a PDF reader gets back: it lets MuPDF's one known quirk through (a repeated
letter dropped or tripled) and still catches text that is lost, cut or out of order."""

from .pdftext import missing_from, repeats, squeezed


def test_squeezed_makes_each_run_of_one_character_one():
    assert squeezed("") == ""
    assert squeezed("aaabccd") == "abcd"
    assert squeezed("ধর্মম") == "ধর্ম"
    assert squeezed("e\u0301\u0301") == "e\u0301\u0301"  # marks are not letters: kept


def test_repeats_counts_each_letter_that_comes_right_after_itself():
    assert repeats("abc") == {}
    assert repeats("aaab") == {"a": 2}
    assert repeats("র্কক্") == {"ক": 1}  # the virama between র and ক is a mark


def test_a_repeated_letter_dropped_or_tripled_by_the_reader_is_not_missing():
    assert missing_from("0\u200c\u10fd\u10fd", "0\u200c\u10fd\n") == ""
    assert missing_from("0\u200c\u10fd\u10fd", "0\u200c\u10fd\u10fd\u10fd\n") == ""
    assert missing_from("বাবা ধর্মম", "বাবা ধর্ম") == ""
    assert missing_from("ءء سلام", "سلام ء") == ""  # right to left: counted, one repeat allowed


def test_text_lost_cut_or_out_of_order_is_still_missing():
    assert missing_from("My son talks to me", "My son talks") != ""
    assert missing_from("abc", "ac") == "abc"
    assert missing_from("ab", "ba") == "ab"
    assert missing_from("سلام عليكم", "سلام") != ""  # right to left: compared letter by letter
    assert missing_from("ءء سلام", "سلام") == "ء"  # one repeat allowed, not the letter itself


def test_an_unassigned_character_of_a_right_to_left_block_is_compared_as_right_to_left():
    # U+10EAE (Yezidi's block, unassigned in Python 3.11's Unicode): drawn right to left, so "𐺮0" reads "0𐺮".
    assert missing_from("\U00010eae0", "0\U00010eae") == ""
    assert missing_from("\U00010eae0", "0") == "\U00010eae"


def test_marks_with_no_letter_to_sit_on_may_be_read_back_between_the_letters():
    # Typed after a line break, the marks have no letter: they are not wanted, but a reader gives them back.
    assert missing_from("0\n\u0300\u0300\u1c24\u1360", "0 \u0300\u0300\u1c24\u1360") == ""
    assert missing_from("0\n\u0300\u0300\u1c24\u1360", "0\u1360") == ""
    # As many as were typed may come between, not more: other text between the letters is still wrong.
    assert missing_from("0\n\u0300\u0300\u1c24\u1360", "0 abcdef\u1360") != ""
    assert missing_from("0\n\u0300\u0300\u1c24\u1360", "0 \u0300\u0300\u1c24") != ""
