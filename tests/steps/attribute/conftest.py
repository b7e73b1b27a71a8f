"""The spaCy English pipeline, loaded once for the attribution tests."""
import pytest


@pytest.fixture(scope="session")
def nlp():
    from flows.steps import parse

    return parse.english_pipeline()


@pytest.fixture(scope="session")
def parsed_sentence(nlp):
    """One-sentence ParsedDocument -> its only ParsedSentence."""
    from flows.steps import parse

    def make(text: str):
        return parse.parsed_document([text], [(0, 0, len(text))], nlp).sentences[0]
    return make
