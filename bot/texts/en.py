"""English texts, for users whose Telegram language is English."""

from bot.texts.base import Texts

TEXTS = Texts(
    language="en",
    start_intro=(
        "Hello! I answer questions about the committees' minutes, papers and concepts – "
        "with the place where it is written. The documents are in German.\n"
        "Just type your question. /help lists all commands."
    ),
    start_examples_title="For example:",
    examples=(
        "What is Baustein 6?",
        "How many case management posts are filled?",
        "When is the seal award 2020?",
    ),
    help=(
        "How it works:\n"
        "• Type a question, e.g. “who leads the KI” – in groups use /ask or mention me.\n"
        "• Below each answer: more hits, the whole passage, the document as a file."
    ),
    commands={
        "start": "Welcome and examples",
        "help": "Help and commands",
        "ask": "Ask a question: /ask TEXT",
        "documents": "Which documents I know",
        "glossary": "Abbreviations and their meaning",
    },
    answer_title="Answer",
    answer_as_of="as of {year}",
    more_title="Further hit",
    source="Source",
    confidence={"high": "sure", "medium": "likely", "low": "unsure"},
    corrected="(Read as: {pairs})",
    declined=(
        "I found nothing reliable on that in the documents. Try other keywords, or see "
        "/documents for what I know."
    ),
    ask_what="What would you like to know? For example: /ask What is KIM?",
    button_more="More hits",
    button_passage="Whole passage",
    button_document="Document",
    no_more="No further hits.",
    passage_title="The whole passage",
    document_caption="{title} ({details})",
    documents_title="These are the documents I know:",
    documents_empty="No documents have been read in yet.",
    glossary_title="Abbreviations in the documents:",
    glossary_builtin="common abbreviation",
    glossary_empty="I found no abbreviations in the documents.",
    stale="This button is out of date (the documents were updated). Please ask again.",
    slow_down=(
        "You have asked a great many questions in the last minute. Please wait a moment, "
        "then I will gladly answer again."
    ),
    sorry="Sorry, something went wrong on my side. Please try again.",
    unknown_command="I do not know that command. /help shows what I can do.",
    too_long="(Your message was very long; I read only its beginning.)",
)
