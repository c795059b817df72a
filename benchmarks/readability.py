"""Reading level of the patient text: Flesch-Kincaid grade and Flesch reading ease.

    python benchmarks/readability.py            # the figures
    python benchmarks/readability.py --worst 5  # and the hardest views and sentences

Needs textstat 0.7.3 (the [test] extra): later versions fetch a pronunciation dictionary
at run time; 0.7.3 counts syllables with the bundled pyphen dictionaries, offline.
Views are those of dashapp/page/patient_views.py, the same the readability test grades.
"""
from __future__ import annotations

import argparse
import re
import statistics
from importlib.metadata import version

import textstat

from dashapp import clinical
from dashapp.datafiles.clinical_schema import read_clinical
from dashapp.page import patient_views as pv


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(text)


def ease(text: str) -> float:
    return textstat.flesch_reading_ease(text)


def summary(name: str, texts: list[str]) -> str:
    grades = [grade(t) for t in texts]
    eases = [ease(t) for t in texts]
    return (f"{name:<34} n={len(texts):<4} grade median {statistics.median(grades):5.1f}  "
            f"max {max(grades):5.1f}   ease median {statistics.median(eases):5.1f}  "
            f"min {min(eases):5.1f}")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worst", type=int, default=0, help="show the N hardest views/sentences")
    args = parser.parse_args()
    data = read_clinical()
    print(f"textstat {version('textstat')}; grade = Flesch-Kincaid grade, ease = Flesch reading "
          "ease; a view's prose is graded (headings left out)")

    typical_json = [" ".join(pv.explain_json_text(clinical.explain(data, *s)))
                    for s in pv.TYPICAL]
    typical_panel = [pv.as_prose(pv.forward_view(data, s, headings=False)) for s in pv.TYPICAL]
    print(summary("9 typical views, explain --json", typical_json))
    print(summary("9 typical views, whole panel", typical_panel))
    views = {kind: [pv.as_prose(v) for v in vs] for kind, vs in pv.all_views(data, headings=False).items()}
    for kind, texts in views.items():
        print(summary(f"{kind} views", texts))
    every = [t for texts in views.values() for t in texts]
    print(summary("every patient view", every))
    if args.worst:
        print("\nhardest views:")
        ranked = sorted(((grade(t), kind, t) for kind, ts in views.items() for t in ts),
                        reverse=True)
        for g, kind, t in ranked[:args.worst]:
            print(f"  {g:5.1f} [{kind}] {t[:160]}...")
        print("\nhardest sentences (of 8 words or more):")
        seen = {s for t in every for s in sentences(t) if len(s.split()) >= 8}
        for g, s in sorted(((grade(s), s) for s in seen), reverse=True)[:args.worst]:
            print(f"  {g:5.1f} {s}")


if __name__ == "__main__":
    main()
