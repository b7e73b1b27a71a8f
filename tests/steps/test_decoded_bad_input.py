"""Decoding rules the bad-input catalogue (tests/test_bad_input.py) found missing (issue 9, item 10): each fixture
plants one defect that used to cost the whole document."""
from __future__ import annotations

import codecs

import pytest

from flows.steps.clean import UndecodableError, decoded

STORY = "Ferry fares rise\n\nThe mayor said on Monday that fares would rise. The council agreed.\n"
# Invented Russian news text (cp1251 is the Windows Cyrillic code page)
RUSSIAN = "Мэр города сказал в понедельник, что цены на билеты вырастут. Жители не согласны с этим решением."


def test_a_run_of_no_break_spaces_is_text_not_binary_content():
    dec = decoded(("\u00a0" * 100 + STORY).encode())          # planted: 100 no-break spaces before the text
    assert dec.encoding == "utf-8" and dec.text.endswith(STORY)


def test_a_few_nul_bytes_in_utf8_text_are_dropped_and_recorded():
    dec = decoded(STORY.replace("Monday", "Mon\x00day\x00").encode())   # planted: two NUL bytes
    assert (dec.text, dec.encoding, dec.repairs) == (STORY, "utf-8", ("nul_bytes_removed",))


@pytest.mark.parametrize("raw", [
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, id="png: few NULs, not UTF-8"),
    pytest.param(STORY.encode() + b"\x00" * 10, id="utf-8 text, NULs over 5% of the bytes"),
])
def test_nul_bytes_in_anything_else_are_binary_content(raw):
    with pytest.raises(UndecodableError) as err:
        decoded(raw)
    assert err.value.reason == "binary_content"


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_utf32_without_a_byte_order_mark_is_decoded(codec):
    dec = decoded(STORY.encode(codec))                          # planted: UTF-32 saved without its BOM
    assert (dec.text, dec.encoding, dec.repairs) == (STORY, "utf-32", ("utf32_without_bom",))


def test_utf8_with_one_stray_latin1_byte_keeps_its_utf8_and_reads_the_byte_as_cp1252():
    text = "\u201cFares will rise,\u201d the mayor said in the caf\u00e9 on Monday."
    raw = text.encode().replace("caf\u00e9".encode(), b"caf\xe9")    # planted: é as one Latin-1 byte
    dec = decoded(raw)
    assert (dec.text, dec.encoding, dec.repairs) == (text, "utf-8", ("stray_bytes_decoded_as_cp1252",))


def test_cp1251_russian_is_not_read_as_cp1252_accented_latin():
    dec = decoded(((RUSSIAN + "\n") * 2).encode("cp1251"))
    assert dec.encoding == "cp1251" and dec.text == (RUSSIAN + "\n") * 2


# Invented Greek and Hebrew news, each with a few Latin words (an agency, a company): mostly one script
GREEK = ("Ο δήμαρχος της πόλης δήλωσε τη Δευτέρα (Reuters) ότι οι τιμές των εισιτηρίων θα αυξηθούν κατά 10%. "
         "Οι κάτοικοι δεν συμφωνούν με την απόφαση της Blue Ferries.")
HEBREW = ("ראש העיר אמר ביום שני (Reuters) כי מחירי הכרטיסים יעלו ב-10% בחודש הבא. "
          "תושבי העיר העתיקה אינם מסכימים עם ההחלטה של Blue Ferries.")


@pytest.mark.parametrize("text, codec", [
    pytest.param(GREEK, "cp1253", id="greek in cp1253 (was read as cp1251 Cyrillic)"),
    pytest.param(HEBREW, "cp1255", id="hebrew in cp1255 (was read as cp1251 Cyrillic)"),
    pytest.param(RUSSIAN, "cp1251", id="russian in cp1251 stays cp1251"),
    pytest.param("قال رئيس البلدية يوم الاثنين إن أسعار العبارات سترتفع بنسبة عشرة في المئة. ووافق المجلس على ذلك.",
                 "cp1256", id="arabic in cp1256 (was read as cp1251 Cyrillic)"),
])
def test_a_code_page_of_a_non_latin_script_is_read_in_its_own_script(text, codec):
    dec = decoded(((text + "\n") * 2).encode(codec))
    assert (dec.encoding, dec.text) == (codec, (text + "\n") * 2)


def test_western_cp1252_text_still_decodes_as_cp1252():
    text = "Le maire a déclaré à l’AFP que les tarifs du ferry augmenteraient. Der Bürgermeister sagte: “Grüße”."
    dec = decoded(text.encode("cp1252"))
    assert (dec.text, dec.encoding) == (text, "cp1252")


def test_only_a_byte_order_mark_is_an_empty_file():
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE):
        with pytest.raises(UndecodableError) as err:
            decoded(bom)
        assert err.value.reason == "empty_file"
