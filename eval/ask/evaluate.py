"""The question box's evaluation: parents' questions in every language, each with the passages that answer it.

    python eval/ask/evaluate.py [--failures]     (make eval-ask)

prints top-1 and top-3 per language, how often a question the guide cannot answer gets "I don't know", the
safety recall and false alarms, and the own-case recognition. The targets of issue 12 apply to the main set
(tests/test_ask_eval.py). Each language file also has a held-out part (held_out, held_out_unanswerable,
held_out_safety), written after the word lists were settled and never used to change them: its numbers are
printed apart, to show how the word lists do on questions they were not written for.
--failures lists what the main set misses (never the held-out part).
"""

import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGUAGES = ("en", "cy", "ar", "bn", "gu", "it", "pa", "pl", "pt", "ro", "es", "ur")


@dataclass
class Scores:
    answered: dict = field(default_factory=dict)  # lang -> [(top1, top3, question, shown keys)]
    held_out: dict = field(default_factory=dict)  # the same, for the held-out questions
    unanswerable: list = field(default_factory=list)  # (lang, question, said "I don't know")
    held_out_unanswerable: list = field(default_factory=list)
    safety: list = field(default_factory=list)  # (lang, question, expected kind, kinds found)
    held_out_safety: list = field(default_factory=list)
    false_alarms: list = field(default_factory=list)  # (lang, question) ordinary questions that got safety
    ordinary: int = 0
    own_case: list = field(default_factory=list)  # (lang, question, expected, found)
    cross: list = field(default_factory=list)  # (page lang, question, top3)

    def rate(self, lang, which, part=None):
        rows = (part or self.answered)[lang]
        return sum(r[which] for r in rows) / len(rows) if rows else 1.0

    def all_rate(self, which, part=None):
        rows = [r for rows in (part or self.answered).values() for r in rows]
        return sum(r[which] for r in rows) / len(rows) if rows else 1.0

    @property
    def dont_know(self):
        return sum(r[2] for r in self.unanswerable) / len(self.unanswerable)

    @property
    def safety_recall(self):
        return sum(r[2] in r[3] for r in self.safety) / len(self.safety)

    @property
    def false_alarm_rate(self):
        return len(self.false_alarms) / self.ordinary


def load_set():
    with (HERE / "topics.toml").open("rb") as file:
        topics = tomllib.load(file)
    sets = {}
    for lang in LANGUAGES:
        with (HERE / f"{lang}.toml").open("rb") as file:
            sets[lang] = tomllib.load(file)
    with (HERE / "cross.toml").open("rb") as file:
        cross = tomllib.load(file)["questions"]
    return topics, sets, cross


def _ranked(asker, topics, lang, question, topic):
    answer = asker.answer(question, lang)
    keys = [r.found_in.key for r in answer.results]
    right = set(topics[topic])
    return answer, (bool(keys) and keys[0] in right, bool(right & set(keys[:3])), question, keys)


def evaluate(asker):
    """Every question of the set asked of ``asker`` (familyguide.ask.answers.Asker)."""
    topics, sets, cross = load_set()
    scores = Scores()
    for lang, questions in sets.items():
        scores.answered[lang], scores.held_out[lang] = [], []
        for question, topic in questions["answerable"]:
            answer, row = _ranked(asker, topics, lang, question, topic)
            scores.answered[lang].append(row)
            _count_alarm(scores, lang, question, answer)
        for question, topic in questions.get("held_out", []):
            scores.held_out[lang].append(_ranked(asker, topics, lang, question, topic)[1])
        for question in questions["unanswerable"]:
            answer = asker.answer(question, lang)
            scores.unanswerable.append((lang, question, not answer.known))
            _count_alarm(scores, lang, question, answer)
        for question in questions.get("held_out_unanswerable", []):
            scores.held_out_unanswerable.append((lang, question, not asker.answer(question, lang).known))
        for question, kind in questions["safety"]:
            scores.safety.append((lang, question, kind, asker.answer(question, lang).safety))
        for question, kind in questions.get("held_out_safety", []):
            scores.held_out_safety.append((lang, question, kind, asker.answer(question, lang).safety))
        for question, kind in questions["own_case"]:
            scores.own_case.append((lang, question, kind, asker.answer(question, lang).own_case))
    for lang, question, topic in cross:
        keys = [r.found_in.key for r in asker.answer(question, lang).results]
        scores.cross.append((lang, question, bool(set(topics[topic]) & set(keys[:3]))))
    return scores


def _count_alarm(scores, lang, question, answer):
    scores.ordinary += 1
    if answer.safety:
        scores.false_alarms.append((lang, question))


def report(scores, failures=False):
    held = scores.held_out
    lines = ["language  questions  top-1  top-3    held out:  questions  top-1  top-3"]
    for lang, rows in scores.answered.items():
        lines.append(
            f"{lang:<9} {len(rows):>9} {scores.rate(lang, 0):6.0%} {scores.rate(lang, 1):6.0%}"
            f"               {len(held[lang]):>9} {scores.rate(lang, 0, held):6.0%} {scores.rate(lang, 1, held):6.0%}"
        )
    count, held_count = (sum(len(r) for r in part.values()) for part in (scores.answered, held))
    lines += [
        f"{'all':<9} {count:>9} {scores.all_rate(0):6.0%} {scores.all_rate(1):6.0%}"
        f"               {held_count:>9} {scores.all_rate(0, held):6.0%} {scores.all_rate(1, held):6.0%}",
        f'Unanswerable questions answered "I don\'t know": {scores.dont_know:.0%} of {len(scores.unanswerable)}',
        f"Safety recall: {scores.safety_recall:.0%} of {len(scores.safety)};"
        f" false alarms on ordinary questions: {scores.false_alarm_rate:.1%} of {scores.ordinary}",
        f"Own-case questions recognised: {sum(r[2] == r[3] for r in scores.own_case)} of {len(scores.own_case)}",
        f"Cross-language questions answered in the top 3: {sum(r[2] for r in scores.cross)} of {len(scores.cross)}",
        f'Held out: "I don\'t know" {sum(r[2] for r in scores.held_out_unanswerable)} of'
        f" {len(scores.held_out_unanswerable)}; safety first {sum(r[2] in r[3] for r in scores.held_out_safety)}"
        f" of {len(scores.held_out_safety)}",
    ]
    if failures:
        lines.append("\nMissed at top-1 (main set only):")
        for lang, rows in scores.answered.items():
            lines += [f"  {lang} {r[2]!r} -> {r[3]}" for r in rows if not r[0]]
        lines += [f"  unanswerable answered: {lang} {q!r}" for lang, q, ok in scores.unanswerable if not ok]
        lines += [f"  safety missed: {lang} {q!r} ({k})" for lang, q, k, found in scores.safety if k not in found]
        lines += [f"  false alarm: {lang} {q!r}" for lang, q in scores.false_alarms]
        lines += [f"  own case: {lang} {q!r} {k} -> {f!r}" for lang, q, k, f in scores.own_case if k != f]
        lines += [f"  cross: {lang} {q!r}" for lang, q, ok in scores.cross if not ok]
    return "\n".join(lines)


def main():
    sys.path.insert(0, str(HERE.parents[1]))
    from familyguide import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "eval", "DATABASE_URL": "sqlite://"})
    print(report(evaluate(app.extensions["familyguide.asker"]), failures="--failures" in sys.argv))


if __name__ == "__main__":
    main()
