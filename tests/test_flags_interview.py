"""editorial_note: a question addressed to a guest the article introduces with a surname is
an interviewer's question, asked before the readers; the same question to a first name the
article never introduces is a note to a colleague."""

from __future__ import annotations

import pytest

from ascurate.config import load_config
from ascurate.flags import detect
from ascurate.model import Block, join_blocks

CFG = load_config("/nonexistent/ascurate.toml")

LEAD = {"fr": "Kinésithérapeute à Paris, {name} nous explique comment sa pratique aide les patients atteints de "
              "maladies chroniques à mieux gérer la douleur.",
        "en": "Physiotherapist {name} explains how her practice helps people with chronic conditions manage pain."}
ANSWER = {"fr": "La kinésithérapie intervient dans le traitement des incapacités physiques qui découlent de blessures "
                "et de maladies touchant les muscles, les articulations et les nerfs.",
          "en": "Physiotherapy treats the physical problems that follow injuries and illnesses of the muscles, "
                "joints and nerves, with exercise, manual therapy and advice."}
QUESTION = {"fr": "Bonjour {first}, pouvez-vous nous expliquer en quelques lignes en quoi consiste la kinésithérapie ?",
            "en": "Hello {first}, can you explain in a few lines what physiotherapy involves?"}


def notes(language: str, introduced: str, first: str) -> list:
    blocks = [Block("paragraph", LEAD[language].format(name=introduced)),
              Block("paragraph", QUESTION[language].format(first=first)), Block("paragraph", ANSWER[language])]
    return [f for f in detect(join_blocks(blocks), blocks, CFG, language) if f.kind == "editorial_note"]


@pytest.mark.parametrize(("language", "guest"), [("fr", "François Perrin"), ("en", "Sarah Collins")])
def test_a_question_to_a_guest_introduced_with_a_surname_is_an_interviewers(language, guest):
    assert notes(language, guest, guest.split()[0]) == []


def test_the_same_question_to_a_first_name_the_article_does_not_introduce_is_a_note():
    assert len(notes("fr", "Claire Martin", "François")) == 1
