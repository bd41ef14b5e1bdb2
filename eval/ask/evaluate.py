"""The question box's evaluation: parents' questions in every language, each with the passages that answer it.

    python eval/ask/evaluate.py [--failures]     (make eval-ask)

prints top-1 and top-3 per language, how often a question the guide cannot answer gets "I don't know", the
safety recall and false alarms, and the own-case recognition, for the whole set and for its held-out part
(every third answerable question of each language, never looked at while the synonyms were written).
--failures lists the questions missed in the tuning part only.
"""

import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGUAGES = ("en", "cy", "ar", "bn", "gu", "it", "pa", "pl", "pt", "ro", "es", "ur")
HELD_OUT_EVERY = 3  # the 3rd, 6th, 9th... answerable question of each language is held out


@dataclass
class Scores:
    answered: dict = field(default_factory=dict)  # lang -> [(top1, top3, held_out, question, shown keys)]
    unanswerable: list = field(default_factory=list)  # (lang, question, said "I don't know")
    safety: list = field(default_factory=list)  # (lang, question, expected kind, kinds found)
    false_alarms: list = field(default_factory=list)  # (lang, question) ordinary questions that got safety
    ordinary: int = 0
    own_case: list = field(default_factory=list)  # (lang, question, expected, found)
    cross: list = field(default_factory=list)  # (page lang, question, top3)

    def rate(self, lang, which, held_out=None):
        rows = [r for r in self.answered[lang] if held_out is None or r[2] == held_out]
        return sum(r[which] for r in rows) / len(rows) if rows else 1.0

    def all_rate(self, which, held_out=None):
        rows = [r for rows in self.answered.values() for r in rows if held_out is None or r[2] == held_out]
        return sum(r[which] for r in rows) / len(rows)

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


def evaluate(asker):
    """Every question of the set asked of ``asker`` (familyguide.ask.answers.Asker)."""
    topics, sets, cross = load_set()
    scores = Scores()
    for lang, questions in sets.items():
        rows = scores.answered.setdefault(lang, [])
        for number, (question, topic) in enumerate(questions["answerable"], start=1):
            answer = asker.answer(question, lang)
            keys = [r.found_in.key for r in answer.results]
            right = set(topics[topic])
            rows.append(
                (
                    keys[:1] != [] and keys[0] in right,
                    bool(right & set(keys[:3])),
                    number % HELD_OUT_EVERY == 0,
                    question,
                    keys,
                )
            )
            _count_alarm(scores, lang, question, answer)
        for question in questions["unanswerable"]:
            answer = asker.answer(question, lang)
            scores.unanswerable.append((lang, question, not answer.known))
            _count_alarm(scores, lang, question, answer)
        for question, kind in questions["safety"]:
            scores.safety.append((lang, question, kind, asker.answer(question, lang).safety))
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
    lines = ["language  questions  top-1   top-3   (held out: top-1  top-3)"]
    for lang, rows in scores.answered.items():
        lines.append(
            f"{lang:<9} {len(rows):>9}  {scores.rate(lang, 0):6.0%}  {scores.rate(lang, 1):6.0%}"
            f"             {scores.rate(lang, 0, True):6.0%} {scores.rate(lang, 1, True):6.0%}"
        )
    count = sum(len(r) for r in scores.answered.values())
    lines += [
        f"{'all':<9} {count:>9}  {scores.all_rate(0):6.0%}  {scores.all_rate(1):6.0%}"
        f"             {scores.all_rate(0, True):6.0%} {scores.all_rate(1, True):6.0%}",
        f'Unanswerable questions answered "I don\'t know": {scores.dont_know:.0%} of {len(scores.unanswerable)}',
        f"Safety recall: {scores.safety_recall:.0%} of {len(scores.safety)};"
        f" false alarms on ordinary questions: {scores.false_alarm_rate:.1%} of {scores.ordinary}",
        f"Own-case questions recognised: {sum(r[2] == r[3] for r in scores.own_case)} of {len(scores.own_case)}",
        f"Cross-language questions answered in the top 3: {sum(r[2] for r in scores.cross)} of {len(scores.cross)}",
    ]
    if failures:
        lines.append("\nMissed at top-1 (tuning part only; the held-out part is not shown):")
        for lang, rows in scores.answered.items():
            lines += [f"  {lang} {r[3]!r} -> {r[4]}" for r in rows if not r[0] and not r[2]]
        lines += [f"  unanswerable answered: {lang} {q!r}" for lang, q, ok in scores.unanswerable if not ok]
        lines += [f"  safety missed: {lang} {q!r} ({k})" for lang, q, k, found in scores.safety if k not in found]
        lines += [f"  false alarm: {lang} {q!r}" for lang, q in scores.false_alarms]
        lines += [f"  own case: {lang} {q!r} {k} -> {f!r}" for lang, q, k, f in scores.own_case if k != f]
        lines += [f"  cross: {lang} {q!r}" for lang, q, ok in scores.cross if not ok]
    return "\n".join(lines)


def main():
    sys.path.insert(0, str(HERE.parents[1]))
    from familyguide import create_app

    app = create_app({"TESTING": True})
    print(report(evaluate(app.extensions["familyguide.asker"]), failures="--failures" in sys.argv))


if __name__ == "__main__":
    main()
